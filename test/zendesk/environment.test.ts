// Credentials and URL from instance.yaml + environment (SPEC.md, Environment), table-driven.
import { describe, expect, it } from 'vitest';
import { clientOptionsFromEnvironment, createClient, ZendeskConfigError } from '../../src/zendesk/index.js';

const SECRET = 'tok_do_not_print_me';
const acme = { subdomain: 'acme' };

describe('clientOptionsFromEnvironment: where to connect', () => {
  it.each([
    ['the subdomain by default', acme, {}, 'https://acme.zendesk.com'],
    ['instance.yaml url', { ...acme, url: 'https://support.acme.example/' }, {}, 'https://support.acme.example'],
    ['ZENDESK_URL over instance.yaml url', { ...acme, url: 'https://support.acme.example' }, { ZENDESK_URL: 'http://127.0.0.1:8080' }, 'http://127.0.0.1:8080'],
    ['a trailing /api/v2 is dropped', acme, { ZENDESK_URL: 'https://acme.zendesk.com/api/v2/' }, 'https://acme.zendesk.com'],
    ['http to localhost', acme, { ZENDESK_URL: 'http://localhost:3000' }, 'http://localhost:3000'],
    ['http to ::1', acme, { ZENDESK_URL: 'http://[::1]:3000' }, 'http://[::1]:3000'],
    ['http to 127.1.2.3', acme, { ZENDESK_URL: 'http://127.1.2.3:3000' }, 'http://127.1.2.3:3000'],
    ['an empty ZENDESK_URL is ignored', acme, { ZENDESK_URL: '' }, 'https://acme.zendesk.com'],
  ])('%s', (_name, instance, env, baseUrl) => {
    const options = clientOptionsFromEnvironment(instance, { ZENDESK_EMAIL: 'a@b.c', ZENDESK_API_TOKEN: SECRET, ...env });
    expect(options.baseUrl).toBe(baseUrl);
  });

  it.each([
    ['http:// to a remote host', { ZENDESK_URL: 'http://acme.zendesk.com' }, 'ZENDESK_URL uses plain http:// to acme.zendesk.com; plain http is allowed only to loopback addresses (127.0.0.1, ::1, localhost) — use https://'],
    ['http:// to a private address', { ZENDESK_URL: 'http://10.0.0.5:8080' }, 'ZENDESK_URL uses plain http:// to 10.0.0.5; plain http is allowed only to loopback addresses (127.0.0.1, ::1, localhost) — use https://'],
    ['a host that only starts like loopback', { ZENDESK_URL: 'http://127.0.0.1.evil.example' }, 'ZENDESK_URL uses plain http:// to 127.0.0.1.evil.example; plain http is allowed only to loopback addresses (127.0.0.1, ::1, localhost) — use https://'],
    ['credentials in the URL', { ZENDESK_URL: `https://me:${SECRET}@acme.zendesk.com` }, 'ZENDESK_URL must not carry credentials in the URL; use the credential environment variables'],
    ['not a URL', { ZENDESK_URL: 'acme' }, 'ZENDESK_URL is not a URL: "acme"'],
    ['another scheme', { ZENDESK_URL: 'ftp://acme.zendesk.com' }, 'ZENDESK_URL must be an https:// URL, not ftp:'],
  ])('refuses %s', (_name, env, message) => {
    const run = () => clientOptionsFromEnvironment(acme, { ZENDESK_EMAIL: 'a@b.c', ZENDESK_API_TOKEN: SECRET, ...env });
    expect(run).toThrow(ZendeskConfigError);
    expect(run).toThrow(message);
  });

  it('refuses instance.yaml http:// to a remote host, naming instance.yaml', () => {
    expect(() => clientOptionsFromEnvironment({ ...acme, url: 'http://acme.example' }, { ZENDESK_OAUTH_TOKEN: SECRET })).toThrow(
      /^instance\.yaml url uses plain http:\/\/ to acme\.example/,
    );
  });

  it('createClient applies the same rule to a baseUrl given directly', () => {
    expect(() => createClient({ baseUrl: 'http://acme.zendesk.com', auth: { oauthToken: SECRET } })).toThrow(ZendeskConfigError);
  });
});

