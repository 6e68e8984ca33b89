import { afterEach, describe, expect, it } from 'vitest';
import { NetworkError, UncertainWriteError, ZendeskApiError } from '../../src/zendesk/index.js';
import { inOrder, json, type ScriptedServer, startScriptedServer } from './scripted-server.js';
import { rejectionOf, testClient } from './helpers.js';

let server: ScriptedServer;
afterEach(async () => server?.close());

const TRIGGER = { trigger: { id: 1, title: 'Notify requester' } };
const RATE_LIMITED = json(429, { error: 'TooManyRequests', description: 'Rate limit exceeded' }, { 'retry-after': '2' });
const UNAVAILABLE = json(503, { error: 'ServiceUnavailable' }, { 'retry-after': '1' });

describe('429 and 503 with Retry-After are rejections: retried for every method, after the delay', () => {
  it('a GET answered 429 Retry-After: 2 is sent again after 2 s (scaled) and returns the data', async () => {
    server = await startScriptedServer(inOrder(RATE_LIMITED, json(200, TRIGGER)));
    const client = testClient(server.url, { timeScale: 100 });

    await expect(client.get('triggers/1')).resolves.toEqual(TRIGGER);

    expect(server.requests.map((request) => `${request.method} ${request.path}`)).toEqual(['GET /api/v2/triggers/1', 'GET /api/v2/triggers/1']);
    const [first, second] = server.requests;
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(19); // 2000 nominal ms / 100
    expect(client.stats).toEqual({ requests: 2, retries: 1, byMethod: { GET: 2 }, throttledMs: 2000 });
  });

  it('a POST answered 429 is retried too: nothing was written', async () => {
    server = await startScriptedServer(inOrder(RATE_LIMITED, json(201, TRIGGER)));
    const client = testClient(server.url);

    const result = await client.send('POST', 'triggers', { trigger: { title: 'Notify requester' } });

    expect(result.status).toBe(201);
    expect(result.body).toEqual(TRIGGER);
    expect(server.requests.map((request) => request.method)).toEqual(['POST', 'POST']);
    expect(JSON.parse(server.requests[1]!.body)).toEqual({ trigger: { title: 'Notify requester' } });
  });

  it('a 503 storm with Retry-After is waited out, also for a POST', async () => {
    server = await startScriptedServer(inOrder(UNAVAILABLE, UNAVAILABLE, UNAVAILABLE, json(201, TRIGGER)));
    const client = testClient(server.url);

    await expect(client.send('POST', 'triggers', {})).resolves.toMatchObject({ status: 201 });

    expect(server.requests).toHaveLength(4);
    expect(client.stats).toEqual({ requests: 4, retries: 3, byMethod: { POST: 4 }, throttledMs: 3000 });
  });

  it('a 503 storm longer than maxAttempts ends in a ZendeskApiError that says it gave up', async () => {
    server = await startScriptedServer(inOrder(UNAVAILABLE));
    const client = testClient(server.url, { retry: { maxAttempts: 3 } });

    const error = await rejectionOf(client.get('triggers'));

    expect(error).toBeInstanceOf(ZendeskApiError);
    expect(error.message).toBe(
      'GET triggers: Zendesk answered 503 ServiceUnavailable (gave up after 3 attempts: the retry budget of 3 attempts is used up)',
    );
    expect(error).toMatchObject({ status: 503, attempts: 3, retryAfterSeconds: 1 });
    expect(server.requests).toHaveLength(3);
  });

  it('a Retry-After longer than maxWaitSeconds is not waited for', async () => {
    server = await startScriptedServer(inOrder(json(429, { error: 'TooManyRequests' }, { 'retry-after': '3600' })));
    const client = testClient(server.url, { retry: { maxWaitSeconds: 60 } });

    const error = await rejectionOf(client.get('triggers'));

    expect(error.message).toBe(
      'GET triggers: Zendesk answered 429 TooManyRequests (gave up after 1 attempt: waiting another 3600 s would exceed the retry budget of 60 s)',
    );
    expect(server.requests).toHaveLength(1);
  });

  it('a 429 without Retry-After is still a rejection, retried after backoff', async () => {
    server = await startScriptedServer(inOrder(json(429, { error: 'TooManyRequests' }), json(200, TRIGGER)));
    const client = testClient(server.url);

    await expect(client.send('POST', 'triggers', {})).resolves.toMatchObject({ status: 200 });
    expect(server.requests).toHaveLength(2);
  });
});

describe('answers that are never retried', () => {
  it.each([
    [400, { error: 'BadRequest', description: 'bad' }],
    [401, { error: "Couldn't authenticate you" }],
    [403, { error: 'Forbidden', description: 'You do not have access to this page' }],
    [404, { error: 'RecordNotFound', description: 'Not found' }],
    [422, { error: 'RecordInvalid', description: 'Record validation errors' }],
    [409, { error: 'Conflict' }],
  ])('%i is final after exactly one request, for GET and PUT', async (status, body) => {
    server = await startScriptedServer(inOrder(json(status, body)));
    const client = testClient(server.url);

    await expect(client.get('triggers/1')).rejects.toMatchObject({ status, attempts: 1 });
    await expect(client.send('PUT', 'triggers/1', {})).rejects.toMatchObject({ status, attempts: 1 });

    expect(server.requests.map((request) => request.method)).toEqual(['GET', 'PUT']);
    expect(client.stats.retries).toBe(0);
  });
});

