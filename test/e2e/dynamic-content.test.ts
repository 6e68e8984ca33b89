import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import { tempRepo, type TempRepo } from '../helpers/temp-repo.js';
import { sandboxFor, withoutLock, zdctl } from '../helpers/zdctl.js';

// Dynamic content items with their variants (a sub-collection: created inline, then changed through
// the variant endpoints), and `{{dc.<placeholder>}}` in texts as references to them.
const GREETING = `name: Greeting
variants:
  - locale_id: 1
    default: true
    content: "Hello {{ticket.requester.first_name}},"
  - locale_id: 2
    content: Hola
`;
const TRIGGER = `title: Greet new requesters
conditions:
  all:
    - {field: update_type, operator: is, value: Create}
actions:
  - field: notification_user
    value: [requester_id, "Welcome", "{{dc.greeting}} we got your request."]
`;
const LOCALES = [
  { id: 1, locale: 'en-US', name: 'English' },
  { id: 2, locale: 'es', name: 'Español' },
  { id: 8, locale: 'de', name: 'Deutsch' },
];

let stage: { sandbox: Sandbox; env: NodeJS.ProcessEnv };
let repo: TempRepo;

beforeAll(async () => {
  stage = await sandboxFor();
  stage.sandbox.seed({ locales: LOCALES });
  repo = tempRepo({
    'instances/src/instance.yaml': 'subdomain: acme\n',
    'instances/src/dynamic_content/greeting.yaml': GREETING,
    'instances/src/triggers/greet.yaml': TRIGGER,
    'instances/copy/instance.yaml': 'subdomain: acme\n',
  });
});
afterAll(async () => {
  await stage.sandbox.stop();
  repo.remove();
});

const run = (...argv: string[]) => zdctl(argv, { cwd: repo.dir, env: stage.env });
const items = () => stage.sandbox.dump().dynamic_content ?? [];

