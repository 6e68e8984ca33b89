import type { ManagedType } from '../../resources/index.js';
import type { Diagnostic } from '../diagnostics.js';
import type { DesiredObject, LoadedInstance } from '../instance.js';

/** The loaded instance, with objects grouped by type for the rules. */
export interface RuleContext {
  instance: LoadedInstance;
  objectsOf(type: ManagedType): readonly DesiredObject[];
}

/** One of Zendesk's rules (or zdctl's), checked offline. A pure function of the loaded files. */
export interface ValidationRule {
  /** The diagnostic code it reports under. */
  name: string;
  /** What Zendesk says, in one line, for the docs. */
  description: string;
  check(context: RuleContext): Diagnostic[];
}

export function addressOf(object: DesiredObject): string {
  return `${object.type}/${object.key}`;
}

export type Condition = { field?: unknown; operator?: unknown; value?: unknown };

export function conditionsOf(object: DesiredObject, list: 'all' | 'any'): Condition[] {
  const conditions = object.data.conditions as { all?: Condition[]; any?: Condition[] } | undefined;
  return conditions?.[list] ?? [];
}

export function actionsOf(object: DesiredObject): Condition[] {
  return (object.data.actions as Condition[] | undefined) ?? [];
}
