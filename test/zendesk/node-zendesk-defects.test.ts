// Each known defect of node-zendesk 6, shown twice against the same real server: first what raw
// node-zendesk does, then that our client (built on node-zendesk's transporter) does it right.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import zendesk from 'node-zendesk';
import { afterEach, describe, expect, it } from 'vitest';
import { ZendeskApiError } from '../../src/zendesk/index.js';
import { EMAIL, rejectionOf, TOKEN, testClient } from './helpers.js';
import { inOrder, json, type Reply, type ScriptedServer, startScriptedServer } from './scripted-server.js';

let server: ScriptedServer;
afterEach(async () => server?.close());

function rawNodeZendesk(url: string, extra: Record<string, unknown> = {}) {
  return zendesk.createClient({ username: EMAIL, token: TOKEN, endpointUri: `${url}/api/v2`, ...extra });
}

const TRIGGER = { trigger: { id: 1, title: 'Notify requester' } };
const RATE_LIMITED = json(429, { error: 'TooManyRequests' }, { 'retry-after': '1' });
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('node-zendesk 6 defect: a 429 with Retry-After is returned as if it were data', () => {
  it('raw node-zendesk resolves with an Error object as the result and never retries', async () => {
    server = await startScriptedServer(inOrder(RATE_LIMITED, json(200, TRIGGER)));

    const { result } = await rawNodeZendesk(server.url).triggers.show(1);

    expect(result).toBeInstanceOf(Error);
    expect(result).toMatchObject({ message: 'Zendesk rate limits 200 requests per minute', statusCode: 429 });
    expect(server.requests).toHaveLength(1);
  });

  it('our client waits Retry-After and returns the trigger from the second request', async () => {
    server = await startScriptedServer(inOrder(RATE_LIMITED, json(200, TRIGGER)));

    await expect(testClient(server.url).get('triggers/1')).resolves.toEqual(TRIGGER);
    expect(server.requests).toHaveLength(2);
  });
});

describe('node-zendesk 6 defect: the throttle option is broken', () => {
  const page = json(200, { triggers: [{ id: 1 }], meta: { has_more: false }, links: { next: null } });

  it('raw node-zendesk with throttle returns the queue ticket instead of the answer, then fires the queued call without its arguments', async () => {
    server = await startScriptedServer(inOrder(page));

    const result = (await rawNodeZendesk(server.url, { throttle: 5 }).triggers.list()) as unknown[];
    await settle();

    expect(result).toHaveLength(1);
    expect(result[0]).toMatchObject({ message: 'Zendesk returned an empty result' });
    expect(server.requests.map((request) => request.path)).toEqual(['/api/v2/.json']); // not /triggers: arguments lost
  });

  it('our client bounds requests in flight instead: 8 requests with maxInFlight 2 never overlap more than 2', async () => {
    server = await startScriptedServer(() => ({ ...json(200, TRIGGER), delayMs: 15 }));
    const client = testClient(server.url, { maxInFlight: 2 });

    const answers = await Promise.all(Array.from({ length: 8 }, (_, id) => client.get(`triggers/${id}`)));

    expect(answers).toHaveLength(8);
    expect(server.requests).toHaveLength(8);
    expect(server.peakInFlight).toBe(2);
  });
});

describe('node-zendesk 6 defect: cursor paging stops only on links.next', () => {
  /** links.next is never null, as Zendesk may send it; has_more is false from the second page on. */
  function cursorPages(url: string) {
    return (_request: unknown, index: number): Reply =>
      json(200, {
        triggers: [{ id: index + 1 }],
        meta: { has_more: index === 0, after_cursor: `c${index + 1}`, before_cursor: null },
        links: { next: index < 4 ? `${url}/api/v2/triggers?page[after]=c${index + 1}` : null, prev: null },
      });
  }

  it('raw node-zendesk keeps following links.next past the last page', async () => {
    server = await startScriptedServer(() => json(200, {}));
    server.script = cursorPages(server.url);

    const triggers = await rawNodeZendesk(server.url).triggers.list();

    expect(triggers).toHaveLength(5);
    expect(server.requests).toHaveLength(5);
  });

  it('our client stops when meta.has_more is false: 2 requests, 2 triggers', async () => {
    server = await startScriptedServer(() => json(200, {}));
    server.script = cursorPages(server.url);

    const triggers = await testClient(server.url).listAll('triggers', 'triggers', 'cursor');

    expect(triggers).toEqual([{ id: 1 }, { id: 2 }]);
    expect(server.requests.map((request) => request.query)).toEqual([{ 'page[size]': '100' }, { 'page[size]': '100', 'page[after]': 'c1' }]);
  });
});

