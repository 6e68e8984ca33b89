import { appendFileSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESCRIPTORS, managedTypesOf, MANAGED_TYPES } from '../../src/resources/index.js';
import { readSeed, type Sandbox, type SeedData } from '../../src/sandbox/index.js';
import { readSnapshot } from '../../src/snapshot/read.js';
import { liveCategorizedOrder, liveListOrder } from '../../src/import/live-order.js';
import { LOOKUP_SEEDS, repoCopy, sandboxFor, zdctl, withoutLock } from '../helpers/zdctl.js';
import { byName } from '../helpers/snapshot-compare.js';

let source: { sandbox: Sandbox; env: NodeJS.ProcessEnv };
let empty: { sandbox: Sandbox; env: NodeJS.ProcessEnv };
let repo: { dir: string; remove(): void };

/** The same looked-up names under other ids, so a restore into it must remap every id. */
function shiftedIds(seed: SeedData): SeedData {
  const shift = (id: unknown) => (typeof id === 'number' ? id + 5_000_000 : String(id).replace(/^01H/, '01J'));
  return Object.fromEntries(Object.entries(seed).map(([type, objects]) => [type, (objects as Record<string, unknown>[]).map((o) => ({ ...o, id: shift(o.id) }))]));
}

beforeAll(async () => {
  source = await sandboxFor();
  empty = await sandboxFor();
  const lookups = await readSeed(LOOKUP_SEEDS.main);
  source.sandbox.seed(lookups);
  empty.sandbox.seed(shiftedIds(lookups));
  repo = repoCopy();
  mkdirSync(path.join(repo.dir, 'instances/rebuilt'));
  writeFileSync(path.join(repo.dir, 'instances/rebuilt/instance.yaml'), 'subdomain: acme-dr\npersonal: include # as main: it keeps the personal review view\n');
  expect((await zdctl(['apply', '--instance', 'main', '--auto-approve'], { cwd: repo.dir, env: source.env })).code).toBe(0);
  expect((await zdctl(['export', '--instance', 'main', '--out', 'snap-a'], { cwd: repo.dir, env: source.env })).code).toBe(0);
});
afterAll(async () => {
  await source.sandbox.stop();
  await empty.sandbox.stop();
  repo.remove();
});

