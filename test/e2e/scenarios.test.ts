import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';

type ApiObject = Record<string, unknown>;
import { minimalInstance, tempRepo, type TempRepo } from '../helpers/temp-repo.js';
import { sandboxFor, sandboxPlace, zdctl, withoutLock } from '../helpers/zdctl.js';

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

const run = (argv: string[], extra: { stdin?: string; tty?: boolean } = {}) => zdctl(argv, { cwd: repo.dir, env, ...extra });
const apply = (...flags: string[]) => run(['apply', '--instance', 't', '--auto-approve', ...flags]);
const planCode = async () => (await run(['plan', '--instance', 't', '--detailed-exitcode'])).code;
const live = (type: string) => sandbox.dump()[type] as ApiObject[];
const writes = () => withoutLock(sandbox.requests).filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path.replace(/\d{6,}/g, ':id')}`);

const trigger = (title: string, extra = '') => `title: ${title}\n${extra}conditions:\n  all:\n    - {field: status, operator: is, value: new}\nactions:\n  - {field: status, value: open}\n`;

describe('day-to-day changes against the sandbox', () => {
  it('renames a trigger through previous_title: same id, one PUT', async () => {
    repo = tempRepo(minimalInstance({ 'trigger_categories/n.yaml': 'name: Notifications\n', 'triggers/a.yaml': trigger('Old name'), 'triggers/_order.yaml': '- Notifications: [Old name]\n' }));
    expect((await apply()).code).toBe(0);
    const before = live('triggers')[0]!;
    repo.write({ 'instances/t/triggers/a.yaml': trigger('New name', 'previous_title: Old name\n'), 'instances/t/triggers/_order.yaml': '- Notifications: [New name]\n' });
    sandbox.clearRequests();

    expect((await apply()).code).toBe(0);

    expect(writes()).toEqual(['PUT /api/v2/triggers/:id']);
    expect(live('triggers').map((t) => [t.id, t.title])).toEqual([[before.id, 'New name']]);
    expect(await planCode()).toBe(0);
  });

  it('reorders triggers and categories from triggers/_order.yaml in one batch job', async () => {
    repo = tempRepo(
      minimalInstance({
        'trigger_categories/n.yaml': 'name: Notifications\n',
        'trigger_categories/r.yaml': 'name: Routing\n',
        'triggers/a.yaml': trigger('A'),
        'triggers/b.yaml': trigger('B'),
        'triggers/c.yaml': trigger('C'),
        'triggers/_order.yaml': '- Notifications: [A, B]\n- Routing: [C]\n',
      }),
    );
    expect((await apply()).code).toBe(0);
    repo.write({ 'instances/t/triggers/_order.yaml': '- Routing: [C, A]\n- Notifications: [B]\n' });
    const planned = await run(['plan', '--instance', 't']);
    expect(planned.stdout).toMatch(/^Plan: 0 to create, 1 to update, 0 to delete, 1 to reorder\.$/m);
    sandbox.clearRequests();

    expect((await apply()).code).toBe(0);

    expect(writes()).toEqual(['PUT /api/v2/triggers/:id', 'POST /api/v2/trigger_categories/jobs']);
    const categoryName = new Map(live('trigger_categories').map((c) => [c.id, c.name]));
    const byCategory = [...live('trigger_categories')].sort((a, b) => Number(a.position) - Number(b.position)).map((c) => ({
      [String(c.name)]: live('triggers').filter((t) => categoryName.get(t.category_id) === c.name).sort((a, b) => Number(a.position) - Number(b.position)).map((t) => t.title),
    }));
    expect(byCategory).toEqual([{ Routing: ['C', 'A'] }, { Notifications: ['B'] }]);
    expect(await planCode()).toBe(0);
  });

  it('adds, renames and removes field options without losing the ids of the others', async () => {
    const field = (options: string) => `title: Product\ntype: tagger\ncustom_field_options:\n${options}`;
    repo = tempRepo(minimalInstance({ 'ticket_fields/p.yaml': field('  - {name: Alpha, value: p_alpha}\n  - {name: Beta, value: p_beta}\n  - {name: Gamma, value: p_gamma}\n') }));
    expect((await apply()).code).toBe(0);
    const idOf = (value: string) => (live('ticket_fields').find((f) => f.title === 'Product')!.custom_field_options as ApiObject[]).find((o) => o.value === value)?.id;
    const alpha = idOf('p_alpha');
    const beta = idOf('p_beta');
    repo.write({ 'instances/t/ticket_fields/p.yaml': field('  - {name: Alpha renamed, value: p_alpha}\n  - {name: Beta, value: p_beta}\n  - {name: Delta, value: p_delta}\n') });

    expect((await apply()).code).toBe(0);

    const options = live('ticket_fields').find((f) => f.title === 'Product')!.custom_field_options as ApiObject[];
    expect(options.map((o) => [o.name, o.value])).toEqual([
      ['Alpha renamed', 'p_alpha'],
      ['Beta', 'p_beta'],
      ['Delta', 'p_delta'],
    ]);
    expect([idOf('p_alpha'), idOf('p_beta')]).toEqual([alpha, beta]);
    expect(await planCode()).toBe(0);
  });

  it("replaces a field whose type changes only with --allow-delete", async () => {
    repo = tempRepo(minimalInstance({ 'ticket_fields/v.yaml': 'title: Version\ntype: text\n' }));
    expect((await apply()).code).toBe(0);
    const oldId = live('ticket_fields').find((f) => f.title === 'Version')!.id;
    repo.write({ 'instances/t/ticket_fields/v.yaml': 'title: Version\ntype: integer\n' });

    const refused = await apply();
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('The plan deletes 1 object (ticket_fields/Version); nothing was changed. Run again with --allow-delete to let it.');
    sandbox.clearRequests();
    expect((await apply('--allow-delete')).code).toBe(0);

    expect(writes()).toEqual(['DELETE /api/v2/ticket_fields/:id', 'POST /api/v2/ticket_fields']);
    const now = live('ticket_fields').find((f) => f.title === 'Version')!;
    expect([now.type, now.id === oldId]).toEqual(['integer', false]);
  });

  it('replaces a field that a form and a trigger name: both are sent again with the new id, and plan is clean', async () => {
    const form = `name: Support
