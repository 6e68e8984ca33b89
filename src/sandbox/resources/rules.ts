import { actionsRequired, requiredValue } from '../rules/required-value.js';
import { automationTimeCondition } from '../rules/automation-time-condition.js';
import { triggerCategoryExists } from '../rules/trigger-category-exists.js';
import { viewColumnLimit } from '../rules/view-column-limit.js';
import { viewRequiredCondition } from '../rules/view-required-condition.js';
import { idsNamedBy, ruleReferences, viewFieldReferences } from '../rules/rule-references.js';
import { triggerCategories } from './trigger-categories.js';
import type { ApiObject } from '../model.js';
import type { Store } from '../store.js';
import { activeFilter, appendPosition, byPositionThenId, numberOr, type ResourceDescriptor } from './descriptor.js';
import { normalizeConditions } from './conditions.js';
import { buildExecution, outputOf } from './view-execution.js';

const ruleDefaults = {
  idKind: 'number',
  pagination: 'cursor',
  unpaginated: 'offset',
  createOnly: [],
  errorStyle: 'classic',
  updateMethod: 'PUT',
  createStatus: 201,
  keyInPath: false,
  destroyMany: true,
  showMany: false,
  activeList: true,
  optionEndpoints: false,
  filter: activeFilter,
  referenceRules: [ruleReferences],
  refersTo: idsNamedBy('conditions'),
} as const;

function firstCategoryId(store: Store): string | null {
  // The lowest position, the earliest stored among equals (what a stable sort puts first).
  let first: ApiObject | undefined;
  for (const category of store.all('trigger_categories')) {
    if (!first || numberOr(category.position, 0) < numberOr(first.position, 0)) first = category;
  }
  return first ? String(first.id) : null;
}

/** Triggers sit in categories: listed by category position, then their own position. */
function triggerOrder(trigger: ApiObject, store: Store) {
  const category = trigger.category_id == null ? undefined : store.get('trigger_categories', String(trigger.category_id));
  return [numberOr(category?.position, -1), ...byPositionThenId(trigger)];
}

// Key order and defaults: go-zendesk POST/triggers.json and salto triggers (category_id last).
export const triggers: ResourceDescriptor = {
  ...ruleDefaults,
  type: 'triggers',
  singular: 'trigger',
  writable: ['title', 'active', 'position', 'conditions', 'all', 'any', 'actions', 'description', 'category_id', 'category'],
  linkedCreate: { key: 'category', idKey: 'category_id', descriptor: triggerCategories },
  template: ({ store }) => ({
    url: null, id: null, title: null, active: true, updated_at: null, created_at: null, actions: [],
    conditions: { all: [], any: [] }, description: null, position: null, raw_title: null,
    category_id: firstCategoryId(store),
  }),
  mirrors: [['raw_title', 'title']],
  newPosition: appendPosition('triggers'),
  listOrder: triggerOrder,
  rules: [requiredValue('title'), actionsRequired, triggerCategoryExists],
  prepare: (input) => {
    const prepared = normalizeConditions(input);
    if (prepared.category_id !== undefined && prepared.category_id !== null) prepared.category_id = String(prepared.category_id);
    return prepared;
  },
  filter: (trigger, query) => {
    const category = query.get('category_id');
    return activeFilter(trigger, query) && (category === null || String(trigger.category_id) === category);
  },
  updateMany: ['position', 'active', 'category_id'],
};

// Key order: go-zendesk POST/automations.json; new ones go last (cassette: position 10001 after 10000).
export const automations: ResourceDescriptor = {
  ...ruleDefaults,
  type: 'automations',
  singular: 'automation',
  writable: ['title', 'active', 'position', 'conditions', 'all', 'any', 'actions'],
  template: () => ({
    url: null, id: null, title: null, active: true, updated_at: null, created_at: null, actions: [],
    conditions: { all: [], any: [] }, position: null, raw_title: null,
  }),
  mirrors: [['raw_title', 'title']],
  newPosition: appendPosition('automations'),
  listOrder: byPositionThenId,
  rules: [requiredValue('title'), actionsRequired, automationTimeCondition],
  prepare: normalizeConditions,
  updateMany: ['position', 'active'],
};

// Key order: salto views (13 keys); equal positions are listed by title (salto: the four at 9999).
export const views: ResourceDescriptor = {
  ...ruleDefaults,
  type: 'views',
  singular: 'view',
  writable: ['title', 'active', 'position', 'description', 'conditions', 'all', 'any', 'output', 'restriction'],
  template: ({ store }) => ({
    url: null, id: null, title: null, active: true, updated_at: null, created_at: null, position: null,
    description: null, execution: buildExecution({}, store), conditions: { all: [], any: [] },
    restriction: null, watchable: true, raw_title: null,
  }),
  mirrors: [['raw_title', 'title']],
  newPosition: appendPosition('views'),
  listOrder: (view) => [numberOr(view.position, 0), String(view.title ?? '').toLowerCase(), numberOr(view.id, 0)],
  rules: [requiredValue('title'), viewRequiredCondition, viewColumnLimit],
  prepare: (input, { store, existing }) => {
    const { output, ...rest } = normalizeConditions(input);
    if (output === undefined) return rest;
    const merged = { ...outputOf(existing), ...(output as ApiObject | null ?? {}) };
    return { ...rest, execution: buildExecution(merged, store) };
  },
  updateMany: ['position', 'active'],
  showMany: true,
  referenceRules: [ruleReferences, viewFieldReferences],
};

// Key order: salto macros. Macros have no raw_title in any recording; they list alphabetically
// (cassette and salto macro lists are in title order, not position order).
export const macros: ResourceDescriptor = {
  ...ruleDefaults,
  type: 'macros',
  singular: 'macro',
  writable: ['title', 'active', 'position', 'description', 'actions', 'restriction'],
  template: () => ({
    url: null, id: null, title: null, active: true, updated_at: null, created_at: null, position: null,
    description: null, actions: [], restriction: null,
  }),
  mirrors: [],
  newPosition: appendPosition('macros'),
  listOrder: (macro) => [String(macro.title ?? '').toLowerCase(), numberOr(macro.id, 0)],
  rules: [requiredValue('title'), actionsRequired],
  updateMany: ['position', 'active'],
};
