import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { sha256 } from '../../src/snapshot/write.js';
import { DESCRIPTORS, LOOKUP_TYPES, MANAGED_TYPES } from '../../src/resources/index.js';
import { sandboxPlace, stageFor, zdctl } from '../helpers/zdctl.js';

let sandbox: Sandbox;
let env: NodeJS.ProcessEnv;
let repo: { dir: string; remove(): void };

beforeAll(async () => {
  ({ sandbox, env, repo } = await stageFor('main'));
  const applied = await zdctl(['apply', '--instance', 'main', '--auto-approve'], { cwd: repo.dir, env });
  expect(applied.code).toBe(0);
});
afterAll(async () => {
  await sandbox.stop();
  repo.remove();
});

const run = (...argv: string[]) => zdctl(argv, { cwd: repo.dir, env });
const byId = <T extends { id: unknown }>(objects: T[]) => [...objects].sort((a, b) => String(a.id).localeCompare(String(b.id), 'en', { numeric: true }));
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as unknown;
const MANAGED: string[] = [...MANAGED_TYPES];
// Export reads every managed type as objects; a looked-up type that is also a managed one (groups, webhooks …) comes with those.
const LOOKUPS: string[] = LOOKUP_TYPES.filter((lookup) => !(MANAGED as string[]).includes(lookup));
const PATHS: Record<string, string> = Object.fromEntries(MANAGED_TYPES.map((type) => [type, DESCRIPTORS[type].apiPath]));
/** Children read per object (a schedule's holidays): one list request each. */
const childReads = (dump: Record<string, { id: unknown }[] | undefined>) =>
  MANAGED_TYPES.flatMap((t) => (DESCRIPTORS[t].subCollections ?? []).filter((sub) => sub.read === 'listed').flatMap((sub) => (dump[t] ?? []).map((o) => `${DESCRIPTORS[t].apiPath}/${String(o.id)}/${sub.path}`)));

