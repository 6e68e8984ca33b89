import { error } from '../diagnostics.js';
import { addressOf, type ValidationRule } from './rule.js';

type Metric = { priority?: unknown; metric?: unknown };

/** Zendesk: an SLA policy holds one target per priority and metric (the sandbox refuses a second). */
export const slaPolicyMetrics: ValidationRule = {
  name: 'sla-policy-metrics',
  description: 'an SLA policy has one target per priority and metric',
  check: ({ objectsOf }) =>
    objectsOf('sla_policies').flatMap((policy) => {
      const seen = new Map<string, number>();
      return ((policy.data.policy_metrics as Metric[] | undefined) ?? []).flatMap((metric, index) => {
        const pair = `${String(metric.priority)} ${String(metric.metric)}`;
        const first = seen.get(pair);
        if (first === undefined) {
          seen.set(pair, index);
          return [];
        }
        return [
          error('sla-policy-metrics', `policy_metrics ${index + 1} repeats the ${String(metric.metric)} target for ${String(metric.priority)} priority (first at ${first + 1})`, {
            address: addressOf(policy),
            source: policy.yaml.locate(['policy_metrics', index]),
            detail: 'keep one target per priority and metric',
          }),
        ];
      });
    }),
};