describe('clientOptionsFromEnvironment: credentials', () => {
  it.each([
    ['defaults: ZENDESK_EMAIL + ZENDESK_API_TOKEN', {}, { ZENDESK_EMAIL: 'a@b.c', ZENDESK_API_TOKEN: SECRET }, { email: 'a@b.c', token: SECRET }],
    ['default: ZENDESK_OAUTH_TOKEN', {}, { ZENDESK_OAUTH_TOKEN: SECRET }, { oauthToken: SECRET }],
    ['API token preferred when both defaults are set', {}, { ZENDESK_EMAIL: 'a@b.c', ZENDESK_API_TOKEN: SECRET, ZENDESK_OAUTH_TOKEN: 'o' }, { email: 'a@b.c', token: SECRET }],
    ['named variables', { email_env: 'ACME_EMAIL', token_env: 'ACME_TOKEN' }, { ACME_EMAIL: 'ops@acme', ACME_TOKEN: SECRET, ZENDESK_OAUTH_TOKEN: 'o' }, { email: 'ops@acme', token: SECRET }],
    ['only token_env named: email from ZENDESK_EMAIL', { token_env: 'ACME_TOKEN' }, { ZENDESK_EMAIL: 'a@b.c', ACME_TOKEN: SECRET }, { email: 'a@b.c', token: SECRET }],
    ['oauth_token_env named', { oauth_token_env: 'ACME_OAUTH' }, { ACME_OAUTH: SECRET, ZENDESK_EMAIL: 'a@b.c', ZENDESK_API_TOKEN: 'x' }, { oauthToken: SECRET }],
    ['values are trimmed (a trailing newline from a CI secret)', {}, { ZENDESK_OAUTH_TOKEN: `${SECRET}\n` }, { oauthToken: SECRET }],
  ])('%s', (_name, auth, env, expected) => {
    expect(clientOptionsFromEnvironment({ ...acme, auth }, env).auth).toEqual(expected);
  });

  it.each([
    ['nothing set', {}, {}, 'No Zendesk credentials: set ZENDESK_EMAIL and ZENDESK_API_TOKEN, or ZENDESK_OAUTH_TOKEN (not set or empty: ZENDESK_EMAIL, ZENDESK_API_TOKEN, ZENDESK_OAUTH_TOKEN)'],
    ['token without email', {}, { ZENDESK_API_TOKEN: SECRET }, 'No Zendesk credentials: set ZENDESK_EMAIL and ZENDESK_API_TOKEN, or ZENDESK_OAUTH_TOKEN (not set or empty: ZENDESK_EMAIL, ZENDESK_OAUTH_TOKEN)'],
    ['named token variable empty', { email_env: 'ACME_EMAIL', token_env: 'ACME_TOKEN' }, { ACME_EMAIL: 'a@b.c', ACME_TOKEN: '  ', ZENDESK_OAUTH_TOKEN: SECRET }, 'No Zendesk credentials: set ACME_EMAIL and ACME_TOKEN (not set or empty: ACME_TOKEN)'],
    ['named oauth variable missing', { oauth_token_env: 'ACME_OAUTH' }, { ZENDESK_OAUTH_TOKEN: SECRET }, 'No Zendesk credentials: set ACME_OAUTH (not set or empty: ACME_OAUTH)'],
    ['a secret pasted where a variable name belongs', { token_env: SECRET + '==' }, {}, 'instance.yaml auth.token_env must name an environment variable (letters, digits and _), not hold a value; its value is not shown'],
  ])('%s: a clear error naming variables, never values', (_name, auth, env, message) => {
    let thrown: unknown;
    try {
      clientOptionsFromEnvironment({ ...acme, auth }, env);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ZendeskConfigError);
    expect((thrown as Error).message).toBe(message);
    expect((thrown as Error).message).not.toContain(SECRET);
  });
});
