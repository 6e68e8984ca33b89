import { OCCURRENCE_KEY } from './identity.js';
import { COMMON_READ_ONLY } from './common.js';
import type { ResourceDescriptor } from './types.js';

/** Groups of agents: managed where instance.yaml lists `groups` under `manage:`, otherwise looked up by name. */
export const groups: ResourceDescriptor = {
  type: 'groups',
  singular: 'group',
  plural: 'groups',
  apiPath: 'groups',
  paging: 'cursor',
  naturalKey: 'name',
  renameKey: 'previous_name',
  referencedAs: 'Group',
  // spec GroupObject: default and deleted are read-only.
  readOnly: [...COMMON_READ_ONLY, 'default', 'deleted'],
  localOnly: ['previous_name', OCCURRENCE_KEY],
  references: [],
  // salto groups (description ""), spec GroupObject example (is_public true)
  defaults: { description: '', is_public: true },
  dependsOn: [],
  updateMethod: 'PUT',
  ordering: { kind: 'none' },
  bulk: { updateMany: false, destroyMany: false },
  hasOptions: false,
  // spec GroupObject.is_public: "You can't change a private group to a public group".
  oneWay: [{ key: 'is_public', from: false, to: true, why: "Zendesk can't change a private group to a public group", instead: 'create a new public group (another name) and move the rules and agents to it, or keep is_public: false' }],
  optIn: true,
  // spec ExcludeDeleted: the list holds deleted groups too, marked `deleted: true`.
  isDeleted: (live) => live.deleted === true,
  isSystem: () => false,
};
