// Where the API lives, and the one rule about it: plain http:// only to this machine.
import { isIP } from 'node:net';
import { ZendeskConfigError } from './errors.js';

export const API_PREFIX = '/api/v2';

/**
 * Checks a base URL (https://acme.zendesk.com, http://127.0.0.1:PORT) and returns it without a
 * trailing slash or a trailing /api/v2. `source` names where it came from, for the error message.
 */
export function checkedBaseUrl(candidate: string, source: string): string {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    throw new ZendeskConfigError(`${source} is not a URL: ${JSON.stringify(candidate)}`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new ZendeskConfigError(`${source} must not carry credentials in the URL; use the credential environment variables`);
  }
  if (url.search !== '' || url.hash !== '') {
    throw new ZendeskConfigError(`${source} must be a base URL without query or fragment: ${url.origin}${url.pathname}`);
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new ZendeskConfigError(
      `${source} uses plain http:// to ${url.hostname}; plain http is allowed only to loopback addresses (127.0.0.1, ::1, localhost) — use https://`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ZendeskConfigError(`${source} must be an https:// URL, not ${url.protocol}`);
  }
  const path = url.pathname.replace(/\/+$/, '').replace(/\/api\/v2$/, '');
  return `${url.origin}${path}`;
}

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1' || host === '0:0:0:0:0:0:0:1' || /^::ffff:127\./.test(host);
  return false;
}

export function apiBaseUrlOf(baseUrl: string): string {
  return `${baseUrl}${API_PREFIX}`;
}
