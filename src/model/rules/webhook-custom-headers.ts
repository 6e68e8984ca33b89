import { error } from '../diagnostics.js';
import { addressOf, type ValidationRule } from './rule.js';

export const MAX_CUSTOM_HEADERS = 5;

/** Headers that carry credentials: Zendesk wants those in `authentication`, which zdctl keeps out of files. */
const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'x-api-key']);

/** Zendesk (webhooks docs): at most 5 custom headers, for information that is not a credential. */
export const webhookCustomHeaders: ValidationRule = {
  name: 'webhook-custom-headers',
  description: `a webhook has at most ${MAX_CUSTOM_HEADERS} custom headers, none of them a credential`,
  check: ({ objectsOf }) =>
    objectsOf('webhooks').flatMap((webhook) => {
      const headers = Object.keys((webhook.data.custom_headers as Record<string, unknown> | undefined) ?? {});
      const at = { address: addressOf(webhook) };
      const found = headers
        .filter((name) => CREDENTIAL_HEADERS.has(name.toLowerCase()))
        .map((name) =>
          error('webhook-custom-headers', `custom header ${name} carries a credential; a secret must not be written in a file`, {
            ...at,
            source: webhook.yaml.locate(['custom_headers', name]),
            detail: 'use authentication (its data names the environment variable that holds the secret)',
          }),
        );
      if (headers.length > MAX_CUSTOM_HEADERS) {
        found.push(error('webhook-custom-headers', `webhook has ${headers.length} custom headers; Zendesk allows ${MAX_CUSTOM_HEADERS}`, { ...at, source: webhook.yaml.locate(['custom_headers']) }));
      }
      return found;
    }),
};