describe('node-zendesk 6 defect: default errors drop the status and the body', () => {
  const INVALID = json(422, {
    error: 'RecordInvalid',
    description: 'Record validation errors',
    details: { title: [{ description: 'cannot be blank', error: 'BlankValue' }] },
  });

  it('raw node-zendesk rejects with a bare message; throwOriginalException keeps status and body but not Zendesk’s words', async () => {
    server = await startScriptedServer(inOrder(INVALID));

    const plain = await rawNodeZendesk(server.url).triggers.create({ trigger: {} }).catch((error: Error) => error);
    const original = await rawNodeZendesk(server.url, { throwOriginalException: true })
      .triggers.create({ trigger: {} })
      .catch((error: Error) => error);

    expect(plain).toBeInstanceOf(Error);
    expect(plain).toMatchObject({ message: 'Request processing failed: Zendesk Error (422): Unprocessable Entity' });
    expect(Object.keys(plain)).toEqual([]);
    expect(original).toMatchObject({ message: 'Zendesk Error (422): Unprocessable Entity', statusCode: 422 });
  });

  it('our client throws a ZendeskApiError naming the object and quoting Zendesk', async () => {
    server = await startScriptedServer(inOrder(INVALID));

    const error = await rejectionOf(testClient(server.url).send('POST', 'triggers', { trigger: {} }, { describe: 'trigger "Notify requester"' }));

    expect(error).toBeInstanceOf(ZendeskApiError);
    expect(error.message).toBe('trigger "Notify requester": Zendesk answered 422 RecordInvalid: title: cannot be blank');
    expect(error).toMatchObject({ status: 422, method: 'POST', path: 'triggers', zendeskMessage: 'RecordInvalid: title: cannot be blank' });
  });
});

describe('node-zendesk 6 defect: the ESM named import fails at runtime (the default import works)', () => {
  const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
  const runModule = (source: string) =>
    spawnSync(process.execPath, ['--input-type=module', '-e', source], { cwd: projectRoot, encoding: 'utf8' });

  it("import { createClient } from 'node-zendesk' throws a SyntaxError in plain Node", () => {
    const result = runModule("import { createClient } from 'node-zendesk'; console.log(typeof createClient);");

    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("SyntaxError: Named export 'createClient' not found");
  });

  it('the default import, which our transport uses, works', () => {
    const result = runModule("import zendesk from 'node-zendesk'; console.log(typeof zendesk.createClient);");

    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe('function');
  });
});

describe('node-zendesk 6 defect: there is no trigger-categories client', () => {
  const CATEGORIES = { trigger_categories: [{ id: '10', name: 'Notifications', position: 1 }], meta: { has_more: false }, links: { next: null } };

  it('raw node-zendesk has no triggercategories property', () => {
    const client = rawNodeZendesk('http://127.0.0.1:9') as unknown as Record<string, unknown>;
    expect(client.triggercategories).toBeUndefined();
    expect(client.triggerCategories).toBeUndefined();
  });

  it('our client lists trigger categories with cursor paging and PATCHes one (string id)', async () => {
    server = await startScriptedServer(inOrder(json(200, CATEGORIES), json(200, { trigger_category: { id: '10', name: 'Alerts' } })));
    const client = testClient(server.url);

    await expect(client.listAll('trigger_categories', 'trigger_categories', 'cursor')).resolves.toEqual(CATEGORIES.trigger_categories);
    const patched = await client.send('PATCH', 'trigger_categories/10', { trigger_category: { name: 'Alerts' } });

    expect(patched.body).toEqual({ trigger_category: { id: '10', name: 'Alerts' } });
    expect(server.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /api/v2/trigger_categories',
      'PATCH /api/v2/trigger_categories/10',
    ]);
  });
});

describe('node-zendesk 6, further defects found while studying it', () => {
  it('a 502 is returned as data, and a DELETE answered 204 resolves with an Error object as its result', async () => {
    server = await startScriptedServer(inOrder(json(502, { error: 'BadGateway' }), { status: 204 }));
    const raw = rawNodeZendesk(server.url);

    const shown = await raw.triggers.show(1);
    const deleted = (await raw.triggers.delete(1)) as unknown as { result: unknown };

    expect(shown.result).toEqual({ error: 'BadGateway' });
    expect(deleted.result).toMatchObject({ message: 'No Content', statusCode: 204 });
  });

  it('our client throws on the 502 (after retrying it) and returns status 204 with no body for the DELETE', async () => {
    server = await startScriptedServer(inOrder(json(502, { error: 'BadGateway' }), json(502, { error: 'BadGateway' }), { status: 204 }));
    const client = testClient(server.url, { retry: { maxAttempts: 2 } });

    await expect(client.get('triggers/1')).rejects.toMatchObject({ status: 502, attempts: 2 });
    await expect(client.send('DELETE', 'triggers/1')).resolves.toMatchObject({ status: 204, body: undefined });
  });

  it("node-zendesk's debug::request event carries the Authorization header (our client never subscribes to it)", async () => {
    server = await startScriptedServer(inOrder(json(200, TRIGGER)));
    const raw = rawNodeZendesk(server.url);
    const events: unknown[] = [];
    raw.triggers.on('debug::request', (event: unknown) => events.push(event));

    await raw.triggers.show(1);

    const basic = `Basic ${Buffer.from(`${EMAIL}/token:${TOKEN}`).toString('base64')}`;
    expect(JSON.stringify(events)).toContain(basic);
  });
});
