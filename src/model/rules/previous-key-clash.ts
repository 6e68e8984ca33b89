import { DESCRIPTORS, MANAGED_TYPES } from '../../resources/index.js';
import { error, type Diagnostic } from '../diagnostics.js';
import type { DesiredObject } from '../instance.js';
import { addressOf, type ValidationRule } from './rule.js';

export function previousKeysOf(object: DesiredObject): string[] {
  const renameKey = DESCRIPTORS[object.type].renameKey;
  const value = renameKey ? object.data[renameKey] : undefined;
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/**
 * A rename (`previous_title`/`previous_name`) must be unambiguous: the old name may not be
 * another object's current name, nor claimed by two objects.
 */
export const previousKeyClash: ValidationRule = {
  name: 'previous-key-clash',
  description: 'previous_title / previous_name may not name another object or be claimed twice',
  check: ({ objectsOf }) =>
    MANAGED_TYPES.flatMap((type) => {
      const objects = objectsOf(type);
      const current = new Map(objects.map((o) => [o.key, o]));
      const claimedBy = new Map<string, DesiredObject>();
      const found: Diagnostic[] = [];
      const renameKey = DESCRIPTORS[type].renameKey ?? 'previous_title';
      for (const object of objects) {
        for (const previous of previousKeysOf(object)) {
          const source = object.yaml.locate([renameKey]);
          const owner = current.get(previous);
          const other = claimedBy.get(previous);
          if (owner && owner !== object) {
            found.push(error('previous-key-clash', `${renameKey} "${previous}" is the current name of ${owner.file}`, { address: addressOf(object), source, detail: 'a rename must name what the object was called before, not another object' }));
          } else if (other) {
            found.push(error('previous-key-clash', `${renameKey} "${previous}" is also claimed by ${other.file}`, { address: addressOf(object), source, detail: 'only one object can be the renamed one' }));
          } else {
            claimedBy.set(previous, object);
          }
        }
      }
      return found;
    }),
};
