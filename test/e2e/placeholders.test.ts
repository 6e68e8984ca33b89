import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import { tempRepo, type TempRepo } from '../helpers/temp-repo.js';
import { sandboxFor, withoutLock, zdctl } from '../helpers/zdctl.js';

// Texts name ticket fields by title (`ticket.ticket_field[Title]`); Zendesk holds their ids
// (`{{ticket.ticket_field_<id>}}`). Apply and restore write the ids of the account they write to.
const FIELD = 'title: Product tier\ntype: tagger\ncustom_field_options:\n  - {name: Gold, value: tier_gold}\n  - {name: Silver, value: tier_silver}\n';
const MACRO_COMMENT = 'Your tier: {{ticket.ticket_field_option_title[Product tier]}} ({{ticket.ticket_field[Product tier]}}).';
const MACRO = `title: Tier reply\nactions:\n  - field: comment_value\n    value: "${MACRO_COMMENT}"\n  - {field: status, value: pending}\n`;
const BODY = '{% if ticket.ticket_field[Product tier] == "tier_gold" %}Gold{% endif %} {{ticket.ticket_field_option_title[Product tier]}}';
const TRIGGER = `title: Tell the requester their tier
category_id: "Category: General"
conditions:
  all:
    - {field: update_type, operator: is, value: Create}
  any: []
actions:
  - field: notification_user
    value:
      - requester_id
      - "Tier {{ticket.ticket_field[Product tier]}}"
      - '${BODY}'
`;
const FILES = {
  'instances/src/instance.yaml': 'subdomain: acme\n',
  'instances/src/ticket_fields/product-tier.yaml': FIELD,
  'instances/src/trigger_categories/general.yaml': 'name: General\n',
  'instances/src/macros/tier-reply.yaml': MACRO,
  'instances/src/triggers/tier.yaml': TRIGGER,
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

type Action = { field: string; value: unknown };
/** The texts a sandbox holds, and the id of its Product tier field. */
function held(sandbox: Sandbox) {
  const state = sandbox.dump();
  const fieldId = state.ticket_fields!.find((f) => f.title === 'Product tier')!.id as number;
  const macro = state.macros!.find((m) => m.title === 'Tier reply')!;
  const trigger = state.triggers!.find((t) => t.title === 'Tell the requester their tier')!;
  return { fieldId, comment: (macro.actions as Action[])[0]!.value, notification: (trigger.actions as Action[])[0]!.value };
}
const withIds = (text: string, id: number) => text.replace(/\[Product tier\]/g, `_${id}`);

describe('ticket field placeholders in texts, by title', () => {
  it('validates; the plan makes the macro and the trigger wait for the field they name', async () => {
    expect((await inSource('validate', '--instance', 'src')).code).toBe(0);
    const planned = JSON.parse((await inSource('plan', '--instance', 'src', '--json')).stdout) as { changes: { address: string; depends_on: string[] }[] };
    const dependsOn = (address: string) => planned.changes.find((c) => c.address === address)!.depends_on;
    expect(dependsOn('macros/Tier reply')).toContain('create ticket_fields/Product tier');
    expect(dependsOn('triggers/Tell the requester their tier')).toContain('create ticket_fields/Product tier');
  });

  it("apply writes the field's id into the texts, and the plan after it is No changes.", async () => {
    const applied = await inSource('apply', '--instance', 'src', '--auto-approve');
    expect(applied.stdout).toMatch(/^Apply complete: 4 applied, 0 failed, 0 skipped\.$/m);
    expect(applied.code).toBe(0);
    const { fieldId, comment, notification } = held(source.sandbox);
    expect(comment).toBe(`Your tier: {{ticket.ticket_field_option_title_${fieldId}}} ({{ticket.ticket_field_${fieldId}}}).`);
    expect(notification).toEqual(['requester_id', `Tier {{ticket.ticket_field_${fieldId}}}`, withIds(BODY, fieldId)]);
    const posts = withoutLock(source.sandbox.requests).filter((r) => r.method === 'POST').map((r) => r.path);
    expect(posts.indexOf('/api/v2/ticket_fields')).toBeLessThan(posts.indexOf('/api/v2/macros'));
    const planned = await inSource('plan', '--instance', 'src', '--detailed-exitcode');
    expect(planned.stdout).toMatch(/^No changes\.$/m);
    expect(planned.code).toBe(0);
  });

  it('import writes the titles back, exactly as the files had them, and that tree plans No changes.', async () => {
    const imported = await inSource('import', '--instance', 'imported');
    expect(imported.code, imported.stderr).toBe(0);
    const macro = readFileSync(path.join(repo.dir, 'instances/imported/macros/tier-reply.yaml'), 'utf8');
    expect(macro).toContain(MACRO_COMMENT);
    expect(macro).not.toMatch(/ticket_field(_option_title)?_\d/);
    const trigger = readFileSync(path.join(repo.dir, 'instances/imported/triggers/tell-the-requester-their-tier.yaml'), 'utf8');
    expect(trigger).toContain(BODY);
    expect((await inSource('validate', '--instance', 'imported')).code).toBe(0);
    const planned = await inSource('plan', '--instance', 'imported', '--detailed-exitcode');
    expect(planned.stdout).toMatch(/^No changes\.$/m);
    expect(planned.code).toBe(0);
  });

  it("export, then restore into a new account, points every placeholder at that account's field", async () => {
    expect((await inSource('export', '--instance', 'src', '--out', 'snap')).code).toBe(0);
    const restored = await inEmpty('restore', 'snap', '--instance', 'rebuilt', '--auto-approve');
    expect(restored.stdout).toMatch(/^Apply complete: \d+ applied, 0 failed, 0 skipped\.$/m);
    expect(restored.code).toBe(0);
    const before = held(source.sandbox);
    const after = held(empty.sandbox);
    expect(after.fieldId).not.toBe(before.fieldId);
    expect(after.comment).toBe(`Your tier: {{ticket.ticket_field_option_title_${after.fieldId}}} ({{ticket.ticket_field_${after.fieldId}}}).`);
    expect(after.notification).toEqual(['requester_id', `Tier {{ticket.ticket_field_${after.fieldId}}}`, withIds(BODY, after.fieldId)]);
    expect((await inEmpty('plan', '--instance', 'src', '--detailed-exitcode')).stdout).toMatch(/^No changes\.$/m);
  });
});

describe('a renamed field', () => {
  it('is one update of the field: the texts that name it by its new title are unchanged', async () => {
    const rename = (text: string) => text.replace(/\[Product tier\]/g, '[Customer tier]');
    repo.write({
      'instances/src/ticket_fields/product-tier.yaml': FIELD.replace('title: Product tier', 'title: Customer tier\nprevious_title: Product tier'),
      'instances/src/macros/tier-reply.yaml': rename(MACRO),
      'instances/src/triggers/tier.yaml': rename(TRIGGER),
    });
    const before = held(source.sandbox);
    source.sandbox.clearRequests();
    const applied = await inSource('apply', '--instance', 'src', '--auto-approve');
    expect(applied.stdout).toMatch(/^Plan: 0 to create, 1 to update, 0 to delete, 0 to reorder\.$/m);
    expect(applied.code).toBe(0);
    expect(withoutLock(source.sandbox.requests).filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`)).toEqual([`PUT /api/v2/ticket_fields/${before.fieldId}`]);
    expect((await inSource('plan', '--instance', 'src', '--detailed-exitcode')).code).toBe(0);
  });
});

describe('a replaced field (its type changes)', () => {
  it("is created anew, and the texts that name it are updated to the new field's id in the same apply", async () => {
    repo.write({ 'instances/src/ticket_fields/product-tier.yaml': FIELD.replace('title: Product tier', 'title: Customer tier').replace('type: tagger', 'type: multiselect') });
    const old = source.sandbox.dump().ticket_fields!.find((f) => f.title === 'Customer tier')!.id;
    const applied = await inSource('apply', '--instance', 'src', '--auto-approve', '--allow-delete');
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    const state = source.sandbox.dump();
    const fresh = state.ticket_fields!.find((f) => f.title === 'Customer tier')!.id as number;
    expect(fresh).not.toBe(old);
    const macro = state.macros!.find((m) => m.title === 'Tier reply')!;
    expect((macro.actions as Action[])[0]!.value).toBe(`Your tier: {{ticket.ticket_field_option_title_${fresh}}} ({{ticket.ticket_field_${fresh}}}).`);
    const trigger = state.triggers!.find((t) => t.title === 'Tell the requester their tier')!;
    expect(JSON.stringify(trigger.actions)).not.toContain(String(old));
    expect((await inSource('plan', '--instance', 'src', '--detailed-exitcode')).code).toBe(0);
  });
});

describe('a placeholder naming a field that does not exist', () => {
  it('is a validate error with file:line, and nothing is sent', async () => {
    const bad = tempRepo({
      'instances/t/instance.yaml': 'subdomain: test\n',
      'instances/t/ticket_fields/product-tier.yaml': FIELD,
      'instances/t/macros/tier-reply.yaml': MACRO.replace('ticket_field[Product tier]', 'ticket_field[Product teir]'),
    });
    try {
      const validated = await zdctl(['validate', '--instance', 't'], { cwd: bad.dir, env: {} });
      expect(validated.code).toBe(1);
      expect(validated.stdout + validated.stderr).toContain(
        'instances/t/macros/tier-reply.yaml:4:12: error: Field "Product teir" (in the placeholder ticket.ticket_field[Product teir]) is not defined in this instance (macros/Tier reply) [unknown-reference]',
      );
      expect(validated.stdout + validated.stderr).toContain('did you mean "Field: Product tier"?');
    } finally {
      bad.remove();
    }
  });

  it('in a literal block, points at the line and column of the placeholder itself', async () => {
    const bad = tempRepo({
      'instances/t/instance.yaml': 'subdomain: test\n',
      'instances/t/ticket_fields/product-tier.yaml': FIELD,
      'instances/t/macros/tier-reply.yaml': 'title: Tier reply\nactions:\n  - field: comment_value\n    value: |\n      Hello,\n      your tier is {{ticket.ticket_field[Product teir]}}.\n',
    });
    try {
      const validated = await zdctl(['validate', '--instance', 't'], { cwd: bad.dir, env: {} });
      expect(validated.code).toBe(1);
      expect(validated.stdout + validated.stderr).toContain('instances/t/macros/tier-reply.yaml:6:22: error: Field "Product teir" (in the placeholder ticket.ticket_field[Product teir]) is not defined');
    } finally {
      bad.remove();
    }
  });

  it('stops apply before any request that writes', async () => {
    const live = await sandboxFor();
    const bad = tempRepo({ 'instances/t/instance.yaml': 'subdomain: test\n', 'instances/t/macros/tier-reply.yaml': MACRO });
    try {
      const planned = await zdctl(['apply', '--instance', 't', '--auto-approve'], { cwd: bad.dir, env: live.env });
      expect(planned.code).toBe(1);
      expect(planned.stderr).toContain('instances/t/macros/tier-reply.yaml:4:12: error: Field "Product tier" (in the placeholder ticket.ticket_field_option_title[Product tier]) is not defined in this instance (macros/Tier reply) [unknown-reference]');
      expect(planned.stderr).toContain('instances/t: 2 errors, nothing was changed');
      expect(live.sandbox.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    } finally {
      bad.remove();
      await live.sandbox.stop();
    }
  });

  it('an id no field has is imported as it is, with a note, and plans No changes.', async () => {
    const live = await sandboxFor();
    const repoDangling = tempRepo({ 'instances/t/instance.yaml': 'subdomain: test\n' });
    try {
      live.sandbox.seed({ macros: [{ id: 77, title: 'Old reply', active: true, position: 1, actions: [{ field: 'comment_value', value: 'Was {{ticket.ticket_field_123456}}' }] }] });
      const imported = await zdctl(['import', '--instance', 't'], { cwd: repoDangling.dir, env: live.env });
      expect(imported.code, imported.stderr).toBe(0);
      expect(imported.stdout + imported.stderr).toContain('actions.0.value: no field with id 123456 exists; the raw id is kept');
      expect(readFileSync(path.join(repoDangling.dir, 'instances/t/macros/old-reply.yaml'), 'utf8')).toContain('Was {{ticket.ticket_field_123456}}');
      expect((await zdctl(['validate', '--instance', 't'], { cwd: repoDangling.dir, env: {} })).code).toBe(0);
      expect((await zdctl(['plan', '--instance', 't'], { cwd: repoDangling.dir, env: live.env })).stdout).toMatch(/^No changes\.$/m);
    } finally {
      repoDangling.remove();
      await live.sandbox.stop();
    }
  });
});
