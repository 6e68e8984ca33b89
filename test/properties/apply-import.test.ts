import { rmSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/model/diagnostics.js';
import { SchemaSet } from '../../src/model/schemas.js';
import { validateInstance } from '../../src/model/validate.js';
import { desiredStateOf } from '../../src/plan/desired.js';
import { DESCRIPTORS, MANAGED_TYPES, managedTypesOf, type ManagedType } from '../../src/resources/index.js';
import { withDefaults } from '../../src/resources/file-form.js';
import { liveKeyOf } from '../../src/resources/live.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { tempRepo, type TempRepo } from '../helpers/temp-repo.js';
import { sandboxFor, zdctl } from '../helpers/zdctl.js';
import { generatedInstance, type GeneratedInstance } from './arbitraries.js';
import { writeInstance } from './helpers.js';

/**
 * Properties of the whole tool against the sandbox, over random valid instances x and y:
 * - apply(plan(x, y)) turns y into x: after applying y, then x, the live objects are exactly x's,
 *   and plan(x, x) is empty (a second apply sends no write);
 * - import(export(x)) = x: exporting x to a snapshot, seeding a fresh account from it alone and
 *   importing that into an empty folder gives back every
 *   object of x with every value x wrote (import may add what Zendesk defaults, and leaves out
 *   empty texts), a plan right after
 *   reports No changes, and a second import changes no file.
 */
const schemas = new SchemaSet();
let sandbox: Sandbox;
let env: NodeJS.ProcessEnv;
let repo: TempRepo;
let exports = 0;

beforeAll(async () => {
  ({ sandbox, env } = await sandboxFor());
  repo = tempRepo();
});
afterAll(async () => {
  await sandbox.stop();
  repo.remove();
});

const run = (...argv: string[]) => zdctl(argv, { cwd: repo.dir, env });
const writes = () => sandbox.requests.filter((r) => r.method !== 'GET');

function liveKeys(): Record<string, string[]> {
  const dump = sandbox.dump();
  const keys: Record<string, string[]> = {};
  // The generated instances manage no opt-in type (groups …): what the account holds of those is not theirs.
  for (const type of managedTypesOf(undefined)) {
    const descriptor = DESCRIPTORS[type];
    const found = (dump[type] ?? []).filter((o) => !descriptor.isSystem(o)).map((o) => liveKeyOf(descriptor, o));
    if (found.length > 0) keys[type] = found.sort();
  }
  return keys;
}

const sortedKeys = (g: GeneratedInstance) => Object.fromEntries(Object.entries(g.keys).map(([type, keys]) => [type, [...keys].sort()]));

function desiredObjects(name: string) {
  const { instance, diagnostics } = validateInstance(repo.dir, name, schemas);
  expect(diagnostics.map(formatDiagnostic)).toEqual([]);
  const desired = desiredStateOf(instance);
  return new Map(MANAGED_TYPES.flatMap((type) => desired.objects[type].map((entry) => [`${type}/${entry.key}`, entry.object] as const)));
}

function fresh(...names: string[]) {
  for (const name of names) rmSync(path.join(repo.dir, 'instances', name), { recursive: true, force: true });
}

describe('properties against the sandbox', { timeout: 120_000 }, () => {
  it('apply turns any valid y into any valid x; then plan(x, x) is empty and a second apply writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(generatedInstance, generatedInstance, async (x, y) => {
        sandbox.reset();
        fresh('x', 'y');
        writeInstance(repo.dir, 'y', y.files);
        writeInstance(repo.dir, 'x', x.files);

        const appliedY = await run('apply', '--instance', 'y', '--auto-approve', '--allow-delete');
        expect(appliedY.stdout, appliedY.stderr).toMatch(/^(Apply complete: \d+ applied, 0 failed, 0 skipped\.|No changes\.)$/m);
        expect(appliedY.code).toBe(0);
        expect(liveKeys()).toEqual(withDefaultForm(sortedKeys(y)));

        // a reorder names every live object of its type: a delete of that type must wait for it
        const plan = JSON.parse((await run('plan', '--instance', 'x', '--json')).stdout) as { changes: Array<{ action: string; type: string; address: string; replace?: boolean; depends_on: string[] }> };
        for (const deletion of plan.changes.filter((c) => c.action === 'delete' && !c.replace)) {
          const reorderType = deletion.type === 'trigger_categories' ? ['triggers', 'trigger_categories'] : [deletion.type];
          const reorders = plan.changes.filter((c) => c.action === 'reorder' && reorderType.includes(c.type)).map((c) => `reorder ${c.address}`);
          expect(deletion.depends_on, deletion.address).toEqual(expect.arrayContaining(reorders));
        }

        const appliedX = await run('apply', '--instance', 'x', '--auto-approve', '--allow-delete');
        expect(appliedX.stdout, appliedX.stderr).toMatch(/^(Apply complete: \d+ applied, 0 failed, 0 skipped\.|No changes\.)$/m);
        expect(appliedX.code).toBe(0);
        expect(liveKeys()).toEqual(withDefaultForm(sortedKeys(x)));

        const planned = await run('plan', '--instance', 'x', '--detailed-exitcode');
        expect(planned.stdout, planned.stdout).toMatch(/^No changes\.$/m);
        expect(planned.code).toBe(0);
        sandbox.clearRequests();
        const again = await run('apply', '--instance', 'x', '--auto-approve', '--allow-delete');
        expect(again.code).toBe(0);
        expect(writes()).toEqual([]);
      }),
      { seed: 4242, numRuns: 20 },
    );
  });

  it('import(export(x)) = x, a plan right after is empty, and a second import changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(generatedInstance, async (x) => {
        sandbox.reset();
        fresh('x', 'i');
        writeInstance(repo.dir, 'x', x.files);
        expect((await run('apply', '--instance', 'x', '--auto-approve', '--allow-delete')).code).toBe(0);

        // export, then a brand-new account seeded from that snapshot alone: import reads it back
        const snapshot = path.join(repo.dir, 'snapshots', `x-${++exports}`);
        const exported = await run('export', '--instance', 'x', '--out', snapshot);
        expect(exported.code, exported.stderr).toBe(0);
        sandbox.reset();
        await sandbox.seedFromSnapshot(snapshot);

        writeInstance(repo.dir, 'i', { 'instance.yaml': x.files['instance.yaml']! });
        const imported = await run('import', '--instance', 'i');
        expect(imported.code, imported.stderr).toBe(0);
        const original = desiredObjects('x');
        const back = desiredObjects('i');
        // and a file for each built-in ticket field, of what an admin may edit on it
        const builtIn = [...back.entries()].filter(([address, object]) => DESCRIPTORS[address.split('/')[0] as ManagedType].isSystem(object)).map(([address]) => address);
        expect(builtIn.sort()).toEqual(['Assignee', 'Description', 'Group', 'Priority', 'Status', 'Subject', 'Type'].map((title) => `ticket_fields/${title}`));
        expect([...back.keys()].filter((address) => !builtIn.includes(address)).sort()).toEqual([...original.keys(), 'ticket_forms/Default Ticket Form'].sort());
        // import leaves out what holds Zendesk's default; a file that leaves a key out means that default too
        const asWanted = (address: string, object: Record<string, unknown>) => withoutEmpty(withDefaults(DESCRIPTORS[address.split('/')[0] as ManagedType], object));
        for (const [address, object] of original) expect(asWanted(address, back.get(address)!), address).toMatchObject(asWanted(address, object));

        const planned = await run('plan', '--instance', 'i', '--detailed-exitcode');
        expect(planned.stdout).toMatch(/^No changes\.$/m);
        expect(planned.code).toBe(0);
        const again = await run('import', '--instance', 'i');
        expect(again.stdout).toMatch(/^Imported instances\/i from http:\/\/127\.0\.0\.1:\d+ \(ZENDESK_URL; not \S+\.zendesk\.com\): 0 created, 0 updated, \d+ unchanged, 0 removed \(0 files written\)\.$/m);
      }),
      { seed: 2424, numRuns: 15 },
    );
  });
});

/** A fresh account has the default ticket form, which no plan deletes while it is the default. */
function withDefaultForm(keys: Record<string, string[]>): Record<string, string[]> {
  return { ...keys, ticket_forms: [...(keys.ticket_forms ?? []), 'Default Ticket Form'].sort() };
}

/** Zendesk reads an empty text back as null, and import leaves both out: "" and null mean absent. */
function withoutEmpty(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== '' && value !== null));
}
