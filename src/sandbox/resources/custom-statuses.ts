import { recordInvalid } from '../http.js';
import type { ApiObject } from '../model.js';
import { defaultStatusStaysActive } from '../rules/default-status-active.js';
import { maxLength } from '../rules/max-length.js';
import { oneOf } from '../rules/one-of.js';
import { requiredValue } from '../rules/required-value.js';
import { uniqueValue } from '../rules/unique-value.js';
import { setDefaultStatuses } from '../endpoints/default-statuses.js';
import { byCreation, type ResourceDescriptor } from './descriptor.js';

// Spec CustomStatusCreateInput.status_category.
export const STATUS_CATEGORIES = ['new', 'open', 'pending', 'hold', 'solved'] as const;

function listFilter(status: ApiObject, query: URLSearchParams): boolean {
  const categories = query.get('status_categories')?.split(',').map((c) => c.trim());
  const flag = (name: string) => (query.has(name) ? String(status[name]) === query.get(name) : true);
  return (categories === undefined || categories.includes(String(status.status_category))) && flag('active') && flag('default');
}

// Shape: salto custom_statuses (15 keys, raw_* mirrors). Spec: "No pagination is provided"; the
// recording answers next_page / previous_page / count, so the list keeps those keys.
export const customStatuses: ResourceDescriptor = {
  type: 'custom_statuses',
  singular: 'custom_status',
  idKind: 'number',
  pagination: 'none',
  unpaginated: 'all',
  writable: ['status_category', 'agent_label', 'end_user_label', 'description', 'end_user_description', 'active'],
  // Spec: CustomStatusUpdateInput has no status_category.
  createOnly: ['status_category'],
  template: () => ({
    url: null, id: null, status_category: null, agent_label: null, raw_agent_label: null, end_user_label: null,
    raw_end_user_label: null, description: '', raw_description: '', end_user_description: '', raw_end_user_description: '',
    active: true, default: false, created_at: null, updated_at: null,
  }),
  mirrors: [
    ['raw_agent_label', 'agent_label'], ['raw_end_user_label', 'end_user_label'], ['raw_description', 'description'],
    ['raw_end_user_description', 'end_user_description'],
  ],
  // Assumed, no recording: the end-user label is the agent label unless given.
  prepare: (input, { existing }) =>
    existing || input.end_user_label !== undefined ? input : { ...input, end_user_label: input.agent_label },
  listOrder: byCreation,
  filter: listFilter,
  rules: [
    oneOf('status_category', STATUS_CATEGORIES), requiredValue('agent_label'), maxLength('agent_label', 48),
    maxLength('end_user_label', 48), uniqueValue('custom_statuses', 'agent_label'), defaultStatusStaysActive,
  ],
  referenceRules: [],
  refuseDeleteWhileUsed: true,
  beforeDelete: (status) =>
    status.default === true
      ? recordInvalid([{ field: 'base', description: 'Base: a default status cannot be deleted', error: 'InvalidValue' }])
      : undefined,
  routes: [{ method: 'PUT', pattern: 'custom_status/default', handle: (request, _params, account) => setDefaultStatuses(customStatuses, account, request.body) }],
  errorStyle: 'classic',
  updateMethod: 'PUT',
  createStatus: 201,
  keyInPath: false,
  destroyMany: false,
  showMany: false,
  activeList: false,
  optionEndpoints: false,
};
