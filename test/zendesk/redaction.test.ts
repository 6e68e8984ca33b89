// No token, password, OAuth token or Authorization header value (nor its base64) ever appears in an
// error message, an error's properties, or a log entry — even when the server echoes them back.
import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import type { LogEntry } from '../../src/zendesk/client.js';
import { createClient, type ClientOptions } from '../../src/zendesk/index.js';
import { EMAIL, rejectionOf, TIME_SCALE, TOKEN } from './helpers.js';
import { json, type RecordedRequest, type ScriptedServer, startScriptedServer } from './scripted-server.js';

let server: ScriptedServer;
afterEach(async () => server?.close());

const OAUTH_TOKEN = 'oauth_5d41402abc4b2a76b9719d911017c592';
const BASIC_BASE64 = Buffer.from(`${EMAIL}/token:${TOKEN}`).toString('base64');

/** A hostile server that quotes back everything it was sent: header, token, query. */
function echo(status: number) {
  return (request: RecordedRequest) =>
    json(status, {
      error: `Bad credentials ${String(request.headers.authorization)}`,
      description: `token ${TOKEN} / ${OAUTH_TOKEN}`,
      details: { authorization: [{ description: String(request.headers.authorization) }] },
      echoed: { headers: request.headers, [TOKEN]: BASIC_BASE64 },
    });
}

function everythingVisibleIn(error: Error, logs: LogEntry[]): string {
  return [
    error.message,
    error.stack ?? '',
    JSON.stringify(error),
    inspect(error, { depth: null, showHidden: true }),
    JSON.stringify(logs),
  ].join('\n');
}

const secretsFor = {
  basic: [TOKEN, BASIC_BASE64, `Basic ${BASIC_BASE64}`],
  oauth: [OAUTH_TOKEN, `Bearer ${OAUTH_TOKEN}`],
};

describe.each([
  ['basic', { email: EMAIL, token: TOKEN }],
  ['oauth', { oauthToken: OAUTH_TOKEN }],
] as const)('with %s credentials', (kind, auth: ClientOptions['auth']) => {
  function client(url: string, logs: LogEntry[], extra: Partial<ClientOptions> = {}) {
    return createClient({ baseUrl: url, auth, timeScale: TIME_SCALE, log: (entry) => logs.push(entry), ...extra });
  }

  it.each([401, 422, 500])('an error answer %i that echoes the credentials shows none of them', async (status) => {
    server = await startScriptedServer(echo(status));
    const logs: LogEntry[] = [];

    const error = await rejectionOf(client(server.url, logs, { retry: { maxAttempts: 2 } }).get(`users/me`, { note: TOKEN }));

    const visible = everythingVisibleIn(error, logs);
    for (const secret of secretsFor[kind]) expect(visible).not.toContain(secret);
    expect(visible).toContain('[REDACTED]');
    expect(server.requests[0]!.headers.authorization).toBe(kind === 'basic' ? `Basic ${BASIC_BASE64}` : `Bearer ${OAUTH_TOKEN}`);
  });

  it('a network failure and an uncertain write show none of them', async () => {
    server = await startScriptedServer(() => ({ drop: 'before-answer' }));
    const logs: LogEntry[] = [];
    const zd = client(server.url, logs, { retry: { maxAttempts: 2 } });

    const uncertain = await rejectionOf(zd.send('POST', 'triggers', { trigger: { title: TOKEN } }));
    const network = await rejectionOf(zd.get('triggers'));

    for (const error of [uncertain, network]) {
      const visible = everythingVisibleIn(error, logs);
      for (const secret of secretsFor[kind]) expect(visible).not.toContain(secret);
    }
  });
});

describe('the client object itself', () => {
  it('does not expose credentials through its enumerable properties', () => {
    const zd = createClient({ baseUrl: 'https://acme.zendesk.com', auth: { email: EMAIL, token: TOKEN } });
    const visible = JSON.stringify(zd) + inspect(zd, { depth: 4 });
    expect(visible).not.toContain(TOKEN);
    expect(visible).not.toContain(BASIC_BASE64);
  });
});
