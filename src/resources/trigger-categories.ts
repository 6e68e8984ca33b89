import { OCCURRENCE_KEY } from './identity.js';
import { COMMON_READ_ONLY } from './common.js';
import type { ResourceDescriptor } from './types.js';

export const triggerCategories: ResourceDescriptor = {
  type: 'trigger_categories',
  singular: 'trigger_category',
  apiPath: 'trigger_categories',
  paging: 'cursor',
  naturalKey: 'name',
  renameKey: 'previous_name',
  referencedAs: 'Category',
  readOnly: COMMON_READ_ONLY,
  localOnly: ['previous_name', OCCURRENCE_KEY],
  references: [],
  defaults: {},
  dependsOn: [],
  // Zendesk: trigger categories have string ids and are updated with PATCH.
  updateMethod: 'PATCH',
  ordering: { kind: 'trigger_category_jobs' },
  bulk: { updateMany: false, destroyMany: false },
  hasOptions: false,
  isSystem: () => false,
};
