import { OCCURRENCE_KEY } from './identity.js';
import { COMMON_READ_ONLY } from './common.js';
import type { ResourceDescriptor } from './types.js';

const customerFieldShape = {
  paging: 'cursor',
  naturalKey: 'key',
  readOnly: [...COMMON_READ_ONLY, 'raw_title', 'raw_description', 'system'],
  localOnly: [OCCURRENCE_KEY],
  references: [],
  // cassettes (user_fields creation), salto user_fields and organization_fields
  defaults: { description: '', active: true, regexp_for_validation: null },
  dependsOn: [],
  updateMethod: 'PUT',
  bulk: { updateMany: false, destroyMany: false },
  hasOptions: true,
  createOnly: { keys: ['type'], noun: 'field', replaceLoses: 'loses the values stored in it' },
  isSystem: (live: Record<string, unknown>) => live.system === true,
} as const;

export const userFields: ResourceDescriptor = {
  ...customerFieldShape,
  type: 'user_fields',
  singular: 'user_field',
  plural: 'user_fields',
  apiPath: 'user_fields',
  ordering: { kind: 'reorder_endpoint', path: 'user_fields/reorder', bodyKey: 'user_field_ids' },
};

export const organizationFields: ResourceDescriptor = {
  ...customerFieldShape,
  type: 'organization_fields',
  singular: 'organization_field',
  plural: 'organization_fields',
  apiPath: 'organization_fields',
  ordering: { kind: 'reorder_endpoint', path: 'organization_fields/reorder', bodyKey: 'organization_field_ids' },
};
