import { recordInvalid } from '../http.js';
import { privateGroupStaysPrivate } from '../rules/private-group-stays-private.js';
import { requiredValue } from '../rules/required-value.js';
import { uniqueValue } from '../rules/unique-value.js';
import { byCreation, type ResourceDescriptor } from './descriptor.js';

// Shape: salto groups (url, id, name, description, default, deleted, timestamps) plus the spec's
// `is_public` (GroupObject; true in every spec example). Spec: cursor and offset pagination, but the
// recording (salto, `page[size]=100`) answers with the offset shape: the recording wins.
export const groups: ResourceDescriptor = {
  type: 'groups',
  singular: 'group',
  idKind: 'number',
  pagination: 'offset',
  unpaginated: 'offset',
  writable: ['name', 'description', 'is_public'],
  createOnly: [],
  template: () => ({
    url: null, id: null, name: null, description: '', is_public: true, default: false, deleted: false,
    created_at: null, updated_at: null,
  }),
  mirrors: [],
  listOrder: byCreation,
  rules: [requiredValue('name'), uniqueValue('groups', 'name'), privateGroupStaysPrivate],
  referenceRules: [],
  refuseDeleteWhileUsed: true,
  // Spec GroupObject.deleted: "Deleted groups get marked as such"; ListGroups has `exclude_deleted`.
  softDelete: 'deleted',
  beforeDelete: (group) =>
    group.default === true
      ? recordInvalid([{ field: 'base', description: 'Base: the default group cannot be deleted', error: 'InvalidValue' }])
      : undefined,
  errorStyle: 'classic',
  updateMethod: 'PUT',
  createStatus: 201,
  keyInPath: false,
  destroyMany: false,
  showMany: false,
  activeList: false,
  optionEndpoints: false,
};
