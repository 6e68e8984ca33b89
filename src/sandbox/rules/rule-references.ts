import type { Violation } from '../http.js';
import { isObject, type ApiObject, type StoredType } from '../model.js';
import type { Reference, Rule } from '../resources/descriptor.js';
import type { Store } from '../store.js';
import { OPTION_FIELD_TYPES, optionsOf } from './options.js';
import { exists, missing, numericId } from './references.js';

// Condition and action fields whose value is an id (spec conditions/actions references).
const VALUE_TYPES: Record<string, StoredType> = {
  group_id: 'groups',
  brand_id: 'brands',
  ticket_form_id: 'ticket_forms',
  schedule_id: 'schedules',
  set_schedule: 'schedules',
  within_schedule: 'schedules',
  custom_status_id: 'custom_statuses',
  assignee_id: 'users',
  requester_id: 'users',
  submitter_id: 'users',
  follower: 'users',
};

// Notification actions: `[id, ...]`. Webhook ids are opaque strings (salto webhooks), the rest numbers.
const FIRST_ELEMENT_TYPES: Record<string, StoredType> = {
  notification_group: 'groups',
  notification_user: 'users',
  notification_target: 'targets',
  notification_webhook: 'webhooks',
};

// How conditions and actions name user and organization fields (salto triggers/definitions).
const CUSTOMER_FIELD_PREFIXES: Array<[string, StoredType]> = [
  ['requester.custom_fields.', 'user_fields'],
  ['organization.custom_fields.', 'organization_fields'],
];

// Zendesk's "no value" in a drop-down condition.
const NONE = '__NULL__';

interface Entry {
  field: string;
  value: unknown;
  where: string;
}

/**
 * Strict references (not recorded): every id the conditions, actions and restriction of a trigger,
 * automation, view or macro name exists — groups, users, brands, forms, schedules, custom statuses,
 * webhooks, targets, custom fields and their options.
 */
export const ruleReferences: Rule = conditionReferences('conditions');

/** The same check over an SLA policy's `filter` (spec SLAPolicyFilterObject: all / any conditions). */
export const slaFilterReferences: Rule = conditionReferences('filter');

function conditionReferences(conditionsKey: string): Rule {
  return (candidate, { store }) => [
    ...entriesOf(candidate, conditionsKey).flatMap((entry) => entryReferences(entry, store)),
    ...restrictionReferences(candidate.restriction, store),
  ];
}

/**
 * The groups, users, brands, forms, schedules, custom statuses, webhooks and targets that an
 * object's conditions, actions and restriction name by id: what an in-use check looks for.
 */
export function idsNamedBy(conditionsKey: string): (object: ApiObject) => Reference[] {
  return (object) => [
    ...entriesOf(object, conditionsKey).flatMap(({ field, value, where }): Reference[] => {
      const base = field.split('#')[0]!;
      const valueType = VALUE_TYPES[base];
      if (valueType) return idsIn(value).map((id) => ({ type: valueType, id, where }));
      const firstType = FIRST_ELEMENT_TYPES[base];
      const id = firstType ? firstElementId(firstType, value) : undefined;
      return firstType && id !== undefined ? [{ type: firstType, id, where }] : [];
    }),
    ...restrictionIds(object.restriction).map(({ type, id }) => ({ type, id, where: 'restriction' })),
  ];
}

function entriesOf(candidate: ApiObject, conditionsKey: string): Entry[] {
  const conditions = isObject(candidate[conditionsKey]) ? candidate[conditionsKey] : {};
  const lists: Array<[string, unknown]> = [
    [`${conditionsKey}.all`, conditions.all],
    [`${conditionsKey}.any`, conditions.any],
    ['actions', candidate.actions],
  ];
  return lists.flatMap(([name, list]) =>
    (Array.isArray(list) ? list : []).flatMap((item, index): Entry[] =>
      isObject(item) && typeof item.field === 'string' ? [{ field: item.field, value: item.value, where: `${name}[${index}] (${item.field})` }] : [],
    ),
  );
}

