import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import { stageFor, zdctl } from '../helpers/zdctl.js';

let sandbox: Sandbox;
let env: NodeJS.ProcessEnv;
let repo: { dir: string; remove(): void };

beforeAll(async () => {
  ({ sandbox, env, repo } = await stageFor('us-federal'));
});
afterAll(async () => {
  await sandbox.stop();
  repo.remove();
});

describe('instances/us-federal against the sandbox', () => {
  it('converges in one apply, taking over the default form from the fresh account', async () => {
    const applied = await zdctl(['apply', '--instance', 'us-federal', '--auto-approve'], { cwd: repo.dir, env });
    expect(applied.stderr).not.toMatch(/^✗/m);
    expect(applied.code).toBe(0);
    // the fresh account's default form is unmanaged: the policy deactivates it once a file's form is the default
    expect(applied.stdout).toContain('~ deactivate ticket_forms/Default Ticket Form');
    const plan = await zdctl(['plan', '--instance', 'us-federal', '--detailed-exitcode'], { cwd: repo.dir, env });
    expect(plan.stdout).toMatch(/^No changes\.$/m);
    expect(plan.code).toBe(0);
    const forms = sandbox.dump().ticket_forms!;
    expect(forms.filter((f) => f.default === true).map((f) => f.name)).toHaveLength(1);
    expect(forms.find((f) => f.name === 'Default Ticket Form')).toMatchObject({ active: false, default: false });
  });
});
