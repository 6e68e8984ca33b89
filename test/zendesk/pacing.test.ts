// Pacing from the rate-limit headers: slow down before Zendesk says 429.
import { afterEach, describe, expect, it } from 'vitest';
import { testClient } from './helpers.js';
import { inOrder, json, type ScriptedServer, startScriptedServer } from './scripted-server.js';

let server: ScriptedServer;
afterEach(async () => server?.close());

const OK = { trigger: { id: 1 } };
const gapsBetween = (times: number[]) => times.slice(1).map((time, index) => time - times[index]!);

describe('pacing from rate-limit headers', () => {
  it('with ratelimit-remaining 0 the next request waits for ratelimit-reset instead of drawing a 429', async () => {
    server = await startScriptedServer(
      inOrder(json(200, OK, { 'x-rate-limit': '200', 'x-rate-limit-remaining': '0', 'ratelimit-remaining': '0', 'ratelimit-reset': '3' }), json(200, OK)),
    );
    const client = testClient(server.url, { timeScale: 100 });

    await client.get('triggers/1');
    await client.get('triggers/2');

    const [gap] = gapsBetween(server.requests.map((request) => request.at));
    expect(gap).toBeGreaterThanOrEqual(28); // 3000 nominal ms / 100
    expect(client.stats.retries).toBe(0);
    expect(client.stats.throttledMs).toBeGreaterThan(2800);
    expect(client.stats.throttledMs).toBeLessThanOrEqual(3000);
  });

  it('below the low-water mark, the requests left are spread over the time to reset', async () => {
    // limit 100 → low water 10; 4 left, reset in 5 s: the three go at 0, 1250 and 2917 nominal ms
    server = await startScriptedServer(inOrder(json(200, OK, { 'ratelimit-limit': '100', 'ratelimit-remaining': '4', 'ratelimit-reset': '5' }), json(200, OK)));
    const client = testClient(server.url, { timeScale: 100, maxInFlight: 4 });

    await client.get('triggers/0');
    await Promise.all([1, 2, 3].map((id) => client.get(`triggers/${id}`)));

    expect(server.requests).toHaveLength(4);
    // The pacer's own account of its waits, in nominal ms: no wall clock (a loaded machine delays timers
    // unevenly). The last of the three waits 2917 nominal ms, the others less.
    expect(client.stats.throttledMs).toBeGreaterThanOrEqual(2917);
    expect(client.stats.throttledMs).toBeLessThan(5000);
    expect(client.stats.retries).toBe(0);
  });

  it('plenty remaining: no waiting at all', async () => {
    server = await startScriptedServer(inOrder(json(200, OK, { 'x-rate-limit': '700', 'x-rate-limit-remaining': '650', 'ratelimit-reset': '40' })));
    const client = testClient(server.url);

    await Promise.all([1, 2, 3, 4, 5].map((id) => client.get(`triggers/${id}`)));

    expect(client.stats.throttledMs).toBe(0);
  });

  it('a 429 holds the other requests too, not only the refused one', async () => {
    server = await startScriptedServer(inOrder(json(429, { error: 'TooManyRequests' }, { 'retry-after': '3' }), json(200, OK)));
    const client = testClient(server.url, { timeScale: 100 });
    let second: Promise<unknown> = Promise.resolve();
    const firstDone = new Promise<void>((resolve) => {
      const original = client.get('triggers/1');
      // Start another request as soon as the 429 is in.
      const waitFor429 = setInterval(() => {
        if (client.logs.some((entry) => entry.status === 429)) {
          clearInterval(waitFor429);
          second = client.get('triggers/2');
        }
      }, 1);
      void original.then(() => resolve());
    });

    await firstDone;
    await second;

    const [refused, ...rest] = server.requests;
    for (const request of rest) expect(request.at - refused!.at).toBeGreaterThanOrEqual(28);
    expect(server.requests).toHaveLength(3);
  });
});
