import { error } from '../diagnostics.js';
import { addressOf, conditionsOf, type ValidationRule } from './rule.js';

/** Zendesk's time-based condition fields (automations run hourly and test elapsed hours). */
export const TIME_CONDITION_FIELDS = new Set([
  'NEW', 'OPEN', 'PENDING', 'HOLD', 'SOLVED', 'CLOSED',
  'assigned_at', 'updated_at', 'requester_updated_at', 'assignee_updated_at',
  'due_date', 'until_due_date', 'sla_next_breach_at', 'until_sla_next_breach_at',
]);

export const isTimeCondition = (field: unknown): boolean => typeof field === 'string' && TIME_CONDITION_FIELDS.has(field);

/** Zendesk: "Automations must have at least one time-based condition" in `conditions.all`. */
export const automationTimeCondition: ValidationRule = {
  name: 'automation-time-condition',
  description: 'an automation needs a time-based condition (hours since …) in conditions.all',
  check: ({ objectsOf }) =>
    objectsOf('automations')
      .filter((automation) => !conditionsOf(automation, 'all').some((c) => isTimeCondition(c.field)))
      .map((automation) =>
        error('automation-time-condition', 'automation has no time-based condition in conditions.all', {
          address: addressOf(automation),
          source: automation.yaml.locate(['conditions']),
          detail: `add one such as {field: PENDING, operator: greater_than, value: "24"}; time fields: ${[...TIME_CONDITION_FIELDS].join(', ')}`,
        }),
      ),
};
