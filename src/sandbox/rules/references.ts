import type { Violation } from '../http.js';
import type { StoredType } from '../model.js';
import type { Store } from '../store.js';

/** An id as a write gives it: a number or a digit string; other strings are not ids (`current_user`, `requester_id`). */
export function numericId(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return String(value);
  if (typeof value === 'string' && /^\d+$/.test(value)) return value;
  return undefined;
}

/** A soft-deleted object (a group with `deleted: true`) is no longer there for anything that names it. */
export const exists = (store: Store, type: StoredType, id: string) => {
  const object = store.get(type, id);
  return object !== undefined && object.deleted !== true;
};

/** What a type is called in an error. */
const NOUNS: Record<StoredType, string> = {
  ticket_fields: 'ticket field', user_fields: 'user field', organization_fields: 'organization field', ticket_forms: 'ticket form',
  trigger_categories: 'trigger category', triggers: 'trigger', automations: 'automation', views: 'view', macros: 'macro',
  groups: 'group', brands: 'brand', schedules: 'schedule', webhooks: 'webhook', targets: 'target', custom_statuses: 'custom status', users: 'user',
  dynamic_content: 'dynamic content item', sla_policies: 'SLA policy', locales: 'locale',
};

export const nounOf = (type: StoredType): string => NOUNS[type];

/** Not recorded: the wording of a missing-id error (README "Errors" gives only the shape). */
export function missing(field: string, type: StoredType, id: string, where: string, by = 'id'): Violation {
  return { field, description: `${where}: there is no ${NOUNS[type]} with ${by} ${id}`, error: 'InvalidValue' };
}
