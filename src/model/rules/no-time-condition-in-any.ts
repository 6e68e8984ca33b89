import { error, type Diagnostic } from '../diagnostics.js';
import { isTimeCondition } from './automation-time-condition.js';
import { addressOf, conditionsOf, type ValidationRule } from './rule.js';

/** Zendesk rejects time-based conditions under `any` ("Time based conditions must be in 'all'"). */
export const noTimeConditionInAny: ValidationRule = {
  name: 'no-time-condition-in-any',
  description: 'time-based conditions are allowed in conditions.all only',
  check: ({ objectsOf }) =>
    objectsOf('automations').flatMap((automation) =>
      conditionsOf(automation, 'any').flatMap((condition, index): Diagnostic[] =>
        isTimeCondition(condition.field)
          ? [
              error('no-time-condition-in-any', `time-based condition "${String(condition.field)}" is in conditions.any`, {
                address: addressOf(automation),
                source: automation.yaml.locate(['conditions', 'any', index]),
                detail: 'Zendesk only accepts time-based conditions in conditions.all; move it there',
              }),
            ]
          : [],
      ),
    ),
};
