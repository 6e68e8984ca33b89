import { error, type Diagnostic } from '../model/diagnostics.js';
import { isManagedType } from '../resources/index.js';
import { changeRef } from './dependencies.js';
import type { Change } from './types.js';


/**
 * `--target TYPE` or `--target TYPE/NAME`: those changes and, transitively, the changes they
 * depend on (a trigger's new field comes along), like Terraform's -target.
 */
/** `--target` values that name no managed type: reported before anything is read from Zendesk. */
export function checkTargets(targets: readonly string[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  selectTargets([], [...targets], diagnostics);
  return diagnostics;
}

export function selectTargets(changes: Change[], targets: string[], diagnostics: Diagnostic[]): Change[] {
  const byRef = new Map(changes.map((change) => [changeRef(change), change]));
  const selected = new Set<Change>();
  const visit = (change: Change) => {
    if (selected.has(change)) return;
    selected.add(change);
    for (const ref of change.depends_on) {
      const dependency = byRef.get(ref);
      if (dependency) visit(dependency);
    }
  };
  for (const target of targets) {
    const [type, ...rest] = target.split('/');
    const name = rest.join('/');
    if (!type || !isManagedType(type)) {
      diagnostics.push(error('target', `--target ${target}: "${type}" is not a managed type`, { detail: 'write TYPE or TYPE/NAME, e.g. --target triggers or --target "triggers/Notify requester"' }));
      continue;
    }
    changes.filter((c) => c.type === type && (!name || c.key === name)).forEach(visit);
  }
  return changes.filter((change) => selected.has(change));
}
