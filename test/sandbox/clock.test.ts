import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceleratedClock, startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { get } from './helpers.js';

const FACTOR = 600; // one sandbox minute is 100 real milliseconds
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, rateLimitPerMinute: 2, clock: acceleratedClock(FACTOR, Date.UTC(2024, 0, 1)) });
});
afterAll(async () => {
  await sandbox.stop();
});

describe('an accelerated clock', () => {
  it('runs FACTOR times faster than real time', async () => {
    const clock = acceleratedClock(FACTOR, 0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(clock.now()).toBeGreaterThanOrEqual(50 * FACTOR * 0.9);
  });

  it('lets a client that divides Retry-After by the same factor get through after waiting', async () => {
    let answer = await get(sandbox, '/macros');
    while (answer.status === 200) answer = await get(sandbox, '/macros');
    expect(answer.status).toBe(429);
    const retryAfter = Number(answer.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    await new Promise((resolve) => setTimeout(resolve, (retryAfter * 1000) / FACTOR + 5));
    expect((await get(sandbox, '/macros')).status).toBe(200);
  });
});
