import type { Rule } from '../resources/descriptor.js';

// Trigger and automation webhooks subscribe to `conditional_ticket_events`; event webhooks to `zen:event-type:...`.
const CONDITIONAL = 'conditional_ticket_events';
const EVENT = /^zen:event-type:[a-z_]+(\.[a-z_]+)*$/;

/**
 * Assumed, no recording of a refusal: subscriptions are a list of those names, and a webhook
 * either serves triggers and automations or subscribes to events, never both.
 */
export const webhookSubscriptions: Rule = (webhook) => {
  const subscriptions = webhook.subscriptions;
  const fail = (text: string) => [{ field: 'subscriptions', description: `Subscriptions: ${text}`, error: 'InvalidValue', code: 'InvalidValue', title: `Subscriptions: ${text}` }];
  if (!Array.isArray(subscriptions)) return fail('must be a list');
  const unknown = subscriptions.filter((s) => typeof s !== 'string' || (s !== CONDITIONAL && !EVENT.test(s)));
  if (unknown.length > 0) return fail(`${unknown.map((s) => JSON.stringify(s)).join(', ')} unknown`);
  if (subscriptions.includes(CONDITIONAL) && subscriptions.length > 1) return fail(`${CONDITIONAL} cannot be combined with event subscriptions`);
  return [];
};
