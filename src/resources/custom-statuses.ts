import { OCCURRENCE_KEY } from './identity.js';
import { COMMON_READ_ONLY } from './common.js';
import type { ResourceDescriptor } from './types.js';

/**
 * Custom ticket statuses: managed where instance.yaml lists `custom_statuses` under `manage:`,
 * otherwise looked up by agent label. The built-in ones (one per category, `default: true`) are
 * only referenced, never changed.
 */
export const customStatuses: ResourceDescriptor = {
  type: 'custom_statuses',
  singular: 'custom_status',
  plural: 'custom_statuses',
  apiPath: 'custom_statuses',
  // spec ListCustomStatuses: no pagination parameters; the whole list in one answer.
  paging: 'none',
  naturalKey: 'agent_label',
  renameKey: 'previous_agent_label',
  referencedAs: 'Status',
  readOnly: [...COMMON_READ_ONLY, 'default', 'raw_agent_label', 'raw_end_user_label', 'raw_description', 'raw_end_user_description'],
  localOnly: ['previous_agent_label', OCCURRENCE_KEY],
  references: [],
  // salto custom_statuses (description "" on a custom one); active on create: spec CustomStatusObject
  defaults: { active: true, description: '', end_user_description: '' },
  dependsOn: [],
  updateMethod: 'PUT',
  ordering: { kind: 'none' },
  bulk: { updateMany: false, destroyMany: false },
  hasOptions: false,
  // spec CustomStatusUpdateInput has no status_category: it is set on create only.
  createOnly: { keys: ['status_category'], noun: 'custom status', replaceLoses: 'moves the tickets that have it to their category\'s built-in status' },
  optIn: true,
  identityFromRaw: false,
  // The built-in statuses every account has (salto custom_statuses; Zendesk's English labels):
  // "Status: Open" needs no file. Plan checks the name against the live account.
  builtInNames: ['New', 'Open', 'Pending', 'On-hold', 'Solved'],
  isSystem: (live) => live.default === true,
};
