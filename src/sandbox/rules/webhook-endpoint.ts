import type { Rule } from '../resources/descriptor.js';

/** Assumed, no recording of a refusal: a webhook's `endpoint` is an absolute http(s) URL. */
export const webhookEndpoint: Rule = (webhook) => {
  const endpoint = webhook.endpoint;
  if (typeof endpoint === 'string' && isHttpUrl(endpoint)) return [];
  const description = `Endpoint: ${JSON.stringify(endpoint ?? null)} is not an http or https URL`;
  return [{ field: 'endpoint', description, error: 'InvalidValue', code: 'InvalidValue', title: description }];
};

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}
