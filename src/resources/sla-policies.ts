import { OCCURRENCE_KEY } from './identity.js';
import { COMMON_READ_ONLY, conditionSlots } from './common.js';
import type { ResourceDescriptor } from './types.js';

/**
 * SLA policies: always managed, ordered (Zendesk applies the first that matches). The collection
 * is `slas/policies` but the envelope `sla_policy` (spec L11580, L28075).
 */
export const slaPolicies: ResourceDescriptor = {
  type: 'sla_policies',
  singular: 'sla_policy',
  plural: 'sla_policies',
  apiPath: 'slas/policies',
  // spec: no page parameters; the recorded list (salto) answers every policy at once.
  paging: 'none',
  naturalKey: 'title',
  renameKey: 'previous_title',
  readOnly: COMMON_READ_ONLY,
  localOnly: ['previous_title', OCCURRENCE_KEY],
  // salto slas/policies definitions: a ticket drop-down is `ticket_fields_<id>` in a filter.
  references: conditionSlots('filter', 'ticket_fields_id'),
  // salto slas/policies: description null when not given; a policy made without metrics has none.
  defaults: { description: null, policy_metrics: [] },
  dependsOn: ['groups', 'custom_statuses', 'ticket_fields', 'ticket_forms', 'user_fields', 'organization_fields'],
  updateMethod: 'PUT',
  // spec L11718: PUT /slas/policies/reorder with every id, in order.
  ordering: { kind: 'reorder_endpoint', path: 'slas/policies/reorder', bodyKey: 'sla_policy_ids' },
  bulk: { updateMany: false, destroyMany: false },
  hasOptions: false,
  isSystem: () => false,
};
