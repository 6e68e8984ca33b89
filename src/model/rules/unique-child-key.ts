import { DESCRIPTORS, MANAGED_TYPES } from '../../resources/index.js';
import { error, type Diagnostic } from '../diagnostics.js';
import type { DesiredObject } from '../instance.js';
import { addressOf, type ValidationRule } from './rule.js';

function duplicatesIn(object: DesiredObject): Diagnostic[] {
  return (DESCRIPTORS[object.type].subCollections ?? []).flatMap((sub) => {
    const children = object.data[sub.key];
    if (!Array.isArray(children)) return [];
    const first = new Map<string, number>();
    return children.flatMap((child: unknown, index) => {
      const match = typeof child === 'object' && child !== null ? (child as Record<string, unknown>)[sub.matchKey] : undefined;
      if (match === undefined) return [];
      const earlier = first.get(String(match));
      if (earlier === undefined) {
        first.set(String(match), index);
        return [];
      }
      return [
        error('unique-child-key', `${sub.key}[${index}] has ${sub.matchKey} ${JSON.stringify(match)}, as ${sub.key}[${earlier}] does`, {
          address: addressOf(object),
          source: object.yaml.locate([sub.key, index, sub.matchKey]),
          detail: `one ${sub.singular} per ${sub.matchKey}: zdctl matches ${sub.key} to the live ones by it (and Zendesk holds one variant per locale)`,
        }),
      ];
    });
  });
}

/** Children (a dynamic content item's variants, a schedule's holidays) are told apart by their match key: each once a parent. */
export const uniqueChildKey: ValidationRule = {
  name: 'unique-child-key',
  description: 'one variant per locale in a dynamic content item; one holiday per name in a schedule',
  check: ({ objectsOf }) => MANAGED_TYPES.flatMap((type) => objectsOf(type).flatMap(duplicatesIn)),
};
