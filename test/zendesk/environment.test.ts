// Credentials and URL from instance.yaml + environment (SPEC.md, Environment), table-driven.
import { describe, expect, it } from 'vitest';
import { clientOptionsFromEnvironment, createClient, ZendeskConfigError } from '../../src/zendesk/index.js';
import { startSandbox } from '../../src/sandbox/index.js';

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
    const options = clientOptionsFromEnvironment(instance, { ZENDESK_EMAIL: 'a@b.c', ZENDESK_API_TOKEN: SECRET, ...env }, 'write');
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
    const run = () => clientOptionsFromEnvironment(acme, { ZENDESK_EMAIL: 'a@b.c', ZENDESK_API_TOKEN: SECRET, ...env }, 'write');
    expect(run).toThrow(ZendeskConfigError);
    expect(run).toThrow(message);
  });

  it('refuses instance.yaml http:// to a remote host, naming instance.yaml', () => {
    expect(() => clientOptionsFromEnvironment({ ...acme, url: 'http://acme.example' }, { ZENDESK_OAUTH_TOKEN: SECRET }, 'write')).toThrow(
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
    expect(clientOptionsFromEnvironment({ ...acme, auth }, env, 'write').auth).toEqual(expected);
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
      clientOptionsFromEnvironment({ ...acme, auth }, env, 'write');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ZendeskConfigError);
    expect((thrown as Error).message).toBe(message);
    expect((thrown as Error).message).not.toContain(SECRET);
  });
});

describe('clientOptionsFromEnvironment: a read credential and a write credential', () => {
  const READ = 'readscopedoauthtoken';
  const byPurpose = { read: { oauth_token_env: 'ACME_READ_OAUTH' }, write: { email_env: 'ACME_EMAIL', token_env: 'ACME_TOKEN' } };
  const both = { ACME_READ_OAUTH: READ, ACME_EMAIL: 'ops@acme', ACME_TOKEN: SECRET };

  it.each([
    ['reading with both set: the read one, and a read-only client', byPurpose, both, 'read', { oauthToken: READ }, true],
    ['writing with both set: the write one', byPurpose, both, 'write', { email: 'ops@acme', token: SECRET }, undefined],
    ['reading with only the write one set (an admin at a terminal): the write one, still a read-only client', byPurpose, { ACME_EMAIL: 'ops@acme', ACME_TOKEN: SECRET }, 'read', { email: 'ops@acme', token: SECRET }, true],
    ['keys directly under auth beside auth.read are the write credential', { ...byPurpose.write, read: byPurpose.read }, both, 'write', { email: 'ops@acme', token: SECRET }, undefined],
    ['only auth.read, reading', { read: byPurpose.read }, { ACME_READ_OAUTH: READ }, 'read', { oauthToken: READ }, true],
  ] as const)('%s', (_name, auth, env, purpose, expected, readOnly) => {
    const options = clientOptionsFromEnvironment({ ...acme, auth }, env, purpose);
    expect(options.auth).toEqual(expected);
    expect(options.readOnly).toBe(readOnly);
  });

  it.each([
    [
      'writing with only the read credential set: never falls back to it',
      byPurpose,
      { ACME_READ_OAUTH: READ },
      'No Zendesk write credentials: set ACME_EMAIL and ACME_TOKEN (not set or empty: ACME_EMAIL, ACME_TOKEN); the read-only credential (auth.read) is never used to write',
      'write',
    ],
    [
      'writing when instance.yaml declares only a read-only credential',
      { read: byPurpose.read },
      { ACME_READ_OAUTH: READ, ZENDESK_EMAIL: 'a@b.c', ZENDESK_API_TOKEN: SECRET },
      'instance.yaml auth names only a read-only credential (auth.read), and this command writes: name a write credential under auth.write (email_env and token_env, or oauth_token_env). Nothing was sent',
      'write',
    ],
    ['reading with neither set', byPurpose, {}, 'No Zendesk credentials: set ACME_READ_OAUTH, or ACME_EMAIL and ACME_TOKEN (not set or empty: ACME_READ_OAUTH, ACME_EMAIL, ACME_TOKEN)', 'read'],
    [
      'the same token variable declared read-only and for writing',
      { read: { oauth_token_env: 'ACME_OAUTH' }, write: { oauth_token_env: 'ACME_OAUTH' } },
      { ACME_OAUTH: SECRET },
      'instance.yaml auth.read and the write credential both name ACME_OAUTH: a credential declared read-only cannot also be the one that writes',
      'read',
    ],
    ['a credential both directly and under auth.write', { token_env: 'A_TOKEN', write: byPurpose.write }, both, 'instance.yaml auth names a credential both directly (token_env) and under auth.write; keep one of them', 'read'],
    ['a secret pasted under auth.read', { read: { oauth_token_env: `${SECRET}==` } }, {}, 'instance.yaml auth.read.oauth_token_env must name an environment variable (letters, digits and _), not hold a value; its value is not shown', 'read'],
  ] as const)('%s: refused, naming variables only', (_name, auth, env, message, purpose) => {
    expect(() => clientOptionsFromEnvironment({ ...acme, auth }, env, purpose)).toThrow(new ZendeskConfigError(message));
  });
});

describe('a read-only client', () => {
  it('refuses every write before anything is sent', async () => {
    const sandbox = await startSandbox({ port: 0, rateLimitPerMinute: null });
    try {
      const client = createClient({ baseUrl: sandbox.url, auth: { email: 'a@b.c', token: 'sandbox' }, readOnly: true });
      await expect(client.send('POST', 'triggers', { trigger: { title: 'x' } })).rejects.toThrow(
        new ZendeskConfigError('POST triggers refused, nothing was sent: this command only reads, with a read-only client'),
      );
      expect(sandbox.requests).toEqual([]);
      await client.get('triggers');
      expect(sandbox.requests.map((r) => r.method)).toEqual(['GET']);
    } finally {
      await sandbox.stop();
    }
  });
});
