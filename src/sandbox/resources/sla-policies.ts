import { json } from '../http.js';
import { isObject, type ApiObject } from '../model.js';
import { requiredValue } from '../rules/required-value.js';
import { idsNamedBy, slaFilterReferences } from '../rules/rule-references.js';
import { slaFilter } from '../rules/sla-filter.js';
import { slaPolicyMetrics } from '../rules/sla-policy-metrics.js';
import { appendPosition, byPositionThenId, type ResourceDescriptor } from './descriptor.js';
import { definitionsAnswer } from './sla-definitions.js';

/**
 * Recorded (salto): a filter reads back with both `all` and `any`, and a metric with
 * `business_hours` (assumed: false when left out).
 */
function prepare(input: ApiObject): ApiObject {
  const prepared = { ...input };
  if (isObject(input.filter)) prepared.filter = { all: input.filter.all ?? [], any: input.filter.any ?? [] };
  if (Array.isArray(input.policy_metrics)) {
    prepared.policy_metrics = input.policy_metrics.map((m) => (isObject(m) ? { business_hours: false, ...m } : m));
  }
  return prepared;
}

// Shape: salto slas/policies (url, id, title, description, position, filter, policy_metrics,
// timestamps); positions count from 1 there. The list has offset keys and no pagination (spec:
// no page parameters). Spec: reorder answers 200 with an empty body.
export const slaPolicies: ResourceDescriptor = {
  type: 'sla_policies',
  singular: 'sla_policy',
  idKind: 'number',
  pagination: 'none',
  unpaginated: 'all',
  writable: ['title', 'description', 'position', 'filter', 'policy_metrics'],
  createOnly: [],
  template: () => ({
    url: null, id: null, title: null, description: null, position: null, filter: null, policy_metrics: [],
    created_at: null, updated_at: null,
  }),
  mirrors: [],
  prepare,
  newPosition: appendPosition('sla_policies', 1),
  listOrder: byPositionThenId,
  rules: [requiredValue('title'), slaFilter, slaPolicyMetrics],
  referenceRules: [slaFilterReferences],
  refersTo: idsNamedBy('filter'),
  routes: [{ method: 'GET', pattern: 'slas/policies/definitions', handle: (_r, _p, account) => json(200, definitionsAnswer(account.store)) }],
  errorStyle: 'classic',
  updateMethod: 'PUT',
  createStatus: 201,
  keyInPath: false,
  destroyMany: false,
  showMany: false,
  activeList: false,
  reorder: 'sla_policy_ids',
  reorderAnswer: 'empty',
  firstPosition: 1,
  optionEndpoints: false,
};
