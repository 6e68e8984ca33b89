import { isObject, type ApiObject } from '../model.js';
import type { Store } from '../store.js';

// Column titles as the recordings show them (cassette views, go-zendesk view.json, salto views).
const COLUMN_TITLES: Record<string, string> = {
  subject: 'Subject', requester: 'Requester', created: 'Requested', updated: 'Updated', group: 'Group',
  assignee: 'Assignee', score: 'Score', type: 'Type', priority: 'Priority', status: 'Status', nice_id: 'ID',
  ticket_id: 'ID', due_date: 'Due date', solved: 'Solved', satisfaction_score: 'Satisfaction',
  attributes_match: 'Skill match', sla_next_breach_at: 'Next SLA breach', brand: 'Brand', updated_by_type: 'Updater',
  submitter: 'Submitter', organization: 'Organization', assigned: 'Assigned', updated_requester: 'Requester updated',
  updated_assignee: 'Assignee updated', locale_id: 'Requester language', ticket_form: 'Ticket form',
};

// Recorded (go-zendesk view.json, salto): `sort_by: "nice_id"` reads back as `sort: {id: "ticket_id", title: "ID"}`.
const SORT_IDS: Record<string, string> = { nice_id: 'ticket_id' };

// The spec's "View columns" table writes the Subject column as `description`; every recording reads
// it back as `{id: "subject", title: "Subject"}` (cassettes ZendeskAPI_View, go-zendesk view.json).
const READ_BACK_AS: Record<string, string> = { description: 'subject' };

// Recorded (cassette ZendeskAPI_View/creation): a view created without output gets these.
const DEFAULT_COLUMNS = ['subject', 'requester', 'created', 'updated', 'group', 'assignee'];

const customFieldId = (column: unknown): number | undefined => {
  if (typeof column === 'number') return column;
  if (typeof column === 'string' && /^\d+$/.test(column)) return Number(column);
  const match = typeof column === 'string' ? /^custom_fields_(\d+)$/.exec(column) : null;
  return match ? Number(match[1]) : undefined;
};

/** Custom field columns read back as `{id, title, type, url}`; `url` is filled in when rendered. */
function column(id: unknown, store: Store): ApiObject {
  const fieldId = customFieldId(id);
  if (fieldId === undefined) {
    const name = READ_BACK_AS[String(id)] ?? String(id);
    return { id: name, title: COLUMN_TITLES[name] ?? name };
  }
  const field = store.get('ticket_fields', fieldId);
  // A missing field is kept as given, so that strict references can refuse it (lenient: stored as given).
  return { id: fieldId, title: field?.title ?? null, type: field?.type ?? null, url: null };
}

const nullableString = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);
/** A view may group or sort by a custom ticket field, given by its numeric id. */
const columnKey = (value: unknown) => (typeof value === 'number' ? value : /^\d+$/.test(String(value ?? '')) ? Number(value) : nullableString(value));

/**
 * Views are written with `output` and read back with `execution` (README; recorded shapes in
 * go-zendesk view.json and salto views): columns with titles, `fields` = the non-custom columns,
 * `custom_fields` = the custom ones, `group` / `sort` objects or null.
 */
export function buildExecution(output: ApiObject, store: Store): ApiObject {
  const ids = Array.isArray(output.columns) ? output.columns : DEFAULT_COLUMNS;
  const columns = ids.map((id) => column(id, store));
  const groupBy = columnKey(output.group_by);
  const sortBy = columnKey(output.sort_by);
  const titleOf = (key: string | number) => (typeof key === 'number' ? String(store.get('ticket_fields', key)?.title ?? key) : (COLUMN_TITLES[key] ?? key));
  const groupOrder = nullableString(output.group_order) ?? 'desc';
  const sortOrder = nullableString(output.sort_order) ?? 'desc';
  return {
    group_by: groupBy,
    group_order: groupOrder,
    sort_by: sortBy,
    sort_order: sortOrder,
    group: groupBy !== null ? { id: groupBy, title: titleOf(groupBy), order: groupOrder } : null,
    sort: sortBy !== null ? { id: typeof sortBy === 'string' ? (SORT_IDS[sortBy] ?? sortBy) : sortBy, title: titleOf(sortBy), order: sortOrder } : null,
    columns,
    fields: columns.filter((c) => typeof c.id === 'string'),
    custom_fields: columns.filter((c) => typeof c.id === 'number'),
  };
}

/** The `output` that would produce a stored view's execution; the base of a partial `output` update. */
export function outputOf(view: ApiObject | undefined): ApiObject {
  const execution = view && isObject(view.execution) ? view.execution : undefined;
  if (!execution) return {};
  const columns = Array.isArray(execution.columns) ? execution.columns.filter(isObject).map((c) => c.id) : undefined;
  return {
    columns,
    group_by: execution.group_by,
    group_order: execution.group_order,
    sort_by: execution.sort_by,
    sort_order: execution.sort_order,
  };
}
