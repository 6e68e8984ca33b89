import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DESCRIPTORS, MANAGED_TYPES } from '../../src/resources/index.js';
import { liveKeyOf } from '../../src/resources/live.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { LOCK_FIELD_KEY } from '../../src/zendesk/instance-lock.js';
import { baseEnv, runProcess } from '../ci/process.js';
import { REPO_ROOT } from '../helpers/temp-repo.js';
import { repoCopy, stageFor, zdctl } from '../helpers/zdctl.js';

const BIN = path.join(REPO_ROOT, 'bin/zdctl');
let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup) await step();
  cleanup = [];
});

async function stage() {
  const { sandbox, env, repo } = await stageFor('main');
  // Every answer takes a while, so that the first apply still holds the lock when the second asks for it.
  sandbox.setFaults({ slow: 1, slowMs: 120, seed: 1 });
  cleanup.push(async () => {
    await sandbox.stop();
    repo.remove();
  });
  return { sandbox, env: { ...baseEnv(), ...env }, repo };
}

const applyProcess = (dir: string, env: NodeJS.ProcessEnv, ...flags: string[]) =>
  runProcess(process.execPath, [BIN, 'apply', '--instance', 'main', '--auto-approve', '--dir', dir, ...flags], { cwd: dir, env, timeoutMs: 90_000 });

/** Live objects of a type that share a natural key with another: what a race between two applies leaves. */
function duplicates(sandbox: Sandbox): string[] {
  const dump = sandbox.dump();
  const found: string[] = [];
  for (const type of MANAGED_TYPES) {
    const descriptor = DESCRIPTORS[type];
    const keys = (dump[type] ?? []).filter((o) => !descriptor.isSystem(o)).map((o) => liveKeyOf(descriptor, o));
    found.push(...keys.filter((key, i) => keys.indexOf(key) !== i).map((key) => `${type}/${key}`));
  }
  return found;
}

const lockFields = (sandbox: Sandbox) => (sandbox.dump().user_fields ?? []).filter((f) => f.key === LOCK_FIELD_KEY);

describe('two applies of one instance at once (real processes)', () => {
  it('from one folder: the second fails at once naming the holder; no duplicates; the next plan is No changes.', async () => {
    const { sandbox, env, repo } = await stage();
    const [a, b] = await Promise.all([applyProcess(repo.dir, env), applyProcess(repo.dir, env)]);

    const [winner, loser] = a.code === 0 && /Apply complete/.test(a.stdout) ? [a, b] : [b, a];
    expect(winner.code, winner.stderr).toBe(0);
    expect(winner.stdout).toMatch(/^Apply complete: 84 applied, 0 failed, 0 skipped\.$/m);
    expect(loser.code, loser.stdout + loser.stderr).toBe(1);
    expect(loser.stderr).toMatch(/^apply: the instance is locked by \S+@\S+ \(pid \d+, zdctl apply in .+\) since \d{4}-\d\d-\d\dT[\d:.]+Z; it expires at .+\. Nothing was changed\./m);
    expect(loser.stdout).not.toMatch(/Apply (complete|incomplete)/);
    expect(duplicates(sandbox)).toEqual([]);
    expect(lockFields(sandbox)).toEqual([]);
    sandbox.setFaults(null);
    const next = await zdctl(['plan', '--instance', 'main', '--detailed-exitcode'], { cwd: repo.dir, env });
    expect(next.code, next.stdout + next.stderr).toBe(0);
    expect(next.stdout).toMatch(/^No changes\.$/m);
  }, 120_000);

  it('from two working folders with --lock-timeout: the second waits, plans again and has nothing left to do', async () => {
    const { sandbox, env, repo } = await stage();
    const other = repoCopy();
    cleanup.push(async () => other.remove());
    const [a, b] = await Promise.all([applyProcess(repo.dir, env, '--lock-timeout', '60'), applyProcess(other.dir, env, '--lock-timeout', '60')]);

    expect([a.code, b.code], a.stderr + b.stderr).toEqual([0, 0]);
    const outputs = [a.stdout, b.stdout];
    expect(outputs.filter((o) => /^Apply complete: 84 applied, 0 failed, 0 skipped\.$/m.test(o))).toHaveLength(1);
    const waiter = [a, b].find((run) => !/Apply complete/.test(run.stdout))!;
    expect(waiter.stderr).toMatch(/^Waiting up to 60 s for the lock held by \S+ \(pid \d+, zdctl apply in /m);
    expect(waiter.stderr).toContain('Another run held the lock: planning again against the live instance as it is now.');
    expect(waiter.stdout).toMatch(/No changes\.\n$/);
    expect(duplicates(sandbox)).toEqual([]);
    expect(lockFields(sandbox)).toEqual([]);
    sandbox.setFaults(null);
    const next = await zdctl(['plan', '--instance', 'main', '--detailed-exitcode'], { cwd: other.dir, env });
    expect(next.code, next.stdout + next.stderr).toBe(0);
  }, 120_000);
});
