import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Sandbox } from '../../src/sandbox/index.js';
import { tempRepo, type TempRepo } from '../helpers/temp-repo.js';
import { sandboxFor, zdctl } from '../helpers/zdctl.js';

// Zendesk holds, in a rule on a user or organization drop-down field, the option's id (salto
// triggers/definitions: `requester.custom_fields.dropdown_25` lists option ids); files hold its value.
const TRIGGER = `title: Gold requesters
category_id: "Category: Routing"
conditions:
  all:
    - {field: requester.custom_fields.tier, operator: is, value: tier_gold}
    - {field: organization.custom_fields.plan, operator: is, value: "123"}
    - {field: requester.custom_fields.nickname, operator: is, value: tier_gold}
  any: []
actions:
  - {field: requester.custom_fields.tier, value: tier_silver}
  - {field: priority, value: high}
`;
const FILES = {
  'instances/src/instance.yaml': 'subdomain: acme\n',
  'instances/src/user_fields/tier.yaml': 'key: tier\ntype: dropdown\ntitle: Tier\ncustom_field_options:\n  - {name: Gold, value: tier_gold}\n  - {name: Silver, value: tier_silver}\n',
  'instances/src/user_fields/nickname.yaml': 'key: nickname\ntype: text\ntitle: Nickname\n',
  'instances/src/organization_fields/plan.yaml': 'key: plan\ntype: dropdown\ntitle: Plan\ncustom_field_options:\n  - {name: Pro, value: plan_pro}\n  - {name: "123", value: "123"}\n',
  'instances/src/trigger_categories/routing.yaml': 'name: Routing\n',
  'instances/src/triggers/gold.yaml': TRIGGER,
  'instances/imported/instance.yaml': 'subdomain: acme\n',
  'instances/rebuilt/instance.yaml': 'subdomain: acme-dr\n',
};

let source: { sandbox: Sandbox; env: NodeJS.ProcessEnv };
let empty: { sandbox: Sandbox; env: NodeJS.ProcessEnv };
let repo: TempRepo;

beforeAll(async () => {
  source = await sandboxFor();
  empty = await sandboxFor();
  // The empty account hands out other ids than the source did, so a restore must remap them.
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

type Rule = { field: string; value: unknown };
/** What a sandbox holds: the trigger's rule values, and each drop-down option's id by value. */
function held(sandbox: Sandbox) {
  const state = sandbox.dump();
  const optionId = (type: string, key: string, value: string) => {
    const field = state[type]!.find((f) => f.key === key)!;
    return (field.custom_field_options as { id: number; value: string }[]).find((o) => o.value === value)!.id;
  };
  const trigger = state.triggers!.find((t) => t.title === 'Gold requesters')!;
  const values = (rules: Rule[]) => rules.map((rule) => String(rule.value));
  return { optionId, conditions: values((trigger.conditions as { all: Rule[] }).all), actions: values(trigger.actions as Rule[]) };
}

function importedTrigger(): unknown {
  const dir = path.join(repo.dir, 'instances/imported/triggers');
  const file = readdirSync(dir, { recursive: true, encoding: 'utf8' }).find((name) => name.endsWith('gold-requesters.yaml'))!;
  return parse(readFileSync(path.join(dir, file), 'utf8'));
}

describe('a rule on a user or organization drop-down field, by option value', () => {
  it('validates, and apply sends the option ids; a text field keeps its literal value', async () => {
    expect((await inSource('validate', '--instance', 'src')).code).toBe(0);
    const applied = await inSource('apply', '--instance', 'src', '--auto-approve');
    expect(applied.stdout).toMatch(/^Apply complete: 5 applied, 0 failed, 0 skipped\.$/m);
    expect(applied.code).toBe(0);
    const { optionId, conditions, actions } = held(source.sandbox);
    expect(conditions).toEqual([String(optionId('user_fields', 'tier', 'tier_gold')), String(optionId('organization_fields', 'plan', '123')), 'tier_gold']);
    expect(actions).toEqual([String(optionId('user_fields', 'tier', 'tier_silver')), 'high']);
  });

  it('plans No changes. right after', async () => {
    const planned = await inSource('plan', '--instance', 'src', '--detailed-exitcode');
    expect(planned.stdout).toMatch(/^No changes\.$/m);
    expect(planned.code).toBe(0);
  });

  it('import writes the option values back, and a plan of the imported tree has no changes', async () => {
    expect((await inSource('import', '--instance', 'imported')).code).toBe(0);
    expect(importedTrigger()).toMatchObject({ conditions: parse(TRIGGER).conditions, actions: parse(TRIGGER).actions });
    const planned = await inSource('plan', '--instance', 'imported', '--detailed-exitcode');
    expect(planned.stdout).toMatch(/^No changes\.$/m);
    expect(planned.code).toBe(0);
  });

  it("export, then restore into an empty instance, puts that instance's option ids", async () => {
    expect((await inSource('export', '--instance', 'src', '--out', 'snap')).code).toBe(0);
    const restored = await inEmpty('restore', 'snap', '--instance', 'rebuilt', '--auto-approve');
    expect(restored.stdout).toMatch(/^Apply complete: \d+ applied, 0 failed, 0 skipped\.$/m);
    expect(restored.code).toBe(0);
    const before = held(source.sandbox);
    const after = held(empty.sandbox);
    const tierGold = after.optionId('user_fields', 'tier', 'tier_gold');
    expect(tierGold).not.toBe(before.optionId('user_fields', 'tier', 'tier_gold'));
    expect(after.conditions).toEqual([String(tierGold), String(after.optionId('organization_fields', 'plan', '123')), 'tier_gold']);
    expect(after.actions).toEqual([String(after.optionId('user_fields', 'tier', 'tier_silver')), 'high']);
    const planned = await inEmpty('plan', '--instance', 'src', '--detailed-exitcode');
    expect(planned.stdout).toMatch(/^No changes\.$/m);
  });

  it('a new option and the trigger that names it, in one apply: the field is updated first', async () => {
    repo.write({
      'instances/src/user_fields/tier.yaml': `${FILES['instances/src/user_fields/tier.yaml']}  - {name: Platinum, value: tier_platinum}\n`,
      'instances/src/triggers/gold.yaml': TRIGGER.replace('value: tier_gold}', 'value: tier_platinum}'),
    });
    const applied = await inSource('apply', '--instance', 'src', '--auto-approve');
    expect(applied.stdout).toMatch(/^Apply complete: 2 applied, 0 failed, 0 skipped\.$/m);
    const { optionId, conditions } = held(source.sandbox);
    expect(conditions[0]).toBe(String(optionId('user_fields', 'tier', 'tier_platinum')));
    expect((await inSource('plan', '--instance', 'src', '--detailed-exitcode')).code).toBe(0);
  });
});
