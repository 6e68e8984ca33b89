import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import { minimalInstance, tempRepo, type TempRepo } from '../helpers/temp-repo.js';
import { sandboxFor, withoutLock, zdctl } from '../helpers/zdctl.js';

type ApiObject = Record<string, unknown>;
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

const run = (...argv: string[]) => zdctl(argv, { cwd: repo.dir, env });
const apply = (...flags: string[]) => run('apply', '--instance', 't', '--auto-approve', ...flags);
const live = (type: string) => sandbox.dump()[type] as ApiObject[];
const writes = () => withoutLock(sandbox.requests).filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path.replace(/\d{6,}/g, ':id')}`);
const expectNoChanges = async () => {
  const next = await run('plan', '--instance', 't', '--detailed-exitcode');
  expect(next.stdout + next.stderr).toMatch(/^No changes\.$/m);
  expect(next.code).toBe(0);
};

const field = (title: string, type: string, extra = '') => `title: ${title}\ntype: ${type}\n${extra}`;
const form = (name: string, fieldTitle: string, extra = '') => `name: ${name}\n${extra}ticket_field_ids:\n  - "Field: ${fieldTitle}"\n`;
const view = (fieldTitle: string) => `title: Versions\nconditions:\n  all:\n    - {field: status, operator: less_than, value: solved}\noutput:\n  columns: [nice_id, "Field: ${fieldTitle}"]\n`;
const trigger = (title: string, fieldTitle: string, formName: string) =>
  `title: ${title}\nconditions:\n  all:\n    - {field: "Field: ${fieldTitle}", operator: present}\n    - {field: ticket_form_id, operator: is, value: "Form: ${formName}"}\nactions:\n  - {field: status, value: open}\n`;

function stageRename(): void {
  repo = tempRepo(
    minimalInstance({
      'ticket_fields/v.yaml': field('Product version', 'text'),
      'ticket_forms/bug.yaml': form('Bug report', 'Product version'),
      'views/versions.yaml': view('Product version'),
      'trigger_categories/r.yaml': 'name: Routing\n',
      'triggers/t.yaml': trigger('Route versions', 'Product version', 'Bug report'),
      'triggers/_order.yaml': '- Routing: [Route versions]\n',
    }),
  );
}

function renameEverything(): void {
  repo.write({
    'instances/t/ticket_fields/v.yaml': field('App version', 'text', 'previous_title: Product version\n'),
    'instances/t/ticket_forms/bug.yaml': form('Defect report', 'App version', 'previous_name: Bug report\n'),
    'instances/t/views/versions.yaml': view('App version'),
    'instances/t/trigger_categories/r.yaml': 'name: Triage\nprevious_name: Routing\n',
    'instances/t/triggers/t.yaml': trigger('Route versions', 'App version', 'Defect report'),
    'instances/t/triggers/_order.yaml': '- Triage: [Route versions]\n',
  });
}

describe('renames converge in one apply, and what refers to them is not a change', () => {
  it('a field, a form and a trigger category renamed: three updates, exit 0, then No changes.', async () => {
    stageRename();
    expect((await apply()).code).toBe(0);
    const ids = { field: live('ticket_fields').find((f) => f.title === 'Product version')!.id, form: live('ticket_forms').find((f) => f.name === 'Bug report')!.id };
    renameEverything();

    const planned = await run('plan', '--instance', 't');
    expect(planned.stdout).toMatch(/^Plan: 0 to create, 3 to update, 0 to delete, 0 to reorder\.$/m);
    expect(planned.stdout).toContain('~ update ticket_fields/App version  # changed: title (renamed from "Product version")');
    expect(planned.stdout).toContain('~ update ticket_forms/Defect report  # changed: name (renamed from "Bug report")');
    expect(planned.stdout).toContain('~ update trigger_categories/Triage  # changed: name (renamed from "Routing")');
    sandbox.clearRequests();

    const applied = await apply();
    expect(applied.stderr).not.toContain('not found live');
    expect(applied.stdout).toMatch(/^Apply complete: 3 applied, 0 failed, 0 skipped\.$/m);
    expect(applied.code).toBe(0);
    expect(writes().sort()).toEqual(['PUT /api/v2/ticket_fields/:id', 'PUT /api/v2/ticket_forms/:id', 'PATCH /api/v2/trigger_categories/:id'].sort());
    expect(live('ticket_fields').find((f) => f.id === ids.field)!.title).toBe('App version');
    expect(live('ticket_forms').find((f) => f.id === ids.form)!.name).toBe('Defect report');
    await expectNoChanges();
  });

  it('the same through plan --out and apply PLANFILE', async () => {
    stageRename();
    expect((await apply()).code).toBe(0);
    renameEverything();
    const planFile = path.join(repo.dir, 'rename.plan.json');
    expect((await run('plan', '--instance', 't', '--out', planFile)).code).toBe(0);

    const applied = await run('apply', '--instance', 't', planFile, '--auto-approve');
    expect(applied.stdout).toMatch(/^Apply complete: 3 applied, 0 failed, 0 skipped\.$/m);
    expect(applied.code).toBe(0);
    await expectNoChanges();
  });

  it('a form that also changes otherwise waits for the rename of the field it names', async () => {
    stageRename();
    repo.write({ 'instances/t/ticket_fields/w.yaml': field('Workaround', 'text') });
    expect((await apply()).code).toBe(0);
    renameEverything();
    repo.write({ 'instances/t/ticket_forms/bug.yaml': `${form('Defect report', 'App version', 'previous_name: Bug report\n')}  - "Field: Workaround"\n` });

    const applied = await apply();
    expect(applied.stdout + applied.stderr).toMatch(/^Apply complete: 3 applied, 0 failed, 0 skipped\.$/m);
    expect(applied.code).toBe(0);
    await expectNoChanges();
  });
});

describe("a field's type change moves every form, view and rule that used it to the new field, in the same apply", () => {
  it('regexp → text with --allow-delete: delete, create, and the form, view and trigger repointed; then No changes.', async () => {
    repo = tempRepo(
      minimalInstance({
        'ticket_fields/v.yaml': field('Product version', 'regexp', 'regexp_for_validation: "^\\\\d+$"\n'),
        'ticket_forms/bug.yaml': form('Bug report', 'Product version'),
        'views/versions.yaml': view('Product version'),
        'trigger_categories/r.yaml': 'name: Routing\n',
        'triggers/t.yaml': trigger('Route versions', 'Product version', 'Bug report'),
        'triggers/_order.yaml': '- Routing: [Route versions]\n',
      }),
    );
    const first = await apply();
    expect(first.code, first.stderr).toBe(0);
    const oldId = live('ticket_fields').find((f) => f.title === 'Product version')!.id;
    repo.write({ 'instances/t/ticket_fields/v.yaml': field('Product version', 'text') });

    const planned = await run('plan', '--instance', 't');
    expect(planned.stdout).toMatch(/^Plan: 1 to create, 3 to update, 1 to delete, 0 to reorder\.$/m);
    expect(planned.stdout).toContain(`Field: Product version (id ${String(oldId)}, replaced)`);

    const applied = await apply('--allow-delete');
    expect(applied.stdout + applied.stderr).toMatch(/^Apply complete: 5 applied, 0 failed, 0 skipped\.$/m);
    expect(applied.code).toBe(0);
    const newId = live('ticket_fields').find((f) => f.title === 'Product version')!.id;
    expect(newId).not.toBe(oldId);
    const users = { form: live('ticket_forms').find((f) => f.name === 'Bug report')!, view: live('views').find((v) => v.title === 'Versions')!, trigger: live('triggers').find((t) => t.title === 'Route versions')! };
    expect(users.form.ticket_field_ids).toContain(newId);
    expect(JSON.stringify(users.view)).toContain(`"id":${String(newId)}`);
    expect(JSON.stringify(users.trigger.conditions)).toContain(`custom_fields_${String(newId)}`);
    for (const object of Object.values(users)) expect(JSON.stringify(object)).not.toContain(String(oldId));
    await expectNoChanges();
  });
});
