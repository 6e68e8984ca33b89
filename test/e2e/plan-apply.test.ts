import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import { loadAjv, SCHEMA_BASE } from '../schemas/helpers.js';
import { stageFor, stateFolderFor, zdctl, withoutLock } from '../helpers/zdctl.js';

let sandbox: Sandbox;
let env: NodeJS.ProcessEnv;
let repo: { dir: string; remove(): void };

beforeAll(async () => {
  ({ sandbox, env, repo } = await stageFor('main'));
});
afterAll(async () => {
  await sandbox.stop();
  repo.remove();
});

const run = (...argv: string[]) => zdctl(argv, { cwd: repo.dir, env });
const gets = () => sandbox.requests.filter((r) => r.method === 'GET');
const writes = () => withoutLock(sandbox.requests).filter((r) => r.method !== 'GET');

describe('plan and apply of instances/main against the sandbox', () => {
  it('plans every object as a create on an empty instance, sending only list requests', async () => {
    sandbox.clearRequests();
    const result = await run('plan', '--instance', 'main', '--detailed-exitcode');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/^Plan: 78 to create, 0 to update, 0 to delete, 6 to reorder\.$/m);
    expect(writes()).toEqual([]);
    // one page for each of the nine types, one for each looked-up type the files name, users by email
    expect(gets().map((r) => r.path.replace(/\?.*$/, '')).sort()).toEqual(
      [
        '/api/v2/automations', '/api/v2/brands', '/api/v2/business_hours/schedules', '/api/v2/custom_statuses', '/api/v2/dynamic_content/items',
        '/api/v2/groups', '/api/v2/macros', '/api/v2/organization_fields', '/api/v2/targets', '/api/v2/ticket_fields',
        '/api/v2/ticket_forms', '/api/v2/trigger_categories', '/api/v2/triggers', '/api/v2/user_fields',
        '/api/v2/users/search', '/api/v2/users/search', '/api/v2/views', '/api/v2/webhooks',
      ].sort(),
    );
  });

  it('applies it all in one run (fields, forms using them, triggers using both), then plans No changes.', async () => {
    const applied = await run('apply', '--instance', 'main', '--auto-approve');
    expect(applied.code).toBe(0);
    expect(applied.stdout).toMatch(/^Apply complete: 84 applied, 0 failed, 0 skipped\.$/m);
    const again = await run('plan', '--instance', 'main', '--detailed-exitcode');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^No changes\.$/m);
  });

  it('left a pre-apply backup and one audit line per change', () => {
    const base = path.join(repo.dir, stateFolderFor('main', env));
    expect(readdirSync(path.join(base, 'backups'))).toHaveLength(1);
    const audit = readFileSync(path.join(base, 'audit.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(audit).toHaveLength(84);
    expect(new Set(audit.map((a) => a.result))).toEqual(new Set(['applied']));
    expect(Object.keys(audit[0]!).sort()).toEqual(['action', 'after_digest', 'before_digest', 'id', 'instance', 'key', 'result', 'time', 'type']);
  });

  it('shows exactly a one-line edit, exit 2, and applies it', async () => {
    const file = path.join(repo.dir, 'instances/main/macros/billing-send-invoice-copy.yaml');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace(/^active: true$/m, 'active: false'));
    const planned = await run('plan', '--instance', 'main', '--detailed-exitcode');
    expect(planned.code).toBe(2);
    expect(planned.stdout).toContain('~ update macros/Billing::Send invoice copy');
    expect(planned.stdout).toMatch(/^ {4}-active: true$/m);
    expect(planned.stdout).toMatch(/^ {4}\+active: false$/m);
    expect(planned.stdout).toMatch(/^Plan: 0 to create, 1 to update, 0 to delete, 0 to reorder\.$/m);

    const json = await run('plan', '--instance', 'main', '--json');
    const plan = JSON.parse(json.stdout) as { changes: { action: string; address: string; changed_keys: string[] }[] };
    const validate = loadAjv().getSchema(`${SCHEMA_BASE}plan.schema.json`)!;
    expect(validate(plan), JSON.stringify(validate.errors)).toBe(true);
    expect(plan.changes.map((c) => [c.action, c.address, c.changed_keys])).toEqual([['update', 'macros/Billing::Send invoice copy', ['active']]]);

    sandbox.clearRequests();
    const applied = await run('apply', '--instance', 'main', '--auto-approve');
    expect(applied.code).toBe(0);
    expect(writes().map((r) => `${r.method} ${r.path}`)).toEqual([expect.stringMatching(/^PUT \/api\/v2\/macros\/\d+$/)]);
    expect((await run('plan', '--instance', 'main', '--detailed-exitcode')).code).toBe(0);
  });

  it('refuses a saved plan once the live objects it touched have changed', async () => {
    const file = path.join(repo.dir, 'instances/main/macros/billing-send-invoice-copy.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^active: false$/m, 'active: true'));
    const planFile = path.join(repo.dir, 'saved.plan.json');
    expect((await run('plan', '--instance', 'main', '--out', planFile)).code).toBe(0);
    const macro = sandbox.dump().macros!.find((m) => m.title === 'Billing::Send invoice copy')!;
    sandbox.seed({ macros: sandbox.dump().macros!.map((m) => (m.id === macro.id ? { ...m, description: 'changed by hand in Zendesk', updated_at: '2030-01-01T00:00:00Z' } : m)) });
    sandbox.clearRequests();
    const applied = await run('apply', '--instance', 'main', planFile, '--auto-approve');
    expect(applied.code).toBe(1);
    expect(applied.stderr).toContain(`saved.plan.json is stale: the live instance changed since the plan was made (macros/Billing::Send invoice copy (id ${String(macro.id)}))`);
    expect(writes()).toEqual([]);
  });

  it('refuses deletes without --allow-delete, before any write', async () => {
    const stray = { id: 999001, title: 'Hand-made macro', active: true, position: 99, actions: [{ field: 'status', value: 'solved' }] };
    sandbox.seed({ macros: [...sandbox.dump().macros!, stray] });
    const config = path.join(repo.dir, 'instances/main/instance.yaml');
    writeFileSync(config, readFileSync(config, 'utf8').replace(/^ {2}macros: ignore$/m, '  macros: delete'));
    sandbox.clearRequests();
    const refused = await run('apply', '--instance', 'main', '--auto-approve');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('The plan deletes 1 object (macros/Hand-made macro); nothing was changed. Run again with --allow-delete to let it.');
    expect(writes()).toEqual([]);
    const allowed = await run('apply', '--instance', 'main', '--auto-approve', '--allow-delete');
    expect(allowed.code).toBe(0);
    expect(sandbox.dump().macros!.some((m) => m.id === stray.id)).toBe(false);
  });
});
