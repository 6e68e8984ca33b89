import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { LOCK_FIELD_KEY } from '../../src/zendesk/instance-lock.js';
import { minimalInstance, tempRepo, type TempRepo } from '../helpers/temp-repo.js';
import { sandboxFor, withoutLock, zdctl } from '../helpers/zdctl.js';

let sandbox: Sandbox;
let env: NodeJS.ProcessEnv;
let repo: TempRepo;

beforeEach(async () => {
  ({ sandbox, env } = await sandboxFor());
  repo = tempRepo(minimalInstance({ 'macros/m.yaml': 'title: Close it\nactions:\n  - {field: status, value: solved}\n' }));
});
afterEach(async () => {
  await sandbox.stop();
  repo.remove();
});

const run = (...argv: string[]) => zdctl(argv, { cwd: repo.dir, env });
const apply = (...flags: string[]) => run('apply', '--instance', 't', '--auto-approve', ...flags);
const lockFields = () => (sandbox.dump().user_fields ?? []).filter((f) => f.key === LOCK_FIELD_KEY);
const configWrites = () => withoutLock(sandbox.requests).filter((r) => r.method !== 'GET');

/** A lock as another run on another machine would leave it. */
function seedLock(expires: Date): void {
  const holder = { who: 'ops@laptop-7', pid: 4242, command: 'apply', where: '/home/ops/zendesk-config', since: '2026-01-01T10:00:00.000Z', expires: expires.toISOString(), token: 'other' };
  sandbox.seed({ user_fields: [...(sandbox.dump().user_fields ?? []), { id: 777001, key: LOCK_FIELD_KEY, type: 'text', title: 'zdctl apply lock (do not edit)', description: JSON.stringify(holder), active: false, position: 1 }] });
}

describe('the instance lock', () => {
  it('Zendesk (the sandbox) refuses a second user field with the same key, also when both are sent at once', async () => {
    const post = () => fetch(`${sandbox.url}/api/v2/user_fields`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from('a@example.com/token:sandbox').toString('base64')}` }, body: JSON.stringify({ user_field: { key: LOCK_FIELD_KEY, type: 'text', title: 'lock' } }) });
    const answers = await Promise.all([post(), post(), post()]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 422, 422]);
    expect(JSON.stringify(await answers.find((a) => a.status === 422)!.json())).toContain('has already been taken');
  });

  it('a held lock: apply fails at once naming holder, since and where, and writes nothing', async () => {
    seedLock(new Date(Date.now() + 3_600_000));
    sandbox.clearRequests();
    const refused = await apply();
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('apply: the instance is locked by ops@laptop-7 (pid 4242, zdctl apply in /home/ops/zendesk-config) since 2026-01-01T10:00:00.000Z; it expires at ');
    expect(refused.stderr).toContain('Nothing was changed.');
    expect(sandbox.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`)).toEqual(['POST /api/v2/user_fields']);
    expect(lockFields()).toHaveLength(1);
  });

  it('--break-lock removes a held lock; an expired lock is taken over without it; neither is left behind', async () => {
    seedLock(new Date(Date.now() + 3_600_000));
    const broken = await apply('--break-lock');
    expect(broken.code, broken.stderr).toBe(0);
    expect(broken.stderr).toContain('Breaking the lock (--break-lock) of ops@laptop-7');
    expect(lockFields()).toEqual([]);

    repo.write({ 'instances/t/macros/m.yaml': 'title: Close it\nactive: false\nactions:\n  - {field: status, value: solved}\n' });
    seedLock(new Date(Date.now() - 1000));
    const expired = await apply();
    expect(expired.code, expired.stderr).toBe(0);
    expect(expired.stderr).toContain('Taking over an expired lock of ops@laptop-7');
    expect(lockFields()).toEqual([]);
  });

  it('never shows in plan, import or export, and an apply with nothing to do does not take it', async () => {
    expect((await apply()).code).toBe(0);
    seedLock(new Date(Date.now() + 3_600_000));
    const planned = await run('plan', '--instance', 't', '--json');
    expect(planned.stdout).not.toContain(LOCK_FIELD_KEY);
    expect(JSON.parse(planned.stdout).changes).toEqual([]);
    sandbox.clearRequests();
    expect((await apply()).stdout).toMatch(/^No changes\.$/m);
    expect(sandbox.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    const exported = await run('export', '--instance', 't', '--out', 'snap');
    expect(exported.code, exported.stderr).toBe(0);
    const imported = await run('import', '--instance', 't');
    expect(imported.code, imported.stderr).toBe(0);
    const { execSync } = await import('node:child_process');
    expect(execSync(`grep -rl ${LOCK_FIELD_KEY} . || true`, { cwd: repo.dir }).toString()).toBe('');
  });

  it('right before the first write, a change live to what the plan touches stops the run with nothing written', async () => {
    expect((await apply()).code).toBe(0);
    repo.write({ 'instances/t/macros/m.yaml': 'title: Close it\nactive: false\nactions:\n  - {field: status, value: solved}\n' });
    const stdin = new PassThrough() as PassThrough & { isTTY?: boolean };
    stdin.isTTY = true;
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const err: string[] = [];
    stdout.resume();
    stderr.on('data', (chunk: Buffer) => {
      err.push(chunk.toString());
      if (!chunk.toString().includes('Apply these changes')) return;
      // Someone edits the macro in the Zendesk UI while the operator reads the plan.
      sandbox.seed({ macros: sandbox.dump().macros!.map((m) => (m.title === 'Close it' ? { ...m, description: 'edited in the UI', updated_at: '2030-01-01T00:00:00Z' } : m)) });
      sandbox.clearRequests();
      stdin.write('yes\n');
    });
    const code = await main(['apply', '--instance', 't'], { stdin, stdout, stderr, env, cwd: repo.dir });
    expect(code).toBe(1);
    expect(err.join('')).toMatch(/apply: the live instance changed since the plan was made \(macros\/Close it \(id \d+\)\)\. Nothing was changed; run zdctl apply again/);
    expect(configWrites()).toEqual([]);
    expect(lockFields()).toEqual([]);
  });
});
