import { error, type Diagnostic } from '../diagnostics.js';
import type { ValidationRule } from './rule.js';
import { isVariableName } from '../../zendesk/environment.js';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** `scheme://user:password@host` → `scheme://***@host`, so a message can quote a URL without its credentials. */
export function withoutUserinfo(text: string): string {
  return text.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#@\s]*@/i, '$1***@');
}

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/**
 * instance.yaml names environment variables, never secrets (they would end up in git),
 * and talks plain http only to this machine.
 */
export const instanceConfig: ValidationRule = {
  name: 'instance-config',
  description: 'auth names environment variables (not secrets); http:// only to loopback',
  check: ({ instance }) => {
    const yaml = instance.configYaml;
    const config = instance.config;
    if (!yaml || !config) return [];
    const found: Diagnostic[] = [];
    for (const { path, slot, value } of credentialSlots(config.auth ?? {})) {
      if (typeof value === 'string' && !isVariableName(value)) {
        found.push(
          error('instance-config', `${path.join('.')} must be the name of an environment variable, not a secret`, {
            source: yaml.locate(path),
            detail: `remove the value from the file (and rotate it if it was a real credential: it may be in git history), then write e.g. ${slot}: ${slot === 'email_env' ? 'ZENDESK_EMAIL' : slot === 'token_env' ? 'ZENDESK_API_TOKEN' : 'ZENDESK_OAUTH_TOKEN'} and set that variable`,
          }),
        );
      }
    }
    if (typeof config.url === 'string') {
      let url: URL | undefined;
      try {
        url = new URL(config.url);
      } catch {
        found.push(error('instance-config', `url "${withoutUserinfo(config.url)}" is not a valid URL`, { source: yaml.locate(['url']), detail: 'write the full base URL, e.g. https://acme.zendesk.com' }));
      }
      if (url && (url.username !== '' || url.password !== '')) {
        found.push(error('instance-config', 'url holds a user name or password', { source: yaml.locate(['url']), detail: 'credentials never go in instance.yaml (it is in git): remove them from the url (and rotate the password if it was real); auth names the environment variables that hold them' }));
      }
      if (url && url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
        found.push(error('instance-config', `url uses plain http:// to ${url.hostname}`, { source: yaml.locate(['url']), detail: 'the API token would cross the network unencrypted; use https:// (http:// is allowed only to loopback addresses such as a local sandbox)' }));
      }
    }
    return found;
  },
};

/** Each `*_env` value under auth, directly or under auth.read / auth.write, with its path in the file. */
function credentialSlots(auth: object): { path: string[]; slot: string; value: unknown }[] {
  return Object.entries(auth).flatMap(([key, value]) =>
    (key === 'read' || key === 'write') && typeof value === 'object' && value !== null
      ? Object.entries(value).map(([slot, inner]) => ({ path: ['auth', key, slot], slot, value: inner as unknown }))
      : [{ path: ['auth', key], slot: key, value: value as unknown }],
  );
}
