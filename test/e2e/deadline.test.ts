// apply --deadline: no write is started after it; writes in flight finish; the summary says what
// was applied, failed and not started, and agrees with what the sandbox holds. zdctl runs as a
// process (bin/zdctl), as the weekend CI job runs it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../src/plan/types.js';
import { DESCRIPTORS, type ManagedType } from '../../src/resources/index.js';
import { liveKeyOf, type ApiObject } from '../../src/resources/live.js';
import { parseFaultSpec, readSeed, type Sandbox } from '../../src/sandbox/index.js';
import { baseEnv, runProcess } from '../ci/process.js';
import { REPO_ROOT } from '../helpers/temp-repo.js';
import { LOOKUP_SEEDS, repoCopy, sandboxFor } from '../helpers/zdctl.js';

const BIN = path.join(REPO_ROOT, 'bin/zdctl');
const TOTAL = 84;
const stages: { sandbox: Sandbox; repo: { remove(): void } }[] = [];

async function stage() {
  const { sandbox, env } = await sandboxFor();
  sandbox.seed(await readSeed(LOOKUP_SEEDS.main));
  const repo = repoCopy();
  stages.push({ sandbox, repo });
  const zdctl = (args: string[]) => runProcess(process.execPath, [BIN, ...args], { cwd: repo.dir, env: { ...baseEnv(), ...env } });
  return { sandbox, zdctl, dir: repo.dir };
}

afterAll(async () => {
  for (const { sandbox, repo } of stages) {
    await sandbox.stop();
    repo.remove();
  }
});

const writes = (sandbox: Sandbox) => sandbox.requests.filter((r) => r.method !== 'GET');
const summary = (stdout: string) => {
  const match = /^Apply incomplete: (\d+) applied, (\d+) failed, (\d+) skipped, (\d+) not started\.$/m.exec(stdout);
  if (!match) throw new Error(`no incomplete summary in:\n${stdout}`);
  const [applied, failed, skipped, notStarted] = match.slice(1).map(Number) as [number, number, number, number];
  return { applied, failed, skipped, notStarted };
};

describe('zdctl apply --deadline', () => {
  it('refuses a deadline without a zone, before reading anything', async () => {
    const { sandbox, zdctl } = await stage();
    const result = await zdctl(['apply', '--instance', 'main', '--auto-approve', '--deadline', '2026-11-28 06:00']);
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr:
        "error: option '--deadline <time>' argument '2026-11-28 06:00' is invalid. expected an ISO 8601 date and time with its zone, e.g. 2026-11-28T06:00:00Z or 2026-11-28T07:00:00+01:00\n(run zdctl --help for usage)\n",
    });
    expect(sandbox.requests).toEqual([]);
  });

  it('a deadline already passed: nothing is started, every change is reported as not started, exit 1', async () => {
    const { sandbox, zdctl } = await stage();
    const result = await zdctl(['apply', '--instance', 'main', '--auto-approve', '--deadline', '2026-01-01T00:00:00Z']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^Apply incomplete: 0 applied, 0 failed, 0 skipped, 84 not started\.$/m);
    expect(result.stderr).toMatch(/^not started: create ticket_fields\/Severity$/m);
    expect(result.stderr).toMatch(/^Stopped: the deadline 2026-01-01T00:00:00\.000Z had passed; 84 changes were not started\.$/m);
    expect(result.stderr.match(/^not started: /gm)).toHaveLength(TOTAL);
    expect(result.stderr).toMatch(/^Run zdctl apply again to finish: it plans only what is still different\.$/m);
    expect(writes(sandbox)).toEqual([]);
  });

  it('restore --deadline: a deadline passed starts no write of the restore either', async () => {
    const { sandbox, zdctl } = await stage();
    expect((await zdctl(['export', '--instance', 'main', '--out', 'before'])).code).toBe(0);
    expect((await zdctl(['apply', '--instance', 'main', '--auto-approve'])).code).toBe(0);
    sandbox.clearRequests();
    const result = await zdctl(['restore', 'before', '--instance', 'main', '--auto-approve', '--allow-delete', '--deadline', '2026-01-01T00:00:00+01:00']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Stopped: the deadline 2025-12-31T23:00:00\.000Z had passed; \d+ changes were not started\.$/m);
    expect(result.stdout).toMatch(/^Apply incomplete: 0 applied, 0 failed, 0 skipped, \d+ not started\.$/m);
    expect(writes(sandbox)).toEqual([]);
  });

  it('a deadline reached mid-apply: in-flight writes finish, the rest is not started, the summary matches the live state, and the next apply finishes', { timeout: 90_000 }, async () => {
    const { sandbox, zdctl, dir } = await stage();
    expect((await zdctl(['plan', '--instance', 'main', '--out', 'plan.json'])).code).toBe(0);
    // every answer 300 ms late: 84 changes, 4 at a time, take more than 6 s, so a deadline 3 s
    // after the start falls inside the apply (or before it on a very slow machine: 0 applied)
    sandbox.setFaults(parseFaultSpec('slow=1:300,seed=1'));
    const deadline = new Date(Date.now() + 3000).toISOString();
    const result = await zdctl(['apply', 'plan.json', '--instance', 'main', '--auto-approve', '--deadline', deadline]);
    sandbox.setFaults(null);
    expect(result.code).toBe(1);
    const counts = summary(result.stdout);
    expect(counts.failed + counts.skipped).toBe(0);
    expect(counts.applied + counts.notStarted).toBe(TOTAL);
    expect(counts.notStarted).toBeGreaterThan(0);
    // truthful: each create the summary does not call "not started" is live, and no other
    const notStarted = new Set([...result.stderr.matchAll(/^not started: \w+ (.+)$/gm)].map((m) => m[1]));
    expect(notStarted.size).toBe(counts.notStarted);
    const plan = JSON.parse(readFileSync(path.join(dir, 'plan.json'), 'utf8')) as Plan;
    const live = sandbox.dump() as Record<ManagedType, ApiObject[]>;
    for (const change of plan.changes.filter((c) => c.action === 'create')) {
      const isLive = live[change.type].some((o) => liveKeyOf(DESCRIPTORS[change.type], o) === change.key);
      expect(isLive, change.address).toBe(!notStarted.has(change.address));
    }
    sandbox.clearRequests();
    const rest = await zdctl(['apply', '--instance', 'main', '--auto-approve']);
    expect(rest.code).toBe(0);
    expect(rest.stdout).toMatch(new RegExp(`^Apply complete: (\\d+) applied, 0 failed, 0 skipped\\.$`, 'm'));
    expect((await zdctl(['plan', '--instance', 'main'])).stdout).toMatch(/^No changes\.$/m);
  });
});
