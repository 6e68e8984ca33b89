import { recordInvalid } from '../http.js';
import { requiredValue } from '../rules/required-value.js';
import { activeFilter, appendPosition, byPositionThenId, type ResourceDescriptor } from './descriptor.js';

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
  rules: [requiredValue('name')],
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
