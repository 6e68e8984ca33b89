import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DESCRIPTORS, MANAGED_TYPES } from '../../src/resources/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { LOCK_FIELD_KEY } from '../../src/zendesk/instance-lock.js';
import { baseEnv } from '../ci/process.js';
import { REPO_ROOT } from '../helpers/temp-repo.js';
import { stageFor, stateFolderFor, withoutLock, zdctl } from '../helpers/zdctl.js';

const BIN = path.join(REPO_ROOT, 'bin/zdctl');
let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

/** Runs apply as a real process and sends it `signal` once `ready()` holds; resolves with its exit and output. */
function applyAndInterrupt(dir: string, env: NodeJS.ProcessEnv, signal: NodeJS.Signals, ready: () => boolean) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'apply', '--instance', 'main', '--auto-approve', '--dir', dir], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    const poll = setInterval(() => {
      if (!ready()) return;
      clearInterval(poll);
      child.kill(signal);
    }, 20);
    const guard = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(poll);
      clearTimeout(guard);
      resolve({ code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() });
    });
  });
}

const landedCreates = (sandbox: Sandbox) => withoutLock(sandbox.requests).filter((r) => r.method === 'POST' && r.status === 201);

/** Ids of the managed objects that exist live (system objects of a fresh account left out). */
function liveIds(sandbox: Sandbox): string[] {
  const dump = sandbox.dump();
  return MANAGED_TYPES.flatMap((type) => (dump[type] ?? []).filter((o) => !DESCRIPTORS[type].isSystem(o) && o.key !== LOCK_FIELD_KEY).map((o) => `${type}/${String(o.id)}`));
}

describe.each(['SIGINT', 'SIGTERM'] as const)('%s during apply (a real process)', (signal) => {
  it('stops new writes, lets those in flight finish, logs every write that landed, prints the summary and exits 130', async () => {
    const { sandbox, env, repo } = await stageFor('main');
    cleanup = async () => {
      await sandbox.stop();
      repo.remove();
    };
    const before = new Set(liveIds(sandbox));
    // Every answer takes a while, so that writes are in flight when the signal arrives.
    sandbox.setFaults({ slow: 1, slowMs: 150, seed: 1 });

    const run = await applyAndInterrupt(repo.dir, { ...baseEnv(), ...env }, signal, () => landedCreates(sandbox).length >= 6);

    expect(run.code, run.stderr).toBe(130);
    expect(run.stderr).toContain(`${signal}: no new write starts; waiting for the writes in flight to finish`);
    const summary = /^Apply interrupted: (\d+) applied, 0 failed, 0 skipped, (\d+) not started\.$/m.exec(run.stdout);
    expect(summary, run.stdout).not.toBeNull();
    const [applied, notStarted] = [Number(summary![1]), Number(summary![2])];
    expect(applied).toBeGreaterThanOrEqual(6);
    expect(notStarted).toBeGreaterThan(0);
    expect(applied + notStarted).toBe(84);

    // Every object that landed in Zendesk has its audit line, and every audit line's write landed.
    const audit = readFileSync(path.join(repo.dir, stateFolderFor('main', env), 'audit.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { type: string; action: string; id: unknown; result: string });
    const created = liveIds(sandbox).filter((id) => !before.has(id));
    const auditedCreates = audit.filter((a) => a.action === 'create' && a.result === 'applied').map((a) => `${a.type}/${String(a.id)}`);
    expect(auditedCreates.sort()).toEqual(created.sort());
    expect(audit.filter((a) => a.result === 'applied')).toHaveLength(applied);
    expect(audit.filter((a) => a.result === 'not_started')).toHaveLength(notStarted);
    // The lock was released on the way out.
    expect((sandbox.dump().user_fields ?? []).filter((f) => f.key === LOCK_FIELD_KEY)).toEqual([]);
    expect(existsSync(path.join(repo.dir, stateFolderFor('main', env), 'backups'))).toBe(true);

    sandbox.setFaults(null);
    const rest = await zdctl(['apply', '--instance', 'main', '--auto-approve'], { cwd: repo.dir, env });
    expect(rest.stdout).toMatch(new RegExp(`^Apply complete: ${notStarted} applied, 0 failed, 0 skipped\\.$`, 'm'));
    expect((await zdctl(['plan', '--instance', 'main', '--detailed-exitcode'], { cwd: repo.dir, env })).code).toBe(0);
  }, 90_000);
});
