import { recordInvalid } from '../http.js';
import { isObject, type ApiObject } from '../model.js';
import { conditionalFieldsOnForm, CONDITION_LISTS } from '../rules/conditional-fields-on-form.js';
import { formReferences } from '../rules/form-references.js';
import { requiredValue } from '../rules/required-value.js';
import type { Store } from '../store.js';
import { activeFilter, appendPosition, byPositionThenId, type Reference, type ResourceDescriptor } from './descriptor.js';

// Template: salto ticket_forms (17 keys); display_name null unless given (cassette ZendeskAPI_TicketForm/creation).
// Ticket forms are offset-only (README "Pagination") and have no update_many / destroy_many.
export const ticketForms: ResourceDescriptor = {
  type: 'ticket_forms',
  singular: 'ticket_form',
  idKind: 'number',
  pagination: 'offset',
  unpaginated: 'offset',
  writable: [
    'name', 'display_name', 'position', 'active', 'default', 'end_user_visible', 'ticket_field_ids', 'in_all_brands',
    'restricted_brand_ids', 'agent_conditions', 'end_user_conditions',
  ],
  createOnly: [],
  template: () => ({
    url: null, id: null, name: null, raw_name: null, display_name: null, raw_display_name: null,
    end_user_visible: false, position: null, ticket_field_ids: [], active: true, default: false, created_at: null,
    updated_at: null, in_all_brands: true, restricted_brand_ids: [], end_user_conditions: [], agent_conditions: [],
  }),
  mirrors: [['raw_name', 'name'], ['raw_display_name', 'display_name']],
  newPosition: appendPosition('ticket_forms'),
  listOrder: byPositionThenId,
  rules: [requiredValue('name'), conditionalFieldsOnForm],
  referenceRules: [formReferences],
  refersTo: statusesRequiredBy,
  beforeDelete: (form) =>
    form.default === true
      ? recordInvalid([{ field: 'base', description: 'The default ticket form cannot be deleted', error: 'InvalidValue' }])
      : undefined,
  /** One form is the default: making another one default unsets it. */
  afterWrite: (form, store) => {
    if (form.default !== true) return;
    for (const other of store.all('ticket_forms')) {
      if (other.id !== form.id && other.default === true) store.put('ticket_forms', { ...other, default: false });
    }
  },
  filter: activeFilter,
  errorStyle: 'classic',
  updateMethod: 'PUT',
  createStatus: 201,
  keyInPath: false,
  destroyMany: false,
  showMany: true,
  activeList: false,
  reorder: 'ticket_form_ids',
  reorderAnswer: 'list',
  optionEndpoints: false,
};

/** The custom statuses a form's conditional child fields are required on: a status in use. */
function statusesRequiredBy(form: ApiObject): Reference[] {
  return CONDITION_LISTS.flatMap((list) =>
    (Array.isArray(form[list]) ? form[list].filter(isObject) : []).flatMap((condition) =>
      (Array.isArray(condition.child_fields) ? condition.child_fields.filter(isObject) : []).flatMap((child) => {
        const statuses = isObject(child.required_on_statuses) ? child.required_on_statuses.custom_statuses : undefined;
        return (Array.isArray(statuses) ? statuses : []).map((id): Reference => ({ type: 'custom_statuses', id: String(id), where: list }));
      }),
    ),
  );
}

/**
 * Assumed, no recording: a deleted ticket field leaves every form — its id goes from
 * `ticket_field_ids`, a condition on it goes, and it goes from the child fields of other
 * conditions (a condition left without children goes too). A form naming a field that does not
 * exist is what strict references refuse, so the sandbox never keeps one either.
 */
export function removeFieldFromForms(store: Store, fieldId: unknown): void {
  const gone = String(fieldId);
  for (const form of store.all('ticket_forms')) {
    const cleaned = withoutField(form, gone);
    if (JSON.stringify(cleaned) !== JSON.stringify(form)) store.put('ticket_forms', { ...cleaned, updated_at: store.timestamp() });
  }
}

function withoutField(form: ApiObject, gone: string): ApiObject {
  const cleaned: ApiObject = { ...form };
  if (Array.isArray(form.ticket_field_ids)) cleaned.ticket_field_ids = form.ticket_field_ids.filter((id) => String(id) !== gone);
  for (const list of CONDITION_LISTS) {
    if (!Array.isArray(form[list])) continue;
    cleaned[list] = form[list]
      .filter((condition) => !isObject(condition) || String(condition.parent_field_id) !== gone)
      .map((condition) =>
        isObject(condition) && Array.isArray(condition.child_fields)
          ? { ...condition, child_fields: condition.child_fields.filter((child) => !isObject(child) || String(child.id) !== gone) }
          : condition,
      )
      .filter((condition) => !isObject(condition) || !Array.isArray(condition.child_fields) || condition.child_fields.length > 0);
  }
  return cleaned;
}
