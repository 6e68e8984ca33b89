import type { ApiObject } from '../model.js';
import { OPTION_FIELD_TYPES, optionsOf } from '../rules/options.js';
import type { Store } from '../store.js';

/** One condition an SLA filter may use, as `GET /slas/policies/definitions` lists it (salto recording). */
export interface FilterDefinition {
  value: string;
  title: string;
  operators: readonly string[];
  group: string;
  valuesType: 'list' | 'text' | 'date' | 'datetime';
  list(store: Store): Array<{ value: unknown; title: string }>;
  outputKey: string | null;
}

const OPERATOR_TITLES: Record<string, string> = {
  is: 'Is', is_not: 'Is not', includes: 'Contains at least one of the following',
  not_includes: 'Contains none of the following', less_than: 'Less than', less_than_equal: 'Less than or equal to',
  greater_than: 'Greater than', greater_than_equal: 'Greater than or equal to',
};
const IS = ['is', 'is_not'];
const INCLUDES = ['includes', 'not_includes'];
const COMPARE = ['less_than', 'less_than_equal', 'greater_than', 'greater_than_equal'];

const none = () => [];
const named = (store: Store, type: 'brands' | 'ticket_forms' | 'groups' | 'custom_statuses', title = 'name') =>
  store.all(type).filter((o) => o.deleted !== true).map((o) => ({ value: o.id, title: String(o[title] ?? '') }));
const people = (store: Store) => store.all('users').filter((u) => u.role !== 'end-user').map((u) => ({ value: u.id, title: String(u.name ?? '') }));
const fixed = (entries: Array<[unknown, string]>) => () => entries.map(([value, title]) => ({ value, title }));

// Recorded (salto slas/policies/definitions): the account-independent conditions, in its order;
// `type` and `custom_status_id` from the spec's SLAPolicyObject example.
const FIXED: FilterDefinition[] = [
  { value: 'brand_id', title: 'Brand', operators: IS, group: 'ticket', valuesType: 'list', list: (s) => named(s, 'brands'), outputKey: 'brand' },
  { value: 'ticket_form_id', title: 'Form', operators: IS, group: 'ticket', valuesType: 'list', list: (s) => named(s, 'ticket_forms'), outputKey: 'ticket_form' },
  { value: 'ticket_type_id', title: 'Type', operators: IS, group: 'ticket', valuesType: 'list', list: fixed([[0, '-'], [1, 'Question'], [2, 'Incident'], [3, 'Problem'], [4, 'Task']]), outputKey: 'type' },
  { value: 'type', title: 'Type', operators: IS, group: 'ticket', valuesType: 'list', list: fixed([['question', 'Question'], ['incident', 'Incident'], ['problem', 'Problem'], ['task', 'Task']]), outputKey: 'type' },
  { value: 'group_id', title: 'Group', operators: IS, group: 'ticket', valuesType: 'list', list: (s) => [{ value: null, title: '-' }, ...named(s, 'groups')], outputKey: 'group' },
  { value: 'assignee_id', title: 'Assignee', operators: IS, group: 'ticket', valuesType: 'list', list: (s) => [{ value: null, title: '-' }, { value: 'requester_id', title: '(requester)' }, { value: 'current_user', title: '(current user)' }, ...people(s)], outputKey: 'assignee' },
  { value: 'requester_id', title: 'Requester', operators: IS, group: 'ticket', valuesType: 'list', list: (s) => [{ value: 'assignee_id', title: '(assignee)' }, { value: 'current_user', title: '(current user)' }, ...people(s)], outputKey: 'requester' },
  { value: 'organization_id', title: 'Organization', operators: IS, group: 'ticket', valuesType: 'list', list: fixed([[null, '-']]), outputKey: 'organization' },
  { value: 'current_tags', title: 'Tags', operators: INCLUDES, group: 'ticket', valuesType: 'text', list: none, outputKey: null },
  { value: 'via_id', title: 'Channel', operators: IS, group: 'ticket', valuesType: 'list', list: fixed([[0, 'Web form'], [4, 'Email'], [29, 'Chat'], [5, 'Web service (API)']]), outputKey: 'via' },
  { value: 'current_via_id', title: 'Update via', operators: IS, group: 'ticket', valuesType: 'list', list: fixed([[0, 'Web form'], [4, 'Email'], [29, 'Chat'], [5, 'Web service (API)']]), outputKey: null },
  { value: 'ticket_is_public', title: 'Privacy', operators: ['is'], group: 'ticket', valuesType: 'list', list: fixed([['public', 'Public'], ['private', 'Private']]), outputKey: null },
  { value: 'exact_created_at', title: 'Created', operators: COMPARE, group: 'ticket', valuesType: 'datetime', list: none, outputKey: null },
  { value: 'requester_role', title: 'Role', operators: IS, group: 'requester', valuesType: 'list', list: fixed([['end_user', 'End user'], ['agent', 'Agent'], ['admin', 'Admin']]), outputKey: null },
  { value: 'custom_status_id', title: 'Ticket status', operators: INCLUDES, group: 'ticket', valuesType: 'list', list: (s) => named(s, 'custom_statuses', 'agent_label'), outputKey: null },
];

// Recorded operators per user / organization field kind (salto: date, numeric and decimal compare; a checkbox is `is`).
function customerFieldOperators(type: unknown): readonly string[] {
  if (type === 'checkbox') return ['is'];
  if (type === 'date') return [...IS, ...COMPARE];
  if (type === 'integer' || type === 'decimal') return ['is', ...COMPARE, 'is_not'];
  return IS;
}

const optionList = (field: ApiObject) => optionsOf(field).map((o) => ({ value: o.value, title: String(o.name ?? '') }));

/** Every condition this account's SLA filters may use: the fixed ones, drop-down ticket fields, user and organization fields. */
export function filterDefinitions(store: Store): FilterDefinition[] {
  const ticketFields = store.all('ticket_fields').filter((f) => OPTION_FIELD_TYPES.has(String(f.type)) && f.removable !== false);
  const customer = (type: 'user_fields' | 'organization_fields', prefix: string, group: string) =>
    store.all(type).map((field): FilterDefinition => ({
      value: `${prefix}${String(field.key)}`, title: String(field.title ?? ''), operators: customerFieldOperators(field.type), group,
      valuesType: OPTION_FIELD_TYPES.has(String(field.type)) || field.type === 'checkbox' ? 'list' : field.type === 'date' ? 'date' : 'text',
      list: () => optionList(field), outputKey: String(field.id),
    }));
  return [
    ...FIXED,
    ...ticketFields.map((field): FilterDefinition => ({
      value: `ticket_fields_${String(field.id)}`, title: String(field.title ?? ''), operators: INCLUDES, group: 'ticket',
      valuesType: 'list', list: () => optionList(field), outputKey: String(field.id),
    })),
    ...customer('user_fields', 'requester.custom_fields.', 'requester'),
    ...customer('organization_fields', 'organization.custom_fields.', 'organization'),
  ];
}

/** `GET /slas/policies/definitions`: the same list under `all` and `any` (recorded). */
export function definitionsAnswer(store: Store): ApiObject {
  const entries = filterDefinitions(store).map((d) => ({
    title: d.title,
    values: { type: d.valuesType, list: d.list(store) },
    value: d.value,
    operators: d.operators.map((value) => ({ value, title: OPERATOR_TITLES[value] ?? value })),
    group: d.group,
    title_for_field: d.title,
    output_key: d.outputKey,
  }));
  return { definitions: { all: entries, any: entries } };
}
