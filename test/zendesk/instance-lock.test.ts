import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { createClient } from '../../src/zendesk/index.js';
import { acquireLock, LOCK_FIELD_KEY, LOCK_LIFETIME_MS } from '../../src/zendesk/instance-lock.js';

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await startSandbox({ port: 0, rateLimitPerMinute: null });
});
afterEach(async () => {
  vi.useRealTimers();
  await sandbox.stop();
});

const lockField = () => (sandbox.dump().user_fields ?? []).find((f) => f.key === LOCK_FIELD_KEY);

it('a run that outlasts a quarter of the lifetime moves the expiry on, and release stops that and deletes the lock', async () => {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
  const client = createClient({ baseUrl: sandbox.url, auth: { email: 'admin@example.com', token: 'sandbox' } });
  const lock = await acquireLock(client, { holder: { who: 'ops@host', pid: 1, command: 'restore', where: '/repo' }, timeoutSeconds: 0, breakLock: false });
  const firstExpiry = JSON.parse(String(lockField()!.description)).expires as string;

  vi.advanceTimersByTime(LOCK_LIFETIME_MS / 4);
  await vi.waitFor(() => expect(sandbox.requests.some((r) => r.method === 'PUT' && r.path.startsWith('/api/v2/user_fields/'))).toBe(true), { timeout: 5000 });
  await vi.waitFor(() => expect(Date.parse(JSON.parse(String(lockField()!.description)).expires)).toBe(Date.parse(firstExpiry) + LOCK_LIFETIME_MS / 4));

  await lock.release();
  expect(lockField()).toBeUndefined();
  sandbox.clearRequests();
  vi.advanceTimersByTime(LOCK_LIFETIME_MS);
  expect(sandbox.requests).toEqual([]);
});
