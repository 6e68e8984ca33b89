import type { ManagedType } from '../model.js';
import type { Rule } from '../resources/descriptor.js';

// Spec, CustomFieldObject.key: "only letters, numbers, and underscores. It can't be only numbers".
const KEY_FORMAT = /^(?!\d+$)[A-Za-z0-9_]+$/;

/** User and organization field keys are unique within their type and well formed. */
export function uniqueFieldKey(type: ManagedType): Rule {
  return (candidate, { store }) => {
    const key = candidate.key;
    if (typeof key !== 'string' || key === '') return [{ field: 'key', description: 'Key: cannot be blank', error: 'BlankValue' }];
    if (!KEY_FORMAT.test(key)) return [{ field: 'key', description: 'Key: is invalid', error: 'InvalidValue' }];
    const clash = store.fieldsWithKey(type, key).some((other) => String(other.id) !== String(candidate.id));
    return clash ? [{ field: 'key', description: 'Key: has already been taken', error: 'DuplicateValue' }] : [];
  };
}