describe('dynamic content items', () => {
  it('a trigger using {{dc.greeting}} lands in one apply, the item created first', async () => {
    const planned = JSON.parse((await run('plan', '--instance', 'src', '--json')).stdout) as { changes: { address: string; depends_on: string[] }[] };
    expect(planned.changes.find((c) => c.address === 'triggers/Greet new requesters')!.depends_on).toContain('create dynamic_content/Greeting');
    const before = stage.sandbox.requests.length;
    const applied = await run('apply', '--instance', 'src', '--auto-approve');
    expect(applied.stdout).toMatch(/^Apply complete: 2 applied, 0 failed, 0 skipped\.$/m);
    const writes = withoutLock(stage.sandbox.requests.slice(before)).filter((r) => r.method !== 'GET');
    expect(writes.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /api/v2/dynamic_content/items', 'POST /api/v2/triggers']);
    expect(writes[0]!.body).toEqual({
      item: { name: 'Greeting', default_locale_id: 1, variants: [{ locale_id: 1, default: true, content: 'Hello {{ticket.requester.first_name}},' }, { locale_id: 2, content: 'Hola' }] },
    });
    const [item] = items();
    expect(item!.placeholder).toBe('{{dc.greeting}}');
    expect((await run('plan', '--instance', 'src')).stdout).toMatch(/^No changes\.$/m);
  });

  it('a changed variant list is one update of the item: create, update and delete through the variant endpoints', async () => {
    repo.write({
      'instances/src/dynamic_content/greeting.yaml': `name: Greeting
variants:
  - locale_id: 2
    default: true
    content: Hola
  - locale_id: 8
    content: Hallo
`,
    });
    const plan = await run('plan', '--instance', 'src');
    expect(plan.stdout).toMatch(/^Plan: 0 to create, 1 to update, 0 to delete, 0 to reorder\.$/m);
    const before = stage.sandbox.requests.length;
    const applied = await run('apply', '--instance', 'src', '--auto-approve');
    expect(applied.stdout).toMatch(/^Apply complete: 1 applied, 0 failed, 0 skipped\.$/m);
    const [item] = items();
    const id = String(item!.id);
    const variantIdOf = (locale: number) => String((item!.variants as { id: number; locale_id: number }[]).find((v) => v.locale_id === locale)?.id);
    const writes = withoutLock(stage.sandbox.requests.slice(before)).filter((r) => r.method !== 'GET');
    expect(writes.map((r) => `${r.method} ${r.path.replace(/\/\d+$/, '/<id>')}`)).toEqual([
      `POST /api/v2/dynamic_content/items/${id}/variants`,
      `PUT /api/v2/dynamic_content/items/${id}/variants/<id>`,
      `DELETE /api/v2/dynamic_content/items/${id}/variants/<id>`,
    ]);
    expect(writes[1]!.path.endsWith(`/${variantIdOf(2)}`)).toBe(true);
    expect(item!.default_locale_id).toBe(2);
    expect((await run('plan', '--instance', 'src')).stdout).toMatch(/^No changes\.$/m);
  });

  it('import writes the item without ids or defaults, and a plan of the import is No changes.', async () => {
    const imported = await run('import', '--instance', 'copy');
    expect(imported.code).toBe(0);
    expect(readFileSync(path.join(repo.dir, 'instances/copy/dynamic_content/greeting.yaml'), 'utf8')).toContain('name: Greeting\nvariants:\n');
    const text = readFileSync(path.join(repo.dir, 'instances/copy/dynamic_content/greeting.yaml'), 'utf8');
    expect(text).not.toMatch(/\bid:|outdated|active: true|default: false|placeholder/);
    expect((await run('plan', '--instance', 'copy')).stdout).toMatch(/^No changes\.$/m);
  });
});

describe('dynamic content: references by placeholder, renames, restore', () => {
  it('a rename keeps the placeholder: the item is updated by name only, the trigger using it still resolves', async () => {
    repo.write({
      'instances/src/dynamic_content/greeting.yaml': `name: Welcome text
previous_name: Greeting
variants:
  - locale_id: 2
    default: true
    content: Hola
  - locale_id: 8
    content: Hallo
`,
    });
    expect((await run('validate', '--instance', 'src')).code).toBe(0);
    const before = stage.sandbox.requests.length;
    const applied = await run('apply', '--instance', 'src', '--auto-approve');
    expect(applied.stdout).toMatch(/^~ update dynamic_content\/Welcome text {2}# changed: name \(renamed from "Greeting"\)$/m);
    const writes = withoutLock(stage.sandbox.requests.slice(before)).filter((r) => r.method !== 'GET');
    expect(writes.map((r) => [r.method, r.body])).toEqual([['PUT', { item: { name: 'Welcome text' } }]]);
    expect(items()[0]!.placeholder).toBe('{{dc.greeting}}');
    expect((await run('plan', '--instance', 'src')).stdout).toMatch(/^No changes\.$/m);
  });

  it('an item a live trigger still uses is not deleted: the exact error, nothing sent', async () => {
    repo.write({ 'instances/src/instance.yaml': 'subdomain: acme\nunmanaged: {dynamic_content: delete}\n' });
    const { rmSync } = await import('node:fs');
    rmSync(path.join(repo.dir, 'instances/src/dynamic_content/greeting.yaml'));
    rmSync(path.join(repo.dir, 'instances/src/triggers/greet.yaml'));
    const before = stage.sandbox.requests.length;
    const planned = await run('plan', '--instance', 'src');
    expect(planned.code).toBe(1);
    expect(planned.stderr).toContain('error: cannot delete dynamic_content/Welcome text: {{dc.greeting}} is still used by triggers/Greet new requesters (live) (dynamic_content/Welcome text) [in-use]');
    const applied = await run('apply', '--instance', 'src', '--auto-approve', '--allow-delete');
    expect(applied.code).toBe(1);
    expect(withoutLock(stage.sandbox.requests.slice(before)).filter((r) => r.method !== 'GET')).toEqual([]);
    expect(items()).toHaveLength(1);
  });

  it('with unmanaged triggers deleted too, the trigger goes first and then the item', async () => {
    repo.write({ 'instances/src/instance.yaml': 'subdomain: acme\nunmanaged: {dynamic_content: delete, triggers: delete}\n' });
    const before = stage.sandbox.requests.length;
    const applied = await run('apply', '--instance', 'src', '--auto-approve', '--allow-delete');
    expect(applied.stdout).toMatch(/^Apply complete: 2 applied, 0 failed, 0 skipped\.$/m);
    const writes = withoutLock(stage.sandbox.requests.slice(before)).filter((r) => r.method !== 'GET');
    expect(writes.map((r) => `${r.method} ${r.path.replace(/\d+$/, 'ID')}`)).toEqual(['DELETE /api/v2/triggers/ID', 'DELETE /api/v2/dynamic_content/items/ID']);
    expect(items()).toEqual([]);
  });

  it('an unknown placeholder: validate warns (an error where unmanaged items are deleted), plan refuses with file:line, nothing sent', async () => {
    repo.write({
      'instances/bad/instance.yaml': 'subdomain: acme\n',
      'instances/bad/macros/reply.yaml': 'title: Reply\nactions:\n  - field: comment_value\n    value: "Hi! {{dc.no_such_text}} and {{zd.status_open}}"\n',
    });
    const validated = await run('validate', '--instance', 'bad');
    expect(validated.code).toBe(0);
    expect(validated.stderr).toContain('instances/bad/macros/reply.yaml:4:12: warning: {{dc.no_such_text}} names no dynamic content item: no file under dynamic_content/ has a name that gives it (macros/Reply) [unknown-dynamic-content]');
    const before = stage.sandbox.requests.length;
    const planned = await run('plan', '--instance', 'bad');
    expect(planned.code).toBe(1);
    expect(planned.stderr).toContain('instances/bad/macros/reply.yaml:4:12: error: {{dc.no_such_text}} names no dynamic_content item: none is live, and no file under dynamic_content/ has a name that gives it (macros/Reply) [unknown-name]');
    expect(planned.stderr).not.toContain('zd.status_open');
    const applied = await run('apply', '--instance', 'bad', '--auto-approve');
    expect(applied.code).toBe(1);
    expect(stage.sandbox.requests.slice(before).filter((r) => r.method !== 'GET')).toEqual([]);
    repo.write({ 'instances/bad/instance.yaml': 'subdomain: acme\nunmanaged: {dynamic_content: delete}\n' });
    const strict = await run('validate', '--instance', 'bad');
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('instances/bad/macros/reply.yaml:4:12: error: {{dc.no_such_text}} names no dynamic content item');
  });

  it('two variants for one locale, two items with one placeholder: validate names them, plan sends nothing', async () => {
    repo.write({
      'instances/bad/instance.yaml': 'subdomain: acme\n',
      'instances/bad/macros/reply.yaml': 'title: Reply\nactions:\n  - {field: status, value: open}\n',
      'instances/bad/dynamic_content/twice.yaml': 'name: Twice\nvariants:\n  - {locale_id: 1, default: true, content: a}\n  - {locale_id: 1, content: b}\n',
      'instances/bad/dynamic_content/twice-again.yaml': 'name: "twice!"\nvariants:\n  - {locale_id: 1, default: true, content: a}\n',
    });
    const before = stage.sandbox.requests.length;
    const validated = await run('validate', '--instance', 'bad');
    expect(validated.code).toBe(1);
    expect(validated.stderr).toContain('instances/bad/dynamic_content/twice.yaml:4:17: error: variants[1] has locale_id 1, as variants[0] does (dynamic_content/Twice) [unique-child-key]');
    expect(validated.stderr).toContain('instances/bad/dynamic_content/twice.yaml:1:7: error: "Twice" gives the placeholder {{dc.twice}}, as "twice!" does (dynamic_content/Twice) [dynamic-content-placeholder-clash]');
    expect((await run('plan', '--instance', 'bad')).code).toBe(1);
    expect(stage.sandbox.requests.slice(before)).toEqual([]);
  });
});
