import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import { minimalInstance, tempRepo, type TempRepo } from '../helpers/temp-repo.js';
import { sandboxFor, zdctl, withoutLock } from '../helpers/zdctl.js';

let sandbox: Sandbox;
let env: NodeJS.ProcessEnv;
let repo: TempRepo;

beforeEach(async () => {
  ({ sandbox, env } = await sandboxFor());
});
afterEach(async () => {
  await sandbox.stop();
  repo?.remove();
});

const macro = (id: number, title: string) => ({ id, title, active: true, position: id, actions: [{ field: 'status', value: 'solved' }] });
const writes = () => withoutLock(sandbox.requests).filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}${r.query.ids ? `?ids=${r.query.ids}` : ''}`);

describe('apply uses Zendesk bulk endpoints', () => {
  it('deactivates unmanaged macros with one update_many call', async () => {
    sandbox.seed({ macros: [macro(1, 'Kept'), macro(2, 'Stray one'), macro(3, 'Stray two'), macro(4, 'Stray three')] });
    repo = tempRepo(minimalInstance({ 'macros/kept.yaml': 'title: Kept\nactions:\n  - {field: status, value: solved}\n' }));
    repo.write({ 'instances/t/instance.yaml': 'subdomain: t\nunmanaged: {macros: deactivate}\n' });
    sandbox.clearRequests();

    const result = await zdctl(['apply', '--instance', 't', '--auto-approve'], { cwd: repo.dir, env });

    expect(result.code).toBe(0);
    expect(writes()).toEqual(['PUT /api/v2/macros/update_many']);
    expect(sandbox.dump().macros!.map((m) => [m.title, m.active])).toEqual([
      ['Kept', true],
      ['Stray one', false],
      ['Stray three', false],
      ['Stray two', false],
    ]);
  });

  it('deletes unmanaged macros with one destroy_many call, and a repeated apply has nothing left to do', async () => {
    sandbox.seed({ macros: [macro(1, 'Kept'), macro(2, 'Stray one'), macro(3, 'Stray two')] });
    repo = tempRepo(minimalInstance({ 'macros/kept.yaml': 'title: Kept\nactions:\n  - {field: status, value: solved}\n' }));
    repo.write({ 'instances/t/instance.yaml': 'subdomain: t\nunmanaged: {macros: delete}\n' });
    sandbox.clearRequests();

    const result = await zdctl(['apply', '--instance', 't', '--auto-approve', '--allow-delete'], { cwd: repo.dir, env });

    expect(result.code).toBe(0);
    expect(writes()).toEqual(['DELETE /api/v2/macros/destroy_many?ids=2,3']);
    expect(sandbox.dump().macros!.map((m) => m.title)).toEqual(['Kept']);
    const again = await zdctl(['apply', '--instance', 't', '--auto-approve', '--allow-delete'], { cwd: repo.dir, env });
    expect(again.stdout).toMatch(/^No changes\.$/m);
  });
});
