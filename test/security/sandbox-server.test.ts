import { request } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';

/**
 * The sandbox as a server facing a hostile or broken client: it binds to loopback, caps request
 * bodies, and answers malformed JSON, wrong shapes and unknown routes as Zendesk does (4xx with a
 * JSON error), never with a 500, a dropped socket or a crash.
 */
const AUTH = `Basic ${Buffer.from('admin@example.com/token:sandbox').toString('base64')}`;
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ rateLimitPerMinute: null });
});
afterAll(async () => {
  await sandbox.stop();
});

interface Answer {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

/** A raw request (node:http, so bodies, paths and methods can be anything fetch would refuse). */
function raw(method: string, path: string, body?: string | Buffer, headers: Record<string, string> = {}): Promise<Answer> {
  const url = new URL(sandbox.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method, path, headers: { Authorization: AUTH, 'Content-Type': 'application/json', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const stillServing = async () => expect((await raw('GET', '/api/v2/triggers.json')).status).toBe(200);

describe('sandbox server hardening', () => {
  it('binds to 127.0.0.1 unless told otherwise', () => {
    expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers malformed JSON with 400 InvalidJSON', async () => {
    for (const body of ['{"trigger": ', '{trigger: 1}', 'nul', '\u0000\u0001', '{"a":1}{"b":2}']) {
      const answer = await raw('POST', '/api/v2/triggers.json', body);
      expect({ body, status: answer.status, answer: JSON.parse(answer.body) as unknown }).toEqual({ body, status: 400, answer: { error: 'InvalidJSON', description: 'The request body is not valid JSON' } });
    }
    await stillServing();
  });

  it('answers unknown routes and methods with 404 InvalidEndpoint', async () => {
    for (const [method, path] of [
      ['GET', '/api/v2/tickets.json'],
      ['GET', '/api/v3/triggers.json'],
      ['GET', '/'],
      ['DELETE', '/api/v2/triggers.json'],
      ['PATCH', '/api/v2/macros/1.json'],
      ['GET', '/api/v2/triggers/../../../etc/passwd'],
      ['GET', '/api/v2/%zz'],
      ['OPTIONS', '/api/v2/triggers.json'],
    ] as const) {
      const answer = await raw(method, path);
      expect({ method, path, status: answer.status, answer: JSON.parse(answer.body) as unknown }).toEqual({ method, path, status: 404, answer: { error: 'InvalidEndpoint', description: 'Not found' } });
    }
    await stillServing();
  });

  it('refuses a request body over 10 MiB with 413, without keeping it, and keeps serving', async () => {
    const big = Buffer.alloc(10 * 1024 * 1024 + 1, 0x20);
    const answer = await raw('POST', '/api/v2/triggers.json', big);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toEqual({ error: 'RequestEntityTooLarge', description: 'The request body is larger than 10485760 bytes' });
    expect(sandbox.requests.at(-1)).toMatchObject({ method: 'POST', path: '/api/v2/triggers.json', status: 413, body: undefined });
    await stillServing();
  });

  it('survives a client that hangs up halfway through its body', async () => {
    const url = new URL(sandbox.url);
    await new Promise<void>((resolve) => {
      const req = request({ host: url.hostname, port: url.port, method: 'POST', path: '/api/v2/triggers.json', headers: { Authorization: AUTH, 'Content-Length': '1000' } });
      req.on('error', () => resolve());
      req.write('{"trigger": {"title": "half');
      setImmediate(() => req.destroy());
      req.on('close', () => resolve());
    });
    await stillServing();
    expect(sandbox.dump().triggers).toEqual([]);
  });

  it('answers any JSON body on every write route with a 2xx or a 4xx Zendesk error, never a 500 or a dropped socket', async () => {
    const routes = ['triggers', 'automations', 'views', 'macros', 'ticket_fields', 'user_fields', 'organization_fields', 'ticket_forms', 'trigger_categories'];
    const singular: Record<string, string> = { triggers: 'trigger', automations: 'automation', views: 'view', macros: 'macro', ticket_fields: 'ticket_field', user_fields: 'user_field', organization_fields: 'organization_field', ticket_forms: 'ticket_form', trigger_categories: 'trigger_category' };
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), fc.constantFrom('POST', 'PUT', 'PATCH'), fc.jsonValue({ maxDepth: 4 }), fc.boolean(), async (route, method, value, wrap) => {
        const path = method === 'POST' ? `/api/v2/${route}.json` : `/api/v2/${route}/1.json`;
        const body = JSON.stringify(wrap ? { [singular[route]!]: value } : value);
        const answer = await raw(method, path, body);
        expect([200, 201, 204, 400, 404, 422], `${method} ${path} ${body} → ${answer.status} ${answer.body}`).toContain(answer.status);
        if (answer.status >= 400) expect(JSON.parse(answer.body)).toEqual(expect.any(Object));
      }),
      { seed: 909, numRuns: 300 },
    );
    await stillServing();
  });
});
