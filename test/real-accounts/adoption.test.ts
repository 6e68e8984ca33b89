// What real accounts hold and generated ones do not, adopted end to end against the sandbox:
// duplicate titles, personal macros and views, and drift in keys a file leaves out.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import { fileFormsByName } from '../helpers/snapshot-compare.js';
import { minimalInstance, tempRepo, type TempRepo } from '../helpers/temp-repo.js';
import { sandboxFor, withoutLock, zdctl } from '../helpers/zdctl.js';

type ApiObject = Record<string, unknown>;
let source: { sandbox: Sandbox; env: NodeJS.ProcessEnv };
let repo: TempRepo;

beforeEach(async () => {
  source = await sandboxFor();
});
afterEach(async () => {
  await source.sandbox.stop();
  repo?.remove();
});

const run = (argv: string[], env = source.env) => zdctl(argv, { cwd: repo.dir, env });
const writes = (sandbox: Sandbox) => withoutLock(sandbox.requests).filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path.replace(/\d{6,}/g, ':id')}`);
const view = (id: number, title: string, status: string, extra: ApiObject = {}): ApiObject => ({
  id, title, raw_title: title, active: true, position: id, description: null, restriction: null,
  conditions: { all: [{ field: 'status', operator: 'is', value: status }], any: [] },
  execution: { columns: [{ id: 'subject', title: 'Subject' }], group_by: null, sort_by: 'created_at', sort_order: 'desc' },
  ...extra,
});
const macro = (id: number, title: string, comment: string, extra: ApiObject = {}): ApiObject => ({
  id, title, active: true, position: id, description: null, restriction: null, actions: [{ field: 'comment_value', value: comment }], ...extra,
});

describe('an account with duplicate titles and personal macros and views', () => {
  const seed = () =>
    source.sandbox.seed({
      users: [{ id: 7001, name: 'Ann Agent', email: 'ann@acme.example', role: 'agent' }],
      views: [view(101, 'My unsolved tickets', 'open'), view(102, 'My unsolved tickets', 'pending'), view(103, 'Ann’s queue', 'new', { restriction: { type: 'User', id: 7001 } })],
      macros: [macro(201, 'Close', 'Closing.'), macro(202, 'Close', 'Closing, thanks.'), macro(203, 'Ann’s reply', 'Hi!', { restriction: { type: 'User', id: 7001 } })],
    });

  it('imports the duplicates as title and occurrence, leaves the personal ones out, plans No changes., and an edit goes to the right object', async () => {
    seed();
    repo = tempRepo(minimalInstance({}));
    expect((await run(['import', '--instance', 't'])).code).toBe(0);
    const dir = path.join(repo.dir, 'instances/t');
    expect(readdirSync(path.join(dir, 'views')).sort()).toEqual(['_order.yaml', 'my-unsolved-tickets-2.yaml', 'my-unsolved-tickets.yaml']);
    expect(readdirSync(path.join(dir, 'macros')).sort()).toEqual(['_order.yaml', 'close-2.yaml', 'close.yaml']);
    expect(readFileSync(path.join(dir, 'macros/close-2.yaml'), 'utf8')).toMatch(/^title: Close\noccurrence: 2$/m);
    expect(readFileSync(path.join(dir, 'views/_order.yaml'), 'utf8')).toContain('- My unsolved tickets#2\n');
    const validated = await run(['validate', '--instance', 't']);
    expect(validated.stdout).toBe('instances/t: valid, 12 objects, 0 errors\n');

    source.sandbox.clearRequests();
    const planned = await run(['plan', '--instance', 't', '--detailed-exitcode']);
    expect(planned.stdout).toMatch(/^No changes\.$/m);
    expect(planned.stdout).not.toContain('Ann');
    expect(planned.code).toBe(0);

    repo.write({ 'instances/t/macros/close-2.yaml': readFileSync(path.join(dir, 'macros/close-2.yaml'), 'utf8').replace('Closing, thanks.', 'Closing now, thanks.') });
    source.sandbox.clearRequests();
    const applied = await run(['apply', '--instance', 't', '--auto-approve']);
    expect(applied.stdout).toContain('~ update macros/Close#2  # changed: actions');
    expect(applied.code).toBe(0);
    expect(writes(source.sandbox)).toEqual(['PUT /api/v2/macros/202']);
    const macros = source.sandbox.dump().macros as ApiObject[];
    expect(macros.map((m) => [m.id, (m.actions as { value: string }[])[0]!.value])).toEqual([
      [203, 'Hi!'],
      [201, 'Closing.'],
      [202, 'Closing now, thanks.'],
    ]);
    expect((await run(['plan', '--instance', 't', '--detailed-exitcode'])).code).toBe(0);
  });

  it('restores the duplicates into a new account in creation order, so the next plan there is No changes.', async () => {
    seed();
    repo = tempRepo({ ...minimalInstance({}), 'instances/dr/instance.yaml': 'subdomain: dr\n' });
    expect((await run(['export', '--instance', 't', '--out', 'snap-a'])).code).toBe(0);
    const target = await sandboxFor();
    try {
      const restored = await run(['restore', 'snap-a', '--instance', 'dr', '--auto-approve'], target.env);
      expect(restored.stdout).toMatch(/^Apply complete: \d+ applied, 0 failed, 0 skipped\.$/m);
      expect(restored.code).toBe(0);
      expect((await run(['restore', 'snap-a', '--instance', 'dr', '--dry-run'], target.env)).stdout).toMatch(/^No changes\.$/m);
      expect((await run(['export', '--instance', 'dr', '--out', 'snap-b'], target.env)).code).toBe(0);
      expect(fileFormsByName(path.join(repo.dir, 'snap-b'))).toEqual(fileFormsByName(path.join(repo.dir, 'snap-a')));
      expect((target.sandbox.dump().views as ApiObject[]).map((v) => v.title)).not.toContain('Ann’s queue');
    } finally {
      await target.sandbox.stop();
    }
  });

  it('manages personal ones when instance.yaml says personal: include', async () => {
    seed();
    repo = tempRepo({ 'instances/t/instance.yaml': 'subdomain: test\npersonal: include\n' });
    expect((await run(['import', '--instance', 't'])).code).toBe(0);
    expect(readFileSync(path.join(repo.dir, 'instances/t/macros/ann-s-reply.yaml'), 'utf8')).toContain('restriction:\n  type: User\n  id: ann@acme.example\n');
    expect((await run(['plan', '--instance', 't', '--detailed-exitcode'])).code).toBe(0);
  });

  it('refuses a personal file in an instance that leaves personal macros and views alone, naming the file and line', async () => {
    repo = tempRepo(minimalInstance({ 'macros/a.yaml': 'title: Mine\nrestriction:\n  type: User\n  id: ann@acme.example\nactions:\n  - {field: status, value: open}\n' }));
    const validated = await run(['validate', '--instance', 't']);
    expect(validated.stderr).toBe(
      'instances/t/macros/a.yaml:3:3: error: restricted to one user, but this instance leaves personal macros and views alone (macros/Mine) [personal-rule]\n' +
        '  add `personal: include` to instances/t/instance.yaml to manage personal macros and views, or restrict it to a group\n',
    );
    expect(validated.code).toBe(1);
  });
});

describe('drift in a key the file leaves out', () => {
  it('a description set live on a trigger whose file has none is drift: plan exits 2 naming it, apply puts Zendesk’s default back', async () => {
    repo = tempRepo(minimalInstance({ 'triggers/a.yaml': 'title: Tag new\nconditions:\n  all:\n    - {field: status, operator: is, value: new}\nactions:\n  - {field: current_tags, value: seen}\n' }));
    expect((await run(['apply', '--instance', 't', '--auto-approve'])).code).toBe(0);
    const [created] = source.sandbox.dump().triggers as ApiObject[];
    source.sandbox.seed({ triggers: [{ ...created, description: 'Set in the Zendesk UI' }] });

    const planned = await run(['plan', '--instance', 't', '--detailed-exitcode']);
    expect(planned.stdout).toContain('~ update triggers/Tag new  # changed: description');
    expect(planned.stdout).toMatch(/^Plan: 0 to create, 1 to update, 0 to delete, 0 to reorder\.$/m);
    expect(planned.code).toBe(2);

    source.sandbox.clearRequests();
    expect((await run(['apply', '--instance', 't', '--auto-approve'])).code).toBe(0);
    expect(writes(source.sandbox)).toEqual(['PUT /api/v2/triggers/:id']);
    expect(withoutLock(source.sandbox.requests).find((r) => r.method === 'PUT')!.body).toEqual({ trigger: { description: null } });
    expect(((source.sandbox.dump().triggers as ApiObject[])[0]!).description).toBeNull();
    expect((await run(['plan', '--instance', 't', '--detailed-exitcode'])).code).toBe(0);
  });

  it('import writes no defaults, and the plan right after is No changes.', async () => {
    repo = tempRepo(minimalInstance({ 'ticket_fields/a.yaml': 'title: Asset tag\ntype: text\n' }));
    expect((await run(['apply', '--instance', 't', '--auto-approve'])).code).toBe(0);
    repo.remove();
    repo = tempRepo(minimalInstance({}));
    expect((await run(['import', '--instance', 't'])).code).toBe(0);
    expect(readFileSync(path.join(repo.dir, 'instances/t/ticket_fields/asset-tag.yaml'), 'utf8')).not.toMatch(/^(active|required|description|agent_description|tag|regexp_for_validation):/m);
    expect((await run(['plan', '--instance', 't', '--detailed-exitcode'])).code).toBe(0);
  });
});

describe('system ticket fields', () => {
  const subject = () => (source.sandbox.dump().ticket_fields as ApiObject[]).find((f) => f.type === 'subject')!;

  it('a file edits what an admin may edit on one, found by its type whatever its title; it is never created', async () => {
    repo = tempRepo(minimalInstance({ 'ticket_fields/subject.yaml': 'title: Summary\ntype: subject\ntitle_in_portal: Summary of your request\nrequired_in_portal: true\n' }));
    const before = subject();
    source.sandbox.clearRequests();
    const applied = await run(['apply', '--instance', 't', '--auto-approve']);
    expect(applied.stdout).toContain('~ update ticket_fields/Summary  # changed: title, title_in_portal (renamed from "Subject") (a built-in ticket field)');
    expect(applied.code).toBe(0);
    expect(writes(source.sandbox)).toEqual(["PUT /api/v2/ticket_fields/:id"]);
    expect(withoutLock(source.sandbox.requests).find((r) => r.method === 'PUT')!.body).toEqual({ ticket_field: { title: 'Summary', title_in_portal: 'Summary of your request' } });
    expect([subject().id, subject().title]).toEqual([before.id, 'Summary']);
    expect((await run(['plan', '--instance', 't', '--detailed-exitcode'])).code).toBe(0);
  });

  it('import writes what an admin may edit on each of them, the plan right after is No changes., and an edit goes to the built-in field', async () => {
    source.sandbox.seed({ ticket_fields: (source.sandbox.dump().ticket_fields as ApiObject[]).map((f) => (f.type === 'subject' ? { ...f, title: 'Summary', raw_title: 'Summary', agent_description: 'One line, please' } : f)) });
    repo = tempRepo(minimalInstance({}));
    expect((await run(['import', '--instance', 't'])).code).toBe(0);
    const file = path.join(repo.dir, 'instances/t/ticket_fields/summary.yaml');
    const imported = readFileSync(file, 'utf8');
    expect(imported).toMatch(/^title: Summary\ntype: subject\n/m);
    expect(imported).toContain('agent_description: One line, please\n');
    expect(imported).not.toMatch(/^(id|position|removable|url):/m);
    const validated = await run(['validate', '--instance', 't']);
    expect(validated.code, validated.stderr).toBe(0);
    const planned = await run(['plan', '--instance', 't', '--detailed-exitcode']);
    expect(planned.code, planned.stdout + planned.stderr).toBe(0);
    repo.write({ 'instances/t/ticket_fields/summary.yaml': imported.replace('One line, please', 'One short line, please') });
    source.sandbox.clearRequests();
    const applied = await run(['apply', '--instance', 't', '--auto-approve']);
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    expect(withoutLock(source.sandbox.requests).find((r) => r.method === 'PUT')!.body).toEqual({ ticket_field: { agent_description: 'One short line, please' } });
    expect([subject().title, subject().agent_description]).toEqual(['Summary', 'One short line, please']);
  });

  it('a file for a built-in field the account does not have is an error, and nothing is sent', async () => {
    repo = tempRepo(minimalInstance({ 'ticket_fields/status.yaml': 'title: Ticket status\ntype: custom_status\n' }));
    source.sandbox.clearRequests();
    const planned = await run(['plan', '--instance', 't']);
    expect(planned.stderr).toContain(
      'instances/t/ticket_fields/status.yaml:1:1: error: no built-in ticket_fields with type "custom_status" exists live (ticket_fields/Ticket status) [built-in-missing]\n' +
        '  Zendesk creates its built-in objects itself and zdctl never creates or deletes them; a file may only change what an admin can edit on them\n',
    );
    expect(planned.code).toBe(1);
    expect(writes(source.sandbox)).toEqual([]);
  });

  it('restore puts an edited system field back into a new account, by type', async () => {
    source.sandbox.seed({ ticket_fields: (source.sandbox.dump().ticket_fields as ApiObject[]).map((f) => (f.type === 'priority' ? { ...f, title: 'Urgency', raw_title: 'Urgency', active: false } : f)) });
    repo = tempRepo({ ...minimalInstance({}), 'instances/dr/instance.yaml': 'subdomain: dr\n' });
    expect((await run(['export', '--instance', 't', '--out', 'snap-a'])).code).toBe(0);
    const target = await sandboxFor();
    try {
      const restored = await run(['restore', 'snap-a', '--instance', 'dr', '--auto-approve'], target.env);
      expect(restored.stdout).toContain('~ update ticket_fields/Urgency  # changed: title, active (renamed from "Priority") (a built-in ticket field)');
      expect(restored.code).toBe(0);
      const priority = (target.sandbox.dump().ticket_fields as ApiObject[]).find((f) => f.type === 'priority')!;
      expect([priority.title, priority.active]).toEqual(['Urgency', false]);
      expect((await run(['restore', 'snap-a', '--instance', 'dr', '--dry-run'], target.env)).stdout).toMatch(/^No changes\.$/m);
    } finally {
      await target.sandbox.stop();
    }
  });
});
