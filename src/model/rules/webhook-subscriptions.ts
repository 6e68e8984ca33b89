import { error } from '../diagnostics.js';
import { addressOf, type ValidationRule } from './rule.js';

const CONDITIONAL = 'conditional_ticket_events';

/**
 * Zendesk (webhooks docs, not in the spec file): a webhook subscribed to Zendesk events
 * (`zen:event-type:*`) is called with POST and JSON, and cannot also serve triggers and
 * automations (`conditional_ticket_events`).
 */
export const webhookSubscriptions: ValidationRule = {
  name: 'webhook-subscriptions',
  description: 'a webhook subscribed to Zendesk events uses POST and json, and does not also hold conditional_ticket_events',
  check: ({ objectsOf }) =>
    objectsOf('webhooks').flatMap((webhook) => {
      const subscriptions = (webhook.data.subscriptions as unknown[] | undefined) ?? [];
      const events = subscriptions.filter((s) => s !== CONDITIONAL);
      if (events.length === 0) return [];
      const at = { address: addressOf(webhook) };
      if (subscriptions.includes(CONDITIONAL)) {
        return [error('webhook-subscriptions', `webhook subscribes to ${CONDITIONAL} and to Zendesk events (${events.join(', ')}); Zendesk allows one or the other`, { ...at, source: webhook.yaml.locate(['subscriptions']), detail: 'make a second webhook for the events' })];
      }
      return (['http_method', 'request_format'] as const).flatMap((key) => {
        const wanted = key === 'http_method' ? 'POST' : 'json';
        return webhook.data[key] === wanted ? [] : [error('webhook-subscriptions', `webhook subscribes to Zendesk events, so its ${key} must be ${wanted}, not ${String(webhook.data[key])}`, { ...at, source: webhook.yaml.locate([key]) })];
      });
    }),
};
