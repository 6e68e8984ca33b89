// The executor's `stop` signal (used by --deadline, and by SIGINT/SIGTERM): checked before each
// write is started; writes in flight finish; what was not started is reported as such.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyPlan, stopReason, type ChangeResult } from '../../src/apply/index.js';
import { SchemaSet } from '../../src/model/schemas.js';
import { validateInstance } from '../../src/model/validate.js';
import { buildPlan } from '../../src/plan/build.js';
import { desiredStateOf } from '../../src/plan/desired.js';
import { liveNeedsOf } from '../../src/plan/needs.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { createClient } from '../../src/zendesk/index.js';
import { readLiveState } from '../../src/zendesk/live-state.js';
import { stageFor } from '../helpers/zdctl.js';

let sandbox: Sandbox;
let repo: { dir: string; remove(): void };
beforeAll(async () => {
  ({ sandbox, repo } = await stageFor('main'));
});
afterAll(async () => {
  await sandbox.stop();
  repo.remove();
});

async function planAndClient() {
  const client = createClient({ baseUrl: sandbox.url, auth: { email: 'admin@example.com', token: 'sandbox' } });
  const { instance } = validateInstance(repo.dir, 'main', new SchemaSet());
  const desired = desiredStateOf(instance);
  const live = await readLiveState(client, liveNeedsOf(desired));
  return { plan: buildPlan(desired, live, { zdctlVersion: 'test' }).plan, live, client };
}

describe('applyPlan with a stop signal', () => {
  it('already stopped: starts nothing, every change not started with the reason', async () => {
    const { plan, live, client } = await planAndClient();
    sandbox.clearRequests();
    const { results, counts } = await applyPlan(plan, live, client, { stop: AbortSignal.abort('the deadline 2026-01-01T00:00:00.000Z had passed') });
    expect(counts).toEqual({ applied: 0, failed: 0, skipped: 0, not_started: plan.changes.length });
    expect(results[0]!.message).toBe('not started: the deadline 2026-01-01T00:00:00.000Z had passed');
    expect(sandbox.requests).toEqual([]);
  });

  it('stopped after the 10th result: in-flight changes finish as applied, none is started after, the next run finishes the rest', async () => {
    const { plan, live, client } = await planAndClient();
    const controller = new AbortController();
    const seen: ChangeResult[] = [];
    let writesAtStop = 0;
    const { results, counts } = await applyPlan(plan, live, client, {
      concurrency: 4,
      stop: controller.signal,
      onResult: (result) => {
        seen.push(result);
        if (seen.length === 10) {
          controller.abort();
          writesAtStop = sandbox.requests.filter((r) => r.method !== 'GET').length;
        }
      },
    });
    expect(counts.failed + counts.skipped).toBe(0);
    expect(counts.applied).toBeGreaterThanOrEqual(10);
    // at most the three other workers' changes were in flight when it stopped
    expect(counts.applied).toBeLessThanOrEqual(13);
    expect(counts.applied + counts.not_started).toBe(plan.changes.length);
    expect(new Set(results.filter((r) => r.status !== 'applied').map((r) => r.message))).toEqual(new Set(['not started: apply was stopped before it began']));
    expect(sandbox.requests.filter((r) => r.method !== 'GET').length - writesAtStop).toBeLessThanOrEqual(3 * 2);
    const again = await planAndClient();
    const rest = await applyPlan(again.plan, again.live, again.client);
    expect(rest.counts.failed + rest.counts.skipped + rest.counts.not_started).toBe(0);
    expect((await planAndClient()).plan.changes).toEqual([]);
  });

  it('stopReason: a text or an Error says why; an abort without a reason says it was stopped', () => {
    expect(stopReason(AbortSignal.abort('SIGTERM received'))).toBe('SIGTERM received');
    expect(stopReason(AbortSignal.abort(new Error('interrupted (SIGINT)')))).toBe('interrupted (SIGINT)');
    expect(stopReason(AbortSignal.abort())).toBe('apply was stopped before it began');
    expect(stopReason(undefined)).toBe('apply was stopped before it began');
  });
});
