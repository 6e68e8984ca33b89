// Secrets never leave the client: every string that goes into an error, a log entry or an error's
// properties passes through a Redactor that knows the token, the OAuth token and the
// Authorization header value (and its base64 form).
import type { ZendeskAuth } from './auth.js';
import { authorizationHeaderValue, basicCredentials } from './auth.js';

export const REDACTED = '[REDACTED]';

/** Shorter values are not searched for: replacing them would garble ordinary text. */
const MIN_SECRET_LENGTH = 4;

export interface Redactor {
  text(value: string): string;
  value<T>(value: T): T;
}

export function redactorFor(auth: ZendeskAuth): Redactor {
  const secrets = secretsOf(auth);
  const text = (value: string): string => secrets.reduce((result, secret) => result.split(secret).join(REDACTED), value);
  const value = <T>(input: T): T => redactDeep(input, text) as T;
  return { text, value };
}

function secretsOf(auth: ZendeskAuth): string[] {
  const header = authorizationHeaderValue(auth);
  const raw = 'oauthToken' in auth ? [auth.oauthToken] : [auth.token, basicCredentials(auth)];
  const encoded = [header, header.replace(/^(Basic|Bearer) /, '')];
  const all = [...raw, ...raw.map(encodeURIComponent), ...encoded];
  const unique = [...new Set(all)].filter((secret) => secret.length >= MIN_SECRET_LENGTH);
  return unique.sort((a, b) => b.length - a.length);
}

function redactDeep(input: unknown, redactText: (value: string) => string): unknown {
  if (typeof input === 'string') return redactText(input);
  if (Array.isArray(input)) return input.map((item) => redactDeep(item, redactText));
  if (typeof input === 'object' && input !== null) {
    return Object.fromEntries(Object.entries(input).map(([key, item]) => [redactText(key), redactDeep(item, redactText)]));
  }
  return input;
}