const inSource = (...argv: string[]) => zdctl(argv, { cwd: repo.dir, env: source.env });
const inEmpty = (...argv: string[]) => zdctl(argv, { cwd: repo.dir, env: empty.env });
const writesTo = (sandbox: Sandbox) => withoutLock(sandbox.requests).filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path.replace(/\d{6,}/g, 'ID')}`);

describe('zdctl restore', () => {
  it('rebuilds an empty instance from a snapshot, ids remapped through names', async () => {
    empty.sandbox.clearRequests();
    const restored = await inEmpty('restore', 'snap-a', '--instance', 'rebuilt', '--auto-approve');
    expect(restored.stdout).toMatch(/^Plan: 78 to create, 1 to update, 0 to delete, 8 to reorder\.$/m);
    expect(restored.stdout).toMatch(/^Apply complete: 87 applied, 0 failed, 0 skipped\.$/m);
    expect(restored.code).toBe(0);
    expect(restored.stderr).toContain(`Restoring snapshot snap-a of main (${source.env.ZENDESK_URL}, not acme.zendesk.com, `);
    const writes = writesTo(empty.sandbox);
    // one POST per object, the default form updated, then one request per type puts it in the snapshot's order
    expect(writes.filter((w) => /^POST \/api\/v2\/[a-z_]+$/.test(w))).toHaveLength(78);
    expect(writes.filter((w) => !/^POST \/api\/v2\/[a-z_]+$/.test(w)).sort()).toEqual(
      [
        'PUT /api/v2/ticket_forms/ID',
        'PUT /api/v2/ticket_fields/reorder',
        'PUT /api/v2/user_fields/reorder',
        'PUT /api/v2/organization_fields/reorder',
        'PUT /api/v2/ticket_forms/reorder',
        'PUT /api/v2/automations/update_many',
        'PUT /api/v2/views/update_many',
        'PUT /api/v2/macros/update_many',
        'POST /api/v2/trigger_categories/jobs',
      ].sort(),
    );
    // the plan's reads (each type the instance manages, 6 lookups, 2 user searches), then the 9 types the plan writes again right before the first write
    expect(empty.sandbox.requests.filter((r) => r.method === 'GET')).toHaveLength(managedTypesOf([]).length + 6 + 2 + 9);
  });

  it('gives an export of the rebuilt instance equal to the original, modulo ids, urls and timestamps', async () => {
    expect((await inEmpty('export', '--instance', 'rebuilt', '--out', 'snap-b')).code).toBe(0);
    const a = byName(path.join(repo.dir, 'snap-a'));
    const b = byName(path.join(repo.dir, 'snap-b'));
    for (const type of MANAGED_TYPES) expect({ type, objects: b[type] }).toEqual({ type, objects: a[type] });
    const [liveA, liveB] = ['snap-a', 'snap-b'].map((name) => readSnapshot(path.join(repo.dir, name)).snapshot!.live);
    for (const type of MANAGED_TYPES) expect({ type, order: liveListOrder(liveB!, DESCRIPTORS[type]) }).toEqual({ type, order: liveListOrder(liveA!, DESCRIPTORS[type]) });
    expect(liveCategorizedOrder(liveB!, DESCRIPTORS.triggers)).toEqual(liveCategorizedOrder(liveA!, DESCRIPTORS.triggers));
  });

  it('plans No changes. for a dry run of the snapshot against the instance it came from, and writes nothing', async () => {
    source.sandbox.clearRequests();
    const dry = await inSource('restore', 'snap-a', '--instance', 'main', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/^No changes\.$/m);
    expect(writesTo(source.sandbox)).toEqual([]);
    expect((await inEmpty('restore', 'snap-b', '--instance', 'rebuilt', '--dry-run')).stdout).toMatch(/^No changes\.$/m);
  });

  it('rolls back a bad change in the same instance', async () => {
    const triggers = source.sandbox.dump().triggers!;
    const target = triggers.find((t) => t.title === 'Route billing requests to Billing')!;
    source.sandbox.seed({ triggers: triggers.map((t) => (t.id === target.id ? { ...t, actions: [{ field: 'status', value: 'closed' }] } : t)) });
    source.sandbox.clearRequests();
    const restored = await inSource('restore', 'snap-a', '--instance', 'main', '--auto-approve');
    expect(restored.stdout).toMatch(/^Plan: 0 to create, 1 to update, 0 to delete, 0 to reorder\.$/m);
    expect(restored.code).toBe(0);
    expect(writesTo(source.sandbox)).toEqual(['PUT /api/v2/triggers/ID']);
    expect(source.sandbox.dump().triggers!.find((t) => t.id === target.id)!.actions).toEqual(target.actions);
  });

  it('matches by id first: a trigger renamed in the UI since the snapshot comes back as one update of its title', async () => {
    const triggers = source.sandbox.dump().triggers!;
    const target = triggers.find((t) => t.title === 'Route billing requests to Billing')!;
    source.sandbox.seed({ triggers: triggers.map((t) => (t.id === target.id ? { ...t, title: 'Billing → Finance', raw_title: 'Billing → Finance' } : t)) });
    const dry = await inSource('restore', 'snap-a', '--instance', 'main', '--dry-run');
    expect(dry.stdout).toContain('~ update triggers/Route billing requests to Billing  # changed: title (renamed from "Billing → Finance")');
    expect(dry.stdout).not.toMatch(/create triggers|deactivate triggers|no file/);
    expect(dry.stdout).toMatch(/^Plan: 0 to create, 1 to update, 0 to delete, 0 to reorder\.$/m);
    source.sandbox.clearRequests();

    const restored = await inSource('restore', 'snap-a', '--instance', 'main', '--auto-approve');
    expect(restored.code, restored.stderr).toBe(0);
    expect(writesTo(source.sandbox)).toEqual(['PUT /api/v2/triggers/ID']);
    expect(source.sandbox.dump().triggers!.find((t) => t.id === target.id)!.title).toBe('Route billing requests to Billing');
    expect((await inSource('restore', 'snap-a', '--instance', 'main', '--dry-run')).stdout).toMatch(/^No changes\.$/m);
  });

  it('speaks of the snapshot, not of files, for what it creates and what the snapshot lacks', async () => {
    mkdirSync(path.join(repo.dir, 'instances/deactivating'));
    writeFileSync(path.join(repo.dir, 'instances/deactivating/instance.yaml'), 'subdomain: acme\nunmanaged:\n  macros: deactivate\n');
    const stray = { id: 999004, title: 'Also made after the snapshot', active: true, position: 99, actions: [{ field: 'status', value: 'open' }] };
    const macros = source.sandbox.dump().macros!;
    const gone = macros.find((m) => m.title === 'Take it')!;
    source.sandbox.seed({ macros: [...macros.filter((m) => m.id !== gone.id), stray] });
    const dry = await inSource('restore', 'snap-a', '--instance', 'deactivating', '--dry-run');
    expect(dry.stdout).toContain('+ create macros/Take it  # in the snapshot, not live');
    expect(dry.stdout).toContain("~ deactivate macros/Also made after the snapshot  # the snapshot does not have it and the instance's unmanaged policy for macros is deactivate");
    expect(dry.stdout).not.toContain('file');
    source.sandbox.seed({ macros });
  });

  it("leaves objects the snapshot lacks to the target's unmanaged policy, and deletes only with --allow-delete", async () => {
    mkdirSync(path.join(repo.dir, 'instances/strict'));
    writeFileSync(path.join(repo.dir, 'instances/strict/instance.yaml'), 'subdomain: acme\nunmanaged:\n  macros: delete\n');
    const stray = { id: 999003, title: 'Made after the snapshot', active: true, position: 99, actions: [{ field: 'status', value: 'open' }] };
    source.sandbox.seed({ macros: [...source.sandbox.dump().macros!, stray] });
    const ignored = await inSource('restore', 'snap-a', '--instance', 'main', '--dry-run');
    expect(ignored.stdout).toContain('macros/Made after the snapshot (id 999003)');
    expect(ignored.stdout).toMatch(/^Unmanaged: \d+ live objects? not in the snapshot, left as they are:$/m);
    expect(ignored.stdout).toMatch(/^No changes\.$/m);
    source.sandbox.clearRequests();
    const refused = await inSource('restore', 'snap-a', '--instance', 'strict', '--auto-approve');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('The plan deletes 1 object (macros/Made after the snapshot); nothing was changed. Run again with --allow-delete to let it.');
    expect(writesTo(source.sandbox)).toEqual([]);
    const deleted = await inSource('restore', 'snap-a', '--instance', 'strict', '--auto-approve', '--allow-delete');
    expect(deleted.code).toBe(0);
    expect(writesTo(source.sandbox)).toEqual(['DELETE /api/v2/macros/ID']);
    expect(source.sandbox.dump().macros!.some((m) => m.id === stray.id)).toBe(false);
  });

  describe('refuses a snapshot that does not match its manifest, before any request', () => {
    const tampered = (name: string, change: (dir: string) => void) => {
      const dir = path.join(repo.dir, name);
      cpSync(path.join(repo.dir, 'snap-a'), dir, { recursive: true });
      change(dir);
      return name;
    };
    const cases: [string, (dir: string) => void, string][] = [
      ['a changed byte', (dir) => writeFileSync(path.join(dir, 'objects/macros.json'), readFileSync(path.join(dir, 'objects/macros.json'), 'utf8').replace('"active": true', '"active": false')), 'objects/macros.json was changed after the snapshot was taken (sha256 differs from the manifest)'],
      ['a missing file', (dir) => rmSync(path.join(dir, 'lookups/brands.json')), 'lookups/brands.json is listed in the manifest but missing'],
      ['an extra file', (dir) => appendFileSync(path.join(dir, 'objects/extra.json'), '[]'), 'objects/extra.json is not listed in the manifest'],
    ];
    it.each(cases)('%s', async (label, change, message) => {
      const name = tampered(`tampered-${label.replace(/\W+/g, '-')}`, change);
      empty.sandbox.clearRequests();
      const refused = await inEmpty('restore', name, '--instance', 'rebuilt', '--auto-approve');
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(message);
      expect(refused.stderr).toContain(`snapshot ${name}: 1 error, nothing was changed`);
      expect(empty.sandbox.requests).toEqual([]);
    });
  });

  it('names each looked-up object the target lacks, with the snapshot line, before writing anything', async () => {
    const lacking = await sandboxFor();
    try {
      const lookups = await readSeed(LOOKUP_SEEDS.main);
      lacking.sandbox.seed({ ...lookups, groups: (lookups.groups as { name: string }[]).filter((g) => g.name !== 'Billing'), brands: (lookups.brands as { name: string }[]).filter((b) => b.name !== 'Acme Labs') });
      lacking.sandbox.clearRequests();
      const refused = await zdctl(['restore', 'snap-a', '--instance', 'rebuilt', '--auto-approve'], { cwd: repo.dir, env: lacking.env });
      expect(refused.code).toBe(1);
      // The checklist: each missing name once, with who uses it, before the errors that name every place.
      expect(refused.stderr).toContain(
        [
          `rebuilt (${lacking.env.ZENDESK_URL} (ZENDESK_URL; not acme-dr.zendesk.com)) lacks 2 things the snapshot names that zdctl does not create (it looks them up by name):`,
          '  [ ] Brand: Acme Labs   (used by ticket_forms/Security incident)',
          '  [ ] Group: Billing   (used by triggers/Route billing requests to Billing, views/Billing queue, macros/Billing::Refund approved and 1 more)',
          'Create them in Zendesk (same names; users by email), or manage the type (instance.yaml manage:), then run the restore again.',
        ].join('\n'),
      );
      expect(refused.stderr).toMatch(/^snap-a\/objects\/triggers\.json:\d+:\d+: error: Group: Billing does not exist in the live instance \(triggers\/Route billing requests to Billing\) \[unknown-name\]$/m);
      expect(refused.stderr).toMatch(/restore: 6 errors, nothing was changed\n$/);
      expect(lacking.sandbox.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    } finally {
      await lacking.sandbox.stop();
    }
  });
});
