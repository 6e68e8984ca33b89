import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/temp-repo.js';
import { withoutLock } from '../helpers/zdctl.js';
import { bench, duplicates, importedTree, liveKeys, writesIn, type Bench } from './helpers.js';

/**
 * An apply killed mid-run (SIGKILL, as a laptop lid or a CI timeout does it) after N writes
 * reached Zendesk: running the same apply again converges — exit 0, then plan No changes, the
 * same live state as an apply that was never interrupted, nothing created twice. The killed run
 * is the real binary (bin/zdctl on dist/, built by `npm run test:faults`), in a process of its own.
 */
const KILL_AFTER_WRITES = [1, 7, 25, 50, 80];

let reference: Bench;
let referenceTree: Record<string, string>;
let referenceKeys: Record<string, string[]>;

beforeAll(async () => {
  reference = await bench();
  expect((await reference.run(['apply', '--instance', 'main', '--auto-approve'])).code).toBe(0);
  referenceTree = await importedTree(reference);
  referenceKeys = liveKeys(reference.sandbox);
});
afterAll(async () => {
  await reference.stop();
});

/** The writes of the apply itself, without the instance lock's create and release. */
const configWrites = (b: Bench) => withoutLock(writesIn(b.sandbox));

/** Runs bin/zdctl apply and kills it with SIGKILL as soon as the sandbox has seen `writes` writes. */
function applyKilledAfter(b: Bench, writes: number): Promise<{ signal: NodeJS.Signals | null; code: number | null; writesSeen: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/zdctl'), 'apply', '--instance', 'main', '--auto-approve'], {
      cwd: b.repo,
      env: { PATH: process.env.PATH, ...b.env },
      stdio: 'ignore',
    });
    // Counted once answered: a request's body (which tells the lock's writes apart) is logged only then.
    const watch = setInterval(() => {
      if (configWrites(b).filter((r) => r.finishedAt > 0).length >= writes) {
        clearInterval(watch);
        child.kill('SIGKILL');
      }
    }, 1);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearInterval(watch);
      resolve({ code, signal, writesSeen: configWrites(b).length });
    });
  });
}

describe.each(KILL_AFTER_WRITES)('apply killed after %i writes', (writes) => {
  let b: Bench;
  beforeAll(async () => {
    b = await bench();
  });
  afterAll(async () => {
    await b.stop();
  });

  it('then the same apply converges: exit 0, No changes, the same live state, nothing twice', async () => {
    // slow answers, so the kill lands while the apply is still writing
    b.sandbox.setFaults({ slow: 1, slowMs: 15, seed: writes });
    const killed = await applyKilledAfter(b, writes);
    b.sandbox.setFaults(null);
    expect(killed.signal).toBe('SIGKILL');
    expect(killed.writesSeen).toBeGreaterThanOrEqual(writes);
    expect(killed.writesSeen).toBeLessThan(84);
    expect(duplicates(b.sandbox)).toEqual([]);

    // The killed run could not release its lock: the next run names it, and --break-lock (the
    // operator knows the holder is dead) goes on.
    const locked = await b.run(['apply', '--instance', 'main', '--auto-approve']);
    expect(locked.code).toBe(1);
    expect(locked.stderr).toMatch(/^apply: the instance is locked by \S+ \(pid \d+, zdctl apply in /m);
    const rerun = await b.run(['apply', '--instance', 'main', '--auto-approve', '--break-lock']);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stdout).toMatch(/^Apply complete: \d+ applied, 0 failed, 0 skipped\.$/m);
    const planned = await b.run(['plan', '--instance', 'main', '--detailed-exitcode']);
    expect(planned.stdout).toMatch(/^No changes\.$/m);
    expect(planned.code).toBe(0);
    expect(duplicates(b.sandbox)).toEqual([]);
    expect(liveKeys(b.sandbox)).toEqual(referenceKeys);
    expect(await importedTree(b)).toEqual(referenceTree);
  });
});

describe('apply killed while a create was in flight with its answer lost', () => {
  it('the next apply finds the created object by name instead of creating it again', async () => {
    const b = await bench();
    try {
      b.sandbox.setFaults({ lost: 0.3, slow: 1, slowMs: 10, seed: 3 });
      const killed = await applyKilledAfter(b, 20);
      b.sandbox.setFaults(null);
      expect(killed.signal).toBe('SIGKILL');
      expect(b.sandbox.requests.some((r) => r.fault === 'lost' && r.method === 'POST')).toBe(true);
      const rerun = await b.run(['apply', '--instance', 'main', '--auto-approve', '--break-lock']);
      expect(rerun.code, rerun.stderr).toBe(0);
      expect(duplicates(b.sandbox)).toEqual([]);
      expect(liveKeys(b.sandbox)).toEqual(referenceKeys);
      expect(await importedTree(b)).toEqual(referenceTree);
    } finally {
      await b.stop();
    }
  });
});
