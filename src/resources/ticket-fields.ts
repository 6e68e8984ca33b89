import { OCCURRENCE_KEY } from './identity.js';
import { COMMON_READ_ONLY } from './common.js';
import type { ResourceDescriptor } from './types.js';

/** The types an admin can create; every other type (subject, tickettype, priority …) is built in. */
export const CUSTOM_TICKET_FIELD_TYPES: ReadonlySet<string> = new Set(['text', 'textarea', 'checkbox', 'date', 'integer', 'decimal', 'regexp', 'partialcreditcard', 'multiselect', 'tagger', 'lookup']);

export const ticketFields: ResourceDescriptor = {
  type: 'ticket_fields',
  singular: 'ticket_field',
  plural: 'ticket_fields',
  apiPath: 'ticket_fields',
  paging: 'cursor',
  naturalKey: 'title',
  renameKey: 'previous_title',
  referencedAs: 'Field',
  readOnly: [...COMMON_READ_ONLY, 'raw_title', 'raw_description', 'raw_title_in_portal', 'removable', 'system_field_options', 'creator_user_id', 'creator_app_name'],
  localOnly: ['previous_title', OCCURRENCE_KEY],
  references: [],
  // sandbox template, go-zendesk POST/ticket_fields.json, salto ticket_fields
  defaults: {
    description: '', agent_description: null, active: true, required: false, collapsed_for_agents: false, regexp_for_validation: null,
    visible_in_portal: false, editable_in_portal: false, required_in_portal: false, tag: null,
  },
  dependsOn: [],
  updateMethod: 'PUT',
  ordering: { kind: 'reorder_endpoint', path: 'ticket_fields/reorder', bodyKey: 'ticket_field_ids' },
  bulk: { updateMany: false, destroyMany: false },
  hasOptions: true,
  createOnly: { keys: ['type'], noun: 'field', replaceLoses: 'loses the values stored in it' },
  // Subject, Description, Status, Type, Priority, Group, Assignee … come with every account.
  // Zendesk marks Type and Priority `removable: true` (salto ticket_fields), so the type decides.
  // What Admin Center lets an admin change on Subject, Description, Status, Type, Priority, Group, Assignee
  // (spec TicketFieldObject; `active` only on Type and Priority, which Zendesk enforces itself).
  builtInNames: ['Subject', 'Description', 'Status', 'Type', 'Priority', 'Group', 'Assignee'],
  editableSystem: {
    matchKey: 'type',
    editable: ['title', 'description', 'agent_description', 'title_in_portal', 'visible_in_portal', 'editable_in_portal', 'required_in_portal', 'required', 'active'],
  },
  isSystem: (live) => live.removable === false || !CUSTOM_TICKET_FIELD_TYPES.has(String(live.type)),
};