function entryReferences({ field, value, where }: Entry, store: Store): Violation[] {
  const base = field.split('#')[0]!; // `assignee_id#all_agents`: the part before # decides
  const valueType = VALUE_TYPES[base];
  if (valueType) return idsIn(value).flatMap((id) => (exists(store, valueType, id) ? [] : [missing('base', valueType, id, where)]));
  const firstType = FIRST_ELEMENT_TYPES[base];
  if (firstType) {
    const id = firstElementId(firstType, value);
    return id === undefined || exists(store, firstType, id) ? [] : [missing('base', firstType, id, where)];
  }
  // Rules name a ticket field `custom_fields_<id>`, SLA filters `ticket_fields_<id>` (salto slas/policies/definitions).
  const ticketFieldId = /^(?:custom_fields|ticket_fields)_(\d+)$/.exec(field)?.[1];
  if (ticketFieldId !== undefined) return fieldValueReferences(store.get('ticket_fields', ticketFieldId), 'ticket_fields', ticketFieldId, value, where, 'value');
  for (const [prefix, type] of CUSTOMER_FIELD_PREFIXES) {
    if (!field.startsWith(prefix)) continue;
    const key = field.slice(prefix.length);
    const named = store.fieldsWithKey(type, key)[0];
    return named ? fieldValueReferences(named, type, key, value, where, 'id or value') : [missing('base', type, key, where, 'key')];
  }
  return [];
}

/** The field exists, and a value given to a drop-down is one of its options (ticket fields by value, user and organization fields by id or value). */
function fieldValueReferences(field: ApiObject | undefined, type: StoredType, name: string, value: unknown, where: string, by: string): Violation[] {
  if (!field) return [missing('base', type, name, where)];
  if (!OPTION_FIELD_TYPES.has(String(field.type))) return [];
  const options = optionsOf(field);
  const given = (Array.isArray(value) ? value : [value]).filter((v): v is string | number => (typeof v === 'string' && v !== '' && v !== NONE) || typeof v === 'number');
  return given
    .filter((v) => !options.some((option) => option.value === String(v) || (by !== 'value' && String(option.id) === String(v))))
    .map((v) => ({ field: 'base', description: `${where}: "${String(v)}" is no option (by ${by}) of field ${name}`, error: 'InvalidValue' }));
}

function firstElementId(type: StoredType, value: unknown): string | undefined {
  const first = Array.isArray(value) ? value[0] : undefined;
  return type === 'webhooks' && typeof first === 'string' && first !== '' ? first : numericId(first);
}

function restrictionIds(restriction: unknown): Array<{ type: StoredType; id: string }> {
  if (!isObject(restriction)) return [];
  const type: StoredType = restriction.type === 'User' ? 'users' : 'groups';
  const ids = [restriction.id, ...(Array.isArray(restriction.ids) ? restriction.ids : [])].flatMap((id) => idsIn(id));
  return [...new Set(ids)].map((id) => ({ type, id }));
}

function restrictionReferences(restriction: unknown, store: Store): Violation[] {
  return restrictionIds(restriction).flatMap(({ type, id }) => (exists(store, type, id) ? [] : [missing('restriction', type, id, 'Restriction')]));
}

function idsIn(value: unknown): string[] {
  return (Array.isArray(value) ? value : [value]).flatMap((v) => {
    const id = numericId(v);
    return id === undefined ? [] : [id];
  });
}

/** A view's custom field columns, and a numeric `group_by` / `sort_by`, name ticket fields that exist. */
export const viewFieldReferences: Rule = (view, { store }) => {
  const execution = isObject(view.execution) ? view.execution : {};
  const columns = Array.isArray(execution.custom_fields) ? execution.custom_fields.filter(isObject).map((c) => c.id) : [];
  const named: Array<[string, unknown]> = [
    ...columns.map((id): [string, unknown] => ['output.columns', id]),
    ['output.group_by', execution.group_by],
    ['output.sort_by', execution.sort_by],
  ];
  return named.flatMap(([where, value]) => {
    const id = typeof value === 'number' ? String(value) : undefined;
    return id === undefined || exists(store, 'ticket_fields', id) ? [] : [missing('base', 'ticket_fields', id, where)];
  });
};
