import { DESCRIPTORS, MANAGED_TYPES } from '../../resources/index.js';
import { findReferences } from '../../resources/references.js';
import { error } from '../diagnostics.js';
import { locateIn } from '../yaml-file.js';
import { addressOf, type ValidationRule } from './rule.js';

const CONDITIONAL = 'conditional_ticket_events';

/**
 * Zendesk (webhooks docs): triggers and automations can call only a webhook that subscribes to
 * `conditional_ticket_events`; one subscribed to Zendesk events is called by those events alone.
 */
export const webhookCalledByRules: ValidationRule = {
  name: 'webhook-called-by-rules',
  description: 'a trigger or automation calls only a webhook subscribed to conditional_ticket_events',
  check: ({ objectsOf }) => {
    const eventWebhooks = new Set(objectsOf('webhooks').filter((hook) => !((hook.data.subscriptions as unknown[] | undefined) ?? []).includes(CONDITIONAL)).map((hook) => hook.key));
    if (eventWebhooks.size === 0) return [];
    return MANAGED_TYPES.flatMap((type) =>
      objectsOf(type).flatMap((object) =>
        findReferences(DESCRIPTORS[type], object.data)
          .filter((reference) => reference.kind === 'Webhook' && reference.name !== undefined && eventWebhooks.has(reference.name))
          .map((reference) =>
            error('webhook-called-by-rules', `Webhook "${reference.name!}" subscribes to Zendesk events, so ${object.type} cannot call it`, {
              address: addressOf(object),
              source: locateIn(object.yaml, reference.path),
              detail: `add ${CONDITIONAL} to a webhook of its own for rules to call (Zendesk allows one kind a webhook)`,
            }),
          ),
      ),
    );
  },
};
