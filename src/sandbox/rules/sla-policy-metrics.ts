import type { Violation } from '../http.js';
import { isObject } from '../model.js';
import type { Rule } from '../resources/descriptor.js';

export const SLA_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
// Zendesk's SLA metrics (help center "Defining SLA policies"; the recordings use first_reply_time,
// agent_work_time, periodic_update_time, the spec requester_wait_time).
export const SLA_METRICS = [
  'agent_work_time', 'first_reply_time', 'next_reply_time', 'pausable_update_time', 'periodic_update_time',
  'requester_wait_time', 'total_resolution_time',
] as const;

const problem = (text: string): Violation => ({ field: 'policy_metrics', description: `Policy metrics: ${text}`, error: 'InvalidValue' });

/**
 * Each policy metric names a priority and a metric Zendesk knows, a target in whole minutes above
 * zero and a boolean `business_hours`; one target per priority and metric. Assumed, no recording
 * of a refusal: the checks and their wording.
 */
export const slaPolicyMetrics: Rule = (policy) => {
  const metrics = policy.policy_metrics;
  if (metrics === undefined || metrics === null) return [];
  if (!Array.isArray(metrics)) return [problem('must be a list')];
  const seen = new Set<string>();
  return metrics.flatMap((metric, index): Violation[] => {
    if (!isObject(metric)) return [problem(`${index}: must be an object`)];
    const problems: Violation[] = [];
    if (!(SLA_PRIORITIES as readonly unknown[]).includes(metric.priority)) problems.push(problem(`${index}: priority ${JSON.stringify(metric.priority ?? null)} is not one of ${SLA_PRIORITIES.join(', ')}`));
    if (!(SLA_METRICS as readonly unknown[]).includes(metric.metric)) problems.push(problem(`${index}: metric ${JSON.stringify(metric.metric ?? null)} is not one of ${SLA_METRICS.join(', ')}`));
    if (!Number.isInteger(metric.target) || (metric.target as number) <= 0) problems.push(problem(`${index}: target must be a whole number of minutes above 0`));
    if (metric.business_hours !== undefined && typeof metric.business_hours !== 'boolean') problems.push(problem(`${index}: business_hours must be true or false`));
    const pair = `${String(metric.priority)}/${String(metric.metric)}`;
    if (seen.has(pair)) problems.push(problem(`${index}: ${pair} has more than one target`));
    seen.add(pair);
    return problems;
  });
};
