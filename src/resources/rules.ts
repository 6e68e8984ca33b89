import { OCCURRENCE_KEY } from './identity.js';
import { ACTION_SLOTS, COMMON_READ_ONLY, conditionSlots, RULE_SLOTS } from './common.js';
import type { ManagedType, ResourceDescriptor } from './types.js';

/** Triggers, automations, views and macros share their mechanics; only these differ. */
function businessRule(
  type: ManagedType,
  singular: string,
  extra: Partial<ResourceDescriptor> & Pick<ResourceDescriptor, 'dependsOn' | 'ordering'>,
): ResourceDescriptor {
  return {
    type,
    singular,
    plural: type,
    apiPath: type,
    paging: 'cursor',
    naturalKey: 'title',
    renameKey: 'previous_title',
    readOnly: [...COMMON_READ_ONLY, 'raw_title', 'raw_description'],
    localOnly: ['previous_title', OCCURRENCE_KEY],
    references: RULE_SLOTS,
    // go-zendesk POST/triggers.json, salto triggers/automations/macros/views, cassettes
    defaults: { active: true, description: null },
    updateMethod: 'PUT',
    bulk: { updateMany: true, destroyMany: true },
    hasOptions: false,
    isSystem: () => false,
    ...extra,
  };
}

export const triggers = businessRule('triggers', 'trigger', {
  references: [...RULE_SLOTS, { path: ['category_id'], ref: 'Category' }],
  dependsOn: ['groups', 'custom_statuses', 'ticket_fields', 'ticket_forms', 'trigger_categories', 'webhooks'],
  ordering: { kind: 'categories', categoryType: 'trigger_categories', categoryKey: 'category_id', jobPath: 'trigger_categories/jobs', orderSchema: 'trigger-order.schema.json' },
});

export const automations = businessRule('automations', 'automation', {
  dependsOn: ['groups', 'custom_statuses', 'ticket_fields', 'ticket_forms', 'webhooks'],
  ordering: { kind: 'position_list' },
});

/** A view or macro restricted to one user (`restriction: {type: User, id}`) is that agent's own. */
const restrictedToOneUser = (live: Record<string, unknown>): boolean => (live.restriction as { type?: unknown } | null | undefined)?.type === 'User';

export const views = businessRule('views', 'view', {
  defaults: { active: true, description: null, restriction: null },
  isPersonal: restrictedToOneUser,
  readOnly: [...COMMON_READ_ONLY, 'raw_title', 'raw_description', 'execution', 'watchable'],
  references: [
    ...conditionSlots('conditions'),
    { path: ['restriction'], restriction: true },
    { path: ['output', 'columns', '*'], ref: 'Field' },
    { path: ['output', 'group_by'], ref: 'Field' },
    { path: ['output', 'sort_by'], ref: 'Field' },
  ],
  dependsOn: ['groups', 'custom_statuses', 'ticket_fields', 'ticket_forms'],
  ordering: { kind: 'position_list' },
  partialKeys: ['output'],
  adaptLive: viewOutputFromExecution,
});

/**
 * The spec's "View columns" table writes the Subject column as `description`; Zendesk reads it back
 * as `subject` (every recorded view). Files hold the written form.
 */
export const WRITTEN_AS: Readonly<Record<string, string>> = { subject: 'description' };

/**
 * Zendesk: a view is written with `output` (column ids, group_by, sort_by …) but read back
 * with `execution` ({id, title} columns, group and sort objects). Files hold the `output` form.
 */
function viewOutputFromExecution(live: Record<string, unknown>): Record<string, unknown> {
  const execution = live.execution as Record<string, unknown> | undefined;
  if (!execution || live.output) return live;
  const output: Record<string, unknown> = {};
  const columns = execution.columns as { id: unknown }[] | undefined;
  if (columns) output.columns = columns.map((column) => WRITTEN_AS[String(column.id)] ?? column.id);
  for (const key of ['group_by', 'group_order', 'sort_by', 'sort_order']) {
    if (execution[key] !== undefined && execution[key] !== null) output[key] = execution[key];
  }
  if (output.group_by === undefined) delete output.group_order;
  return { ...live, output };
}

export const macros = businessRule('macros', 'macro', {
  defaults: { active: true, description: null, restriction: null },
  isPersonal: restrictedToOneUser,
  readOnly: [...COMMON_READ_ONLY, 'raw_title', 'raw_description', 'usage_1h', 'usage_24h', 'usage_7d', 'usage_30d', 'app_installation', 'categories', 'permissions'],
  references: [...ACTION_SLOTS, { path: ['restriction'], restriction: true }],
  dependsOn: ['groups', 'custom_statuses', 'ticket_fields', 'ticket_forms'],
  ordering: { kind: 'position_list' },
});
