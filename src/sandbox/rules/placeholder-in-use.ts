import { recordInvalid, type ApiResponse } from '../http.js';
import { STORED_TYPES, type ApiObject, type StoredType } from '../model.js';
import type { Store } from '../store.js';
import { nounOf } from './references.js';

/**
 * Assumed, no recording: an item whose placeholder a live text uses (a trigger's notification,
 * a macro comment, a field title, `{{ dc.name }}` with spaces too) is not deleted. Scans every
 * other type, as deleting a ticket field scans the forms.
 */
export function placeholderInUse(owner: StoredType, item: ApiObject, store: Store): ApiResponse | undefined {
  const name = /^\{\{\s*dc\.(.+?)\s*\}\}$/.exec(String(item.placeholder ?? ''))?.[1];
  if (name === undefined) return undefined;
  const pattern = new RegExp(`\\{\\{\\s*dc\\.${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*\\}\\}`);
  const users = STORED_TYPES.filter((type) => type !== owner).flatMap((type) =>
    store
      .all(type)
      .filter((o) => o.deleted !== true && pattern.test(JSON.stringify(o)))
      .map((o) => `${nounOf(type)} "${String(o.title ?? o.name ?? o.agent_label ?? o.id)}" (id ${String(o.id)})`),
  );
  if (users.length === 0) return undefined;
  return recordInvalid(users.map((user) => ({ field: 'base', description: `Base: ${String(item.placeholder)} is in use by ${user}`, error: 'InUse' })));
}
