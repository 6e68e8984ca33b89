import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseFaultSpec, startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { get, post, validView } from './helpers.js';

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, rateLimitPerMinute: null });
});
afterAll(async () => {
  await sandbox.stop();
});
beforeEach(() => {
  sandbox.setFaults(null);
  sandbox.reset();
  sandbox.clearRequests();
});

const statusOrFailure = async (path: string) => {
  try {
    return (await get(sandbox, path)).status;
  } catch {
    return 'dropped';
  }
};

describe('--faults syntax', () => {
  it('parses every kind', () => {
    expect(parseFaultSpec('429=0.1,503=0.05,500=0.01,drop=0.02,lost=0.01,slow=0.1:200,seed=42,retry-after=2')).toEqual({
      status429: 0.1, status503: 0.05, status500: 0.01, drop: 0.02, lost: 0.01, slow: 0.1, slowMs: 200, seed: 42, retryAfter: 2,
    });
  });

  it('names what is wrong', () => {
    expect(() => parseFaultSpec('404=0.1')).toThrow('--faults: unknown fault "404" (known: 429, 503, 500, drop, lost, slow, seed, retry-after)');
    expect(() => parseFaultSpec('429=2')).toThrow('--faults: 429 needs a fraction between 0 and 1, got "2"');
  });
});

describe('injected faults', () => {
  it('are deterministic for a seed', async () => {
    const run = async () => {
      sandbox.setFaults({ status429: 0.2, status503: 0.2, status500: 0.1, seed: 7 });
      const statuses = [];
      for (let i = 0; i < 20; i++) statuses.push(await statusOrFailure('/macros'));
      return statuses;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(new Set(first)).toEqual(new Set([200, 429, 503, 500]));
  });

  it('answer 429 and 503 with Retry-After; 503 in plain text', async () => {
    sandbox.setFaults({ status503: 1, retryAfter: 3 });
    const unavailable = await get(sandbox, '/macros');
    expect([unavailable.status, unavailable.text, unavailable.headers.get('retry-after')]).toEqual([503, 'Service Unavailable', '3']);
    sandbox.setFaults({ status429: 1 });
    const limited = await get(sandbox, '/macros');
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '1']);
  });

  it('drop: the connection closes without an answer and nothing is written', async () => {
    sandbox.setFaults({ drop: 1 });
    await expect(post(sandbox, '/views', validView())).rejects.toThrow();
    sandbox.setFaults(null);
    expect(sandbox.dump().views).toEqual([]);
    expect(sandbox.requests[0]).toMatchObject({ method: 'POST', status: null, fault: 'drop' });
  });

  it('lost: the write is committed, then the answer is lost', async () => {
    sandbox.setFaults({ lost: 1 });
    await expect(post(sandbox, '/views', validView('Committed'))).rejects.toThrow();
    sandbox.setFaults(null);
    expect(sandbox.dump().views!.map((v) => v.title)).toEqual(['Committed']);
    expect(sandbox.requests[0]).toMatchObject({ status: 201, fault: 'lost' });
  });

  it('slow: the answer comes after the delay', async () => {
    sandbox.setFaults({ slow: 1, slowMs: 150 });
    const started = Date.now();
    expect((await get(sandbox, '/macros')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });
});
