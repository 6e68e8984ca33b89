import type { Rule } from '../resources/descriptor.js';
import type { ManagedType } from '../model.js';

const label = (field: string) => field.charAt(0).toUpperCase() + field.slice(1).replace(/_/g, ' ');

/**
 * No other live object of the type has the same value (case-insensitive): group names, dynamic
 * content names and placeholders, custom status agent labels. Soft-deleted objects do not count.
 */
export function uniqueValue(type: ManagedType, field: string): Rule {
  return (candidate, { store }) => {
    const value = candidate[field];
    if (typeof value !== 'string') return [];
    const same = (other: unknown) => typeof other === 'string' && other.toLowerCase() === value.toLowerCase();
    const clash = store
      .all(type)
      .some((other) => String(other.id) !== String(candidate.id) && other.deleted !== true && same(other[field]));
    return clash ? [{ field, description: `${label(field)}: has already been taken`, error: 'DuplicateValue' }] : [];
  };
}