describe('5xx without Retry-After: retried only when idempotent', () => {
  it('a GET answered 500, 502, 504 is retried with backoff until it succeeds', async () => {
    server = await startScriptedServer(inOrder(json(500, {}), json(502, {}), json(504, {}), json(200, TRIGGER)));
    const client = testClient(server.url);

    await expect(client.get('triggers/1')).resolves.toEqual(TRIGGER);
    expect(server.requests).toHaveLength(4);
    expect(client.stats).toMatchObject({ requests: 4, retries: 3, throttledMs: 0 });
  });

  it.each(['PUT', 'PATCH', 'DELETE'] as const)('%s is idempotent by default and retried after a 502', async (method) => {
    server = await startScriptedServer(inOrder(json(502, {}), { status: 204 }));
    const client = testClient(server.url);

    await expect(client.send(method, 'triggers/1', method === 'DELETE' ? undefined : {})).resolves.toMatchObject({ status: 204 });
    expect(server.requests.map((request) => request.method)).toEqual([method, method]);
  });

  it('a POST answered 500 is an UncertainWriteError after one request, never retried blindly', async () => {
    server = await startScriptedServer(inOrder(json(500, { error: 'InternalError', description: 'Something broke' })));
    const client = testClient(server.url);

    const error = await rejectionOf(client.send('POST', 'triggers', {}, { describe: 'trigger "Notify requester"' }));

    expect(error).toBeInstanceOf(UncertainWriteError);
    expect(error.message).toBe(
      'trigger "Notify requester": Zendesk answered 500 InternalError: Something broke; the write may or may not have happened; check live state before retrying',
    );
    expect(error).toMatchObject({ method: 'POST', path: 'triggers', status: 500 });
    expect(server.requests).toHaveLength(1);
  });

  it('a POST the caller marks idempotent is retried after a 502', async () => {
    server = await startScriptedServer(inOrder(json(502, {}), json(200, { job_status: { id: 'j1' } })));
    const client = testClient(server.url);

    await expect(client.send('POST', 'trigger_categories/jobs', {}, { idempotent: true })).resolves.toMatchObject({ status: 200 });
    expect(server.requests).toHaveLength(2);
  });
});

describe('network failures', () => {
  it('a GET whose socket is dropped twice is sent a third time', async () => {
    server = await startScriptedServer(inOrder({ drop: 'before-answer' }, { drop: 'before-answer' }, json(200, TRIGGER)));
    const client = testClient(server.url);

    await expect(client.get('triggers/1')).resolves.toEqual(TRIGGER);
    expect(server.requests).toHaveLength(3);
    expect(client.logs.map((entry) => [entry.status, entry.attempt])).toEqual([
      ['network-error', 1],
      ['network-error', 2],
      [200, 3],
    ]);
  });

  it('a POST whose answer is lost after the write arrived is an UncertainWriteError, sent once', async () => {
    server = await startScriptedServer(inOrder({ drop: 'before-answer' }));
    const client = testClient(server.url);

    const error = await rejectionOf(client.send('POST', 'triggers', { trigger: { title: 'A' } }, { describe: 'trigger "A"' }));

    expect(error).toBeInstanceOf(UncertainWriteError);
    expect(error.message).toMatch(/^trigger "A": the answer was lost \(.+\); the write may or may not have happened; check live state before retrying$/);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.body).toBe('{"trigger":{"title":"A"}}');
  });

  it('a POST that times out is an UncertainWriteError; a GET that times out is retried', async () => {
    server = await startScriptedServer(inOrder({ hang: true }, { hang: true }, json(200, TRIGGER)));
    const client = testClient(server.url, { timeoutMs: 100 });

    const error = await rejectionOf(client.send('POST', 'triggers', {}));
    expect(error).toBeInstanceOf(UncertainWriteError);
    expect(error.message).toContain('no answer before the timeout');

    await expect(client.get('triggers/1')).resolves.toEqual(TRIGGER);
    expect(server.requests.map((request) => request.method)).toEqual(['POST', 'GET', 'GET']);
  });

  it('a refused connection sent nothing: retried even for a POST, then a NetworkError', async () => {
    server = await startScriptedServer(inOrder(json(200, {})));
    const closedUrl = server.url;
    await server.close();
    const client = testClient(closedUrl, { retry: { maxAttempts: 3 } });

    const error = await rejectionOf(client.send('POST', 'triggers', {}));

    expect(error).toBeInstanceOf(NetworkError);
    expect(error.message).toMatch(/^POST triggers: could not get an answer from Zendesk \(.*ECONNREFUSED.*\); gave up after 3 attempts: nothing answered at that address$/);
    expect(error).toMatchObject({ attempts: 3, method: 'POST', path: 'triggers' });
    expect(client.stats).toEqual({ requests: 3, retries: 2, byMethod: { POST: 3 }, throttledMs: 0 });
  });

  it('a refused connection gives up after 3 quick tries even with the default budget of 6 (about a second, not 9 s of backoff)', async () => {
    server = await startScriptedServer(inOrder(json(200, {})));
    const closedUrl = server.url;
    await server.close();
    const client = testClient(closedUrl);

    const error = await rejectionOf(client.get('ticket_fields'));

    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ attempts: 3 });
    expect(error.message).toMatch(/gave up after 3 attempts: nothing answered at that address$/);
    expect(client.stats.requests).toBe(3);
  });
});
