import type { Violation } from '../http.js';
import type { StoredType } from '../model.js';
import type { Store } from '../store.js';

/** An id as a write gives it: a number or a digit string; other strings are not ids (`current_user`, `requester_id`). */
export function numericId(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return String(value);
  if (typeof value === 'string' && /^\d+$/.test(value)) return value;
  return undefined;
}

export const exists = (store: Store, type: StoredType, id: string) => store.get(type, id) !== undefined;

/** What a type is called in an error: `ticket field`, `custom status`. */
export const noun = (type: StoredType) => type.replace(/_/g, ' ').replace(/ies$/, 'y').replace(/s$/, '');

/** Not recorded: the wording of a missing-id error (README "Errors" gives only the shape). */
export function missing(field: string, type: StoredType, id: string, where: string, by = 'id'): Violation {
  return { field, description: `${where}: there is no ${noun(type)} with ${by} ${id}`, error: 'InvalidValue' };
}
