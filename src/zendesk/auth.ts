// The two ways Zendesk accepts credentials, and the header each becomes.
import { Buffer } from 'node:buffer';

export type ZendeskAuth = { email: string; token: string } | { oauthToken: string };

/** "{email}/token:{api_token}", the string Zendesk's Basic auth encodes. */
export function basicCredentials(auth: { email: string; token: string }): string {
  return `${auth.email}/token:${auth.token}`;
}

/** The Authorization header value, computed the way node-zendesk's AuthorizationHandler does (used only for redaction). */
export function authorizationHeaderValue(auth: ZendeskAuth): string {
  if ('oauthToken' in auth) return `Bearer ${auth.oauthToken}`;
  return `Basic ${Buffer.from(basicCredentials(auth)).toString('base64')}`;
}