describe('zdctl export', () => {
  it('writes every managed object and every lookup as the API lists them, with list requests only', async () => {
    sandbox.clearRequests();
    const result = await run('export', '--instance', 'main', '--out', 'backup');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    // one page per type and lookup (all are under 100), then one show_many for the users the objects name
    expect(sandbox.requests.map((r) => `${r.method} ${r.path}`).sort()).toEqual(
      [...MANAGED, ...childReads(sandbox.dump() as never), ...LOOKUPS.filter((l) => l !== 'users'), 'users/show_many'].map((p) => `GET /api/v2/${PATHS[p] ?? p}`).sort(),
    );
    const dir = path.join(repo.dir, 'backup');
    const dump = sandbox.dump();
    // the same objects, byte for byte as JSON; the order is the list's (by id under cursor paging)
    // children read per object are kept on it (a schedule's `holidays`, which the schedule's own read leaves out)
    const withoutListedChildren = (type: (typeof MANAGED_TYPES)[number], objects: { id: number }[]) =>
      objects.map((o) => Object.fromEntries(Object.entries(o).filter(([key]) => !(DESCRIPTORS[type].subCollections ?? []).some((sub) => sub.read === 'listed' && sub.key === key))));
    for (const type of MANAGED_TYPES) {
      const exported = readJson(path.join(dir, `objects/${type}.json`)) as { id: number }[];
      expect(withoutListedChildren(type, byId(exported))).toEqual(byId(dump[type as keyof typeof dump] as unknown as { id: number }[]));
    }
    expect((readJson(path.join(dir, 'objects/schedules.json')) as { holidays: unknown }[]).every((s) => Array.isArray(s.holidays))).toBe(true);
    const users = readJson(path.join(dir, 'lookups/users.json')) as { email: string }[];
    expect(users.map((u) => u.email).sort()).toEqual(['billing.lead@acme.example', 'support-ops@acme.example']);
    for (const lookup of LOOKUPS.filter((l) => l !== 'users')) expect(readJson(path.join(dir, `lookups/${lookup}.json`))).toEqual(dump[lookup as keyof typeof dump]);
  });

  it('lists counts and the sha256 of every file in the manifest, owner-only', () => {
    const dir = path.join(repo.dir, 'backup');
    const manifest = readJson(path.join(dir, 'manifest.json')) as Record<string, unknown> & { files: Record<string, string>; counts: Record<string, number> };
    expect(Object.keys(manifest).sort()).toEqual(['base_url', 'counts', 'created_at', 'files', 'format_version', 'instance', 'kind', 'subdomain', 'zdctl_version']);
    // read from a sandbox (ZENDESK_URL), not from acme.zendesk.com: the manifest says so
    expect(manifest).toMatchObject({ format_version: 1, kind: 'export', instance: 'main', subdomain: 'acme', base_url: env.ZENDESK_URL });
    const dump = sandbox.dump();
    expect(manifest.counts).toEqual({
      ...Object.fromEntries(MANAGED.map((t) => [t, dump[t as keyof typeof dump]!.length])),
      ...Object.fromEntries(LOOKUPS.filter((l) => l !== 'users').map((t) => [t, dump[t as keyof typeof dump]!.length])),
      users: 2,
    });
    expect(manifest.counts.triggers).toBe(17);
    const files = [...MANAGED.map((t) => `objects/${t}.json`), ...LOOKUPS.map((t) => `lookups/${t}.json`)].sort();
    expect(Object.keys(manifest.files).sort()).toEqual(files);
    for (const file of files) expect(manifest.files[file]).toBe(sha256(readFileSync(path.join(dir, file))));
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(path.join(dir, 'objects/triggers.json')).mode & 0o777).toBe(0o600);
  });

  it('names the default folder snapshots/<instance>-<UTC time>', async () => {
    const result = await run('export', '--instance', 'main');
    expect(result.code).toBe(0);
    const [name] = readdirSync(path.join(repo.dir, 'snapshots'));
    expect(name).toMatch(/^main-\d{8}T\d{6}Z$/);
    expect(result.stdout).toBe(
      `Exported main (${sandboxPlace(env, 'acme')}) to snapshots/${name}: groups 7, custom_statuses 6, schedules 2, dynamic_content 0, ticket_fields 23, user_fields 4, organization_fields 5, ticket_forms 5, trigger_categories 4, triggers 17, automations 6, views 10, macros 12, webhooks 3, sla_policies 0, brands 2, targets 1, users 2.\n`,
    );
  });

  it('refuses a folder that exists, writing nothing', async () => {
    const result = await run('export', '--instance', 'main', '--out', 'backup');
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('backup already exists; give --out a folder that does not exist yet\n');
  });

  it('leaves no folder behind when a list fails, and says which', async () => {
    sandbox.setFaults({ status500: 1 });
    try {
      const result = await zdctl(['export', '--instance', 'main', '--out', 'failed/snap'], { cwd: repo.dir, env: { ...env, ZDCTL_MAX_ATTEMPTS: '1' } });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^error: GET \S+: Zendesk answered 500/);
    } finally {
      sandbox.setFaults(null);
    }
    expect(existsSync(path.join(repo.dir, 'failed'))).toBe(false);
  });

  it('shows progress on stderr only on a TTY', async () => {
    const stdout = new PassThrough();
    const stderr = Object.assign(new PassThrough(), { isTTY: true });
    const err: string[] = [];
    stderr.on('data', (chunk: Buffer) => err.push(chunk.toString()));
    stdout.resume();
    const code = await main(['export', '--instance', 'main', '--out', 'tty-snap'], { stdout, stderr, stdin: new PassThrough(), env, cwd: repo.dir });
    expect(code).toBe(0);
    const lines = err.join('').split('\n').filter(Boolean).sort();
    const counts = { groups: 7, custom_statuses: 6, schedules: 2, dynamic_content: 0, ticket_fields: 23, user_fields: 4, organization_fields: 5, ticket_forms: 5, trigger_categories: 4, triggers: 17, automations: 6, views: 10, macros: 12, webhooks: 3, sla_policies: 0, brands: 2, targets: 1, users: 2 };
    expect(lines).toEqual(Object.entries(counts).map(([list, count]) => `  read ${list}: ${count}`).sort());
  });
});
