import { OCCURRENCE_KEY } from './identity.js';
import { COMMON_READ_ONLY } from './common.js';
import type { ResourceDescriptor } from './types.js';

export const triggerCategories: ResourceDescriptor = {
  type: 'trigger_categories',
  singular: 'trigger_category',
  plural: 'trigger_categories',
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
  ordering: { kind: 'category_of', memberType: 'triggers', jobPath: 'trigger_categories/jobs' },
  bulk: { updateMany: false, destroyMany: false },
  hasOptions: false,
  isSystem: () => false,
};