ticket_field_ids: ['Field: Kind', 'Field: Version']
agent_conditions:
  - parent_field_id: 'Field: Kind'
    value: kind_bug
    child_fields: [{id: 'Field: Version', is_required: false}]
`;
    repo = tempRepo(minimalInstance({
      'ticket_fields/k.yaml': 'title: Kind\ntype: tagger\ncustom_field_options:\n  - {name: Bug, value: kind_bug}\n',
      'ticket_fields/v.yaml': 'title: Version\ntype: text\n',
      'ticket_forms/s.yaml': form,
      'triggers/v.yaml': trigger('Versioned', '').replace('{field: status, operator: is, value: new}', "{field: 'Field: Version', operator: present}"),
    }));
    expect((await apply()).code).toBe(0);
    repo.write({ 'instances/t/ticket_fields/v.yaml': 'title: Version\ntype: integer\n' });
    sandbox.clearRequests();
    const replaced = await apply('--allow-delete');
    expect(replaced.code).toBe(0);
    expect(writes().sort()).toEqual(['DELETE /api/v2/ticket_fields/:id', 'POST /api/v2/ticket_fields', 'PUT /api/v2/ticket_forms/:id', 'PUT /api/v2/triggers/:id']);
    expect(replaced.stdout).toMatch(/^~ update ticket_forms\/Support {2}# changed: .*ticket_field_ids/m);
    const fields = new Map(live('ticket_fields').map((f) => [f.title, f.id]));
    const support = live('ticket_forms').find((f) => f.name === 'Support')!;
    expect([support.ticket_field_ids, (support.agent_conditions as ApiObject[])[0]!.child_fields]).toEqual([
      [fields.get('Kind'), fields.get('Version')],
      [{ id: fields.get('Version'), is_required: false }],
    ]);
    const versioned = live('triggers').find((t) => t.title === 'Versioned')!;
    expect((versioned.conditions as { all: ApiObject[] }).all).toEqual([{ field: `custom_fields_${String(fields.get('Version'))}`, operator: 'present' }]);
    expect(await planCode()).toBe(0);
  });

  it('--target applies one object and what it needs, nothing else', async () => {
    repo = tempRepo(
      minimalInstance({
        'ticket_fields/tier.yaml': 'title: Tier\ntype: tagger\ncustom_field_options:\n  - {name: Pro, value: tier_pro}\n',
        'macros/m.yaml': 'title: Unrelated\nactions:\n  - {field: status, value: solved}\n',
        'automations/a.yaml':
          'title: Nudge pro\nconditions:\n  all:\n    - {field: PENDING, operator: greater_than, value: "24"}\n    - {field: "Field: Tier", operator: is, value: tier_pro}\n    - {field: current_tags, operator: not_includes, value: nudged}\nactions:\n  - {field: current_tags, value: nudged}\n',
      }),
    );
    const result = await run(['apply', '--instance', 't', '--auto-approve', '--target', 'automations/Nudge pro']);
    expect(result.code).toBe(0);
    expect(live('automations').map((a) => a.title)).toEqual(['Nudge pro']);
    expect(live('ticket_fields').some((f) => f.title === 'Tier')).toBe(true);
    expect(live('macros')).toEqual([]);
  });

  it('refuses a --target that names no type before sending anything', async () => {
    repo = tempRepo(minimalInstance({ 'macros/m.yaml': 'title: M\nactions: []\n' }));
    sandbox.clearRequests();
    const result = await run(['plan', '--instance', 't', '--target', 'trigers/A']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'error: --target trigers/A: "trigers" is not a managed type [target]\n  did you mean "triggers/A"? write TYPE or TYPE/NAME, e.g. --target triggers or --target "triggers/Notify requester"\n--target: 1 error, nothing was changed\n',
    );
    expect(sandbox.requests).toEqual([]);
  });

  it('refuses a --target whose name is no file or live object, with a did-you-mean, and writes nothing', async () => {
    repo = tempRepo(minimalInstance({ 'macros/m.yaml': 'title: Route refund requests to Billing\nactions:\n  - {field: status, value: solved}\n' }));
    sandbox.clearRequests();
    for (const command of ['plan', 'apply']) {
      const result = await run([command, '--instance', 't', '--auto-approve', '--target', 'macros/Route refund requests to Biling'].filter((a) => command === 'apply' || a !== '--auto-approve'));
      expect(result.code).toBe(1);
      expect(result.stdout).not.toContain('No changes.');
      expect(result.stderr).toContain('error: --target macros/Route refund requests to Biling: no file or live object of macros has the title "Route refund requests to Biling" [target]\n  did you mean "macros/Route refund requests to Billing"?');
    }
    expect(sandbox.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    expect(live('macros')).toEqual([]);
  });

  it('asks on a terminal, and a plan that deletes needs the subdomain typed', async () => {
    sandbox.seed({ macros: [{ id: 5, title: 'Stray', active: true, position: 1, actions: [] }] });
    repo = tempRepo(minimalInstance({ 'macros/m.yaml': 'title: Kept\nactions:\n  - {field: status, value: solved}\n' }));
    repo.write({ 'instances/t/instance.yaml': 'subdomain: acme-test\nunmanaged: {macros: delete}\n' });

    const wrong = await run(['apply', '--instance', 't', '--allow-delete'], { tty: true, stdin: 'yes\n' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain(`This plan deletes 1 object from ${sandboxPlace(env, 'acme-test')}. Type the subdomain (acme-test) to apply: `);
    expect(wrong.stderr).toContain('Apply cancelled; nothing was changed.');
    expect(live('macros').map((m) => m.title)).toEqual(['Stray']);

    const noTerminal = await run(['apply', '--instance', 't', '--allow-delete']);
    expect(noTerminal.code).toBe(1);
    expect(noTerminal.stderr).toContain('not asking for confirmation: standard input is not a terminal. Run with --auto-approve to apply without asking (as CI does).');

    const right = await run(['apply', '--instance', 't', '--allow-delete'], { tty: true, stdin: 'acme-test\n' });
    expect(right.code).toBe(0);
    expect(live('macros').map((m) => m.title)).toEqual(['Kept']);

    expect((await run(['apply', '--instance', 't', '--allow-delete'])).stdout).toMatch(/^No changes\.$/m);
  });
});
