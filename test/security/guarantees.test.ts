import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import { stageFor, stateFolderFor, zdctl } from '../helpers/zdctl.js';

/**
 * docs/guarantees.md, "pre-apply backup": before its first write, apply saves the live state it
 * read, as a snapshot that restore accepts; restoring it undoes the apply.
 */
let sandbox: Sandbox;
let env: NodeJS.ProcessEnv;
let repo: { dir: string; remove(): void };
const run = (...argv: string[]) => zdctl(argv, { cwd: repo.dir, env });

beforeAll(async () => {
  ({ sandbox, env, repo } = await stageFor('main'));
  expect((await run('apply', '--instance', 'main', '--auto-approve')).code).toBe(0);
});
afterAll(async () => {
  await sandbox.stop();
  repo.remove();
});

describe('the pre-apply backup', () => {
  it('holds exactly the live objects as they were before the first write, and restoring it undoes the apply', async () => {
    const before = sandbox.dump();
    const file = path.join(repo.dir, 'instances/main/macros/billing-send-invoice-copy.yaml');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace(/^active: true$/m, 'active: false'));
    const applied = await run('apply', '--instance', 'main', '--auto-approve');
    expect(applied.code).toBe(0);
    const macro = (dump: Record<string, Array<Record<string, unknown>>>) => dump.macros!.find((m) => m.title === 'Billing::Send invoice copy')!;
    expect(macro(sandbox.dump()).active).toBe(false);

    const backups = path.join(repo.dir, stateFolderFor('main', env), 'backups');
    const latest = path.join(backups, readdirSync(backups).sort().at(-1)!);
    for (const type of ['ticket_fields', 'ticket_forms', 'triggers', 'automations', 'views', 'macros', 'user_fields', 'organization_fields', 'trigger_categories']) {
      const saved = JSON.parse(readFileSync(path.join(latest, 'objects', `${type}.json`), 'utf8')) as Array<Record<string, unknown>>;
      const byId = (objects: Array<Record<string, unknown>>) => [...objects].sort((a, b) => String(a.id).localeCompare(String(b.id)));
      expect(byId(saved), type).toEqual(byId(before[type]!));
    }

    const restored = await run('restore', latest, '--instance', 'main', '--auto-approve');
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/^Plan: 0 to create, 1 to update, 0 to delete, 0 to reorder\.$/m);
    expect(macro(sandbox.dump()).active).toBe(true);
    writeFileSync(file, original);
    expect((await run('plan', '--instance', 'main', '--detailed-exitcode')).code).toBe(0);
  });
});
