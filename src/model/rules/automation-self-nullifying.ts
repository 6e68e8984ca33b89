import { error } from '../diagnostics.js';
import type { DesiredObject } from '../instance.js';
import { isTimeCondition } from './automation-time-condition.js';
import { actionsOf, addressOf, conditionsOf, type Condition, type ValidationRule } from './rule.js';

const TAG_ACTIONS = new Set(['current_tags', 'set_tags', 'remove_tags']);

/**
 * Zendesk: an automation must nullify itself, or it would fire every hour on the same tickets.
 * Either a condition is true only once (a time condition with `is`), or an action changes
 * something that one of its conditions tests (a status, a field, a tag).
 */
export const automationSelfNullifying: ValidationRule = {
  name: 'automation-self-nullifying',
  description: 'an automation must nullify itself: a condition true only once, or an action that changes a condition',
  check: ({ objectsOf }) =>
    objectsOf('automations')
      .filter((automation) => !nullifiesItself(automation))
      .map((automation) =>
        error('automation-self-nullifying', 'automation does not nullify itself, so it would fire on the same tickets every hour', {
          address: addressOf(automation),
          source: automation.yaml.locate(['actions']),
          detail: 'add an action that changes a condition (e.g. add a tag that a condition "current_tags not_includes" tests, or change the status), or use a time condition with operator "is"',
        }),
      ),
};

function nullifiesItself(automation: DesiredObject): boolean {
  const conditions = [...conditionsOf(automation, 'all'), ...conditionsOf(automation, 'any')];
  if (conditions.some((c) => isTimeCondition(c.field) && c.operator === 'is')) return true;
  return actionsOf(automation).some((action) => conditions.some((condition) => changes(action, condition)));
}

function changes(action: Condition, condition: Condition): boolean {
  if (TAG_ACTIONS.has(String(action.field))) return condition.field === 'current_tags';
  return action.field === condition.field && !(condition.operator === 'is' && sameValue(action.value, condition.value));
}

const sameValue = (a: unknown, b: unknown): boolean => String(a) === String(b);
