import type { Rule } from '../resources/descriptor.js';
import { actionFields, conditionList, type Condition } from './conditions.js';

// Hours-since conditions (README: "NEW, OPEN, PENDING, HOLD, SOLVED, CLOSED hours, assigned_at, updated_at, …").
const TIME_FIELDS = new Set([
  'NEW',
  'OPEN',
  'PENDING',
  'HOLD',
  'SOLVED',
  'CLOSED',
  'assigned_at',
  'updated_at',
  'requester_updated_at',
  'assignee_updated_at',
  'due_date',
  'until_due_date',
  'sla_next_breach_at',
  'until_sla_next_breach_at',
  'last_sla_breach_at',
]);

export const isTimeCondition = (condition: Condition) => TIME_FIELDS.has(condition.field);

/** Tag actions nullify tag conditions: they share no field name, so they are mapped to one family. */
const family = (field: string) =>
  ['current_tags', 'set_tags', 'remove_tags', 'add_tags'].includes(field) ? 'tags' : field;

/**
 * An automation runs every hour on every matching ticket, so Zendesk insists it
 * (1) has a time-based condition in `all`, (2) has none in `any`, and
 * (3) nullifies itself: a condition true only once (`is` on hours), or an
 * action that changes a field one of its conditions tests.
 */
export const automationTimeCondition: Rule = (candidate) => {
  const all = conditionList(candidate, 'all');
  const any = conditionList(candidate, 'any');
  const problems = [];
  if (!all.some(isTimeCondition)) {
    problems.push({
      field: 'base',
      description: 'Automations must contain at least one time-based condition in the ALL conditions section',
      error: 'InvalidValue',
    });
  }
  if (any.some(isTimeCondition)) {
    problems.push({
      field: 'base',
      description: 'Time-based conditions are not allowed in the ANY conditions section',
      error: 'InvalidValue',
    });
  }
  if (problems.length === 0 && !nullifiesItself(all, any, actionFields(candidate))) {
    problems.push({
      field: 'base',
      description:
        'Automations must contain a condition that is true only once, or an action that nullifies one of its conditions',
      error: 'InvalidValue',
    });
  }
  return problems;
};

function nullifiesItself(all: Condition[], any: Condition[], actions: string[]): boolean {
  if (all.some((c) => isTimeCondition(c) && c.operator === 'is')) return true;
  const tested = new Set([...all, ...any].map((c) => family(c.field)));
  return actions.some((field) => tested.has(family(field)));
}
