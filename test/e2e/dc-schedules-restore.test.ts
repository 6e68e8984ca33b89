import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import { fileFormsByName } from '../helpers/snapshot-compare.js';
import { tempRepo, type TempRepo } from '../helpers/temp-repo.js';
import { sandboxFor, withoutLock, zdctl } from '../helpers/zdctl.js';
import path from 'node:path';

// Export → restore into a brand-new account → export: dynamic content (variants inline) and a
// schedule (workweek and holidays through their own endpoints) come back equal by name, and the
// trigger that uses both is created after them.
const LOCALES = [
  { id: 1, locale: 'en-US', name: 'English' },
  { id: 2, locale: 'es', name: 'Español' },
];
const MANAGED = 'manage: [schedules]\n';
const FILES = {
  'instances/src/instance.yaml': `subdomain: acme\n${MANAGED}`,
  'instances/src/dynamic_content/greeting.yaml': 'name: Greeting\nvariants:\n  - {locale_id: 1, default: true, content: "Hello {{ticket.ticket_field[Product tier]}}"}\n  - {locale_id: 2, content: Hola, active: false}\n',
  'instances/src/ticket_fields/product-tier.yaml': 'title: Product tier\ntype: text\n',
  'instances/src/schedules/support.yaml':
    'name: Support\ntime_zone: London\nintervals:\n  monday: [{start: "09:00", end: "24:00"}]\n  tuesday: [{start: "00:00", end: "03:00"}]\nholidays:\n  - {name: Christmas, start_date: "2026-12-25", end_date: "2026-12-26"}\n',
  'instances/src/triggers/greet.yaml': `title: Greet
conditions:
  all:
    - {field: schedule_id, operator: is, value: "Schedule: Support"}
actions:
  - field: notification_user
    value: [requester_id, "{{dc.greeting}}", "{{dc.greeting}}, we are open."]
`,
  'instances/rebuilt/instance.yaml': `subdomain: acme-dr\n${MANAGED}`,
};

let source: { sandbox: Sandbox; env: NodeJS.ProcessEnv };
let empty: { sandbox: Sandbox; env: NodeJS.ProcessEnv };
let repo: TempRepo;

beforeAll(async () => {
  source = await sandboxFor();
  empty = await sandboxFor();
  source.sandbox.seed({ locales: LOCALES });
  // A new account (English only); other ids than the source's, so a restore must remap them.
  empty.sandbox.seed({ groups: [{ id: 900_000_000_000, name: 'Spacer' }] });
  repo = tempRepo(FILES);
});
afterAll(async () => {
  await source.sandbox.stop();
  await empty.sandbox.stop();
  repo.remove();
});

const inSource = (...argv: string[]) => zdctl(argv, { cwd: repo.dir, env: source.env });
const inEmpty = (...argv: string[]) => zdctl(argv, { cwd: repo.dir, env: empty.env });

describe('restore of dynamic content and schedules into a new account', () => {
  it('refuses, before any write, when the new account lacks a language the items use: the checklist names it', async () => {
    expect((await inSource('apply', '--instance', 'src', '--auto-approve')).code).toBe(0);
    expect((await inSource('export', '--instance', 'src', '--out', 'snap-a')).code).toBe(0);
    const refused = await inEmpty('restore', 'snap-a', '--instance', 'rebuilt', '--auto-approve');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      [
        'lacks 1 thing the snapshot names that zdctl does not create (it looks them up by name, or by id):',
        '  [ ] locale 2 enabled   (used by dynamic_content/Greeting)',
        'Create them in Zendesk (same names; users by email; enable the locales in its settings), or manage the type (instance.yaml manage:), then run the restore again.',
      ].join('\n'),
    );
    expect(refused.stderr).toContain('restore: rebuilt lacks locale 2; nothing was written\n');
    expect(empty.sandbox.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    // An admin enables Spanish in the new account.
    empty.sandbox.seed({ locales: LOCALES });
    empty.sandbox.clearRequests();
  });

  it('restores in dependency order, and the export after it equals the snapshot by name', async () => {
    const restored = await inEmpty('restore', 'snap-a', '--instance', 'rebuilt', '--auto-approve');
    expect(restored.stdout).toMatch(/^Apply complete: 4 applied, 0 failed, 0 skipped\.$/m);
    expect(restored.code).toBe(0);
    const writes = withoutLock(empty.sandbox.requests).filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path.replace(/\d{6,}/g, 'ID')}`);
    const at = (write: string) => writes.indexOf(write);
    expect(at('POST /api/v2/triggers')).toBeGreaterThan(at('POST /api/v2/dynamic_content/items'));
    expect(at('POST /api/v2/triggers')).toBeGreaterThan(at('POST /api/v2/business_hours/schedules/ID/holidays'));
    expect(at('POST /api/v2/dynamic_content/items')).toBeGreaterThan(at('POST /api/v2/ticket_fields'));
    expect(writes).toContain('PUT /api/v2/business_hours/schedules/ID/workweek');

    expect((await inEmpty('restore', 'snap-a', '--instance', 'rebuilt', '--dry-run')).stdout).toMatch(/^No changes\.$/m);
    expect((await inEmpty('export', '--instance', 'rebuilt', '--out', 'snap-b')).code).toBe(0);
    const a = fileFormsByName(path.join(repo.dir, 'snap-a'));
    const b = fileFormsByName(path.join(repo.dir, 'snap-b'));
    for (const type of ['dynamic_content', 'schedules', 'triggers', 'ticket_fields']) expect({ type, objects: b[type] }).toEqual({ type, objects: a[type] });
    expect(Object.keys(a.schedules!)).toEqual(['Support']);
    expect((a.schedules!.Support as { holidays: unknown[] }).holidays).toHaveLength(1);
  });
});
