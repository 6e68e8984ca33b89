import { OCCURRENCE_KEY } from './identity.js';
import { COMMON_READ_ONLY } from './common.js';
import type { ReferenceSlot, ResourceDescriptor } from './types.js';

const conditionSlots = (list: string): ReferenceSlot[] => [
  { path: [list, '*', 'parent_field_id'], ref: 'Field' },
  { path: [list, '*', 'child_fields', '*', 'id'], ref: 'Field' },
  { path: [list, '*', 'child_fields', '*', 'required_on_statuses', 'custom_statuses', '*'], ref: 'Status' },
];

export const ticketForms: ResourceDescriptor = {
  type: 'ticket_forms',
  singular: 'ticket_form',
  plural: 'ticket_forms',
  apiPath: 'ticket_forms',
  // Zendesk: ticket forms are offset-paginated only.
  paging: 'offset',
  naturalKey: 'name',
  renameKey: 'previous_name',
  referencedAs: 'Form',
  readOnly: [...COMMON_READ_ONLY, 'raw_name', 'raw_display_name'],
  localOnly: ['previous_name', OCCURRENCE_KEY],
  // sandbox template, cassettes (ticket_forms creation), salto ticket_forms
  defaults: { active: true, end_user_visible: false, in_all_brands: true, restricted_brand_ids: [], end_user_conditions: [], agent_conditions: [] },
  references: [
    { path: ['ticket_field_ids', '*'], ref: 'Field' },
    { path: ['restricted_brand_ids', '*'], ref: 'Brand' },
    ...conditionSlots('agent_conditions'),
    ...conditionSlots('end_user_conditions'),
  ],
  dependsOn: ['custom_statuses', 'ticket_fields'],
  updateMethod: 'PUT',
  ordering: { kind: 'reorder_endpoint', path: 'ticket_forms/reorder', bodyKey: 'ticket_form_ids' },
  bulk: { updateMany: false, destroyMany: false },
  hasOptions: false,
  isSystem: () => false,
};
