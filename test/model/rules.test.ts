import { afterEach, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/model/diagnostics.js';
import { SchemaSet } from '../../src/model/schemas.js';
import { validateInstance } from '../../src/model/validate.js';
import { minimalInstance, tempRepo, type TempRepo } from '../helpers/temp-repo.js';

const schemas = new SchemaSet();
let repo: TempRepo | undefined;
afterEach(() => repo?.remove());

function validate(files: Record<string, string>): Diagnostic[] {
  repo = tempRepo(minimalInstance(files));
  return validateInstance(repo.dir, 't', schemas).diagnostics;
}

const trigger = (title: string, extra = '') => `title: ${title}
${extra}conditions:
  all:
    - field: status
      operator: is
      value: new
actions:
  - field: status
    value: open
`;

const field = (title: string, body: string) => `title: ${title}\n${body}`;

describe('validation rules, one broken fixture each', () => {
  it('accepts a minimal valid instance', () => {
    expect(validate({ 'triggers/a.yaml': trigger('A') })).toEqual([]);
  });

  it('duplicate-identity: two files with one title', () => {
    expect(validate({ 'triggers/a.yaml': trigger('Same'), 'triggers/b.yaml': trigger('Same') })).toEqual([
      {
        severity: 'error',
        code: 'duplicate-identity',
        summary: '"Same" is already defined in instances/t/triggers/a.yaml',
        address: 'triggers/Same',
        source: { file: 'instances/t/triggers/b.yaml', line: 1, column: 1 },
        detail: 'give one of them another title, name or key',
      },
    ]);
  });

  it('previous-key-clash: a rename that names another current object', () => {
    expect(validate({ 'triggers/a.yaml': trigger('A'), 'triggers/b.yaml': trigger('B', 'previous_title: A\n') })).toEqual([
      {
        severity: 'error',
        code: 'previous-key-clash',
        summary: 'previous_title "A" is the current name of instances/t/triggers/a.yaml',
        address: 'triggers/B',
        source: { file: 'instances/t/triggers/b.yaml', line: 2, column: 17 },
        detail: 'a rename must name what the object was called before, not another object',
      },
    ]);
  });

  it('previous-key-clash: one old name claimed by two objects', () => {
    const diagnostics = validate({ 'triggers/a.yaml': trigger('A', 'previous_title: Old\n'), 'triggers/b.yaml': trigger('B', 'previous_title: [Old]\n') });
    expect(diagnostics).toEqual([
      {
        severity: 'error',
        code: 'previous-key-clash',
        summary: 'previous_title "Old" is also claimed by instances/t/triggers/a.yaml',
        address: 'triggers/B',
        source: { file: 'instances/t/triggers/b.yaml', line: 2, column: 17 },
        detail: 'only one object can be the renamed one',
      },
    ]);
  });

  it('unknown-reference: a condition on a field that has no file, with a suggestion', () => {
    const diagnostics = validate({
      'ticket_fields/tier.yaml': field('Customer tier', 'type: tagger\ncustom_field_options:\n  - {name: Pro, value: tier_pro}\n'),
      'triggers/a.yaml': `title: A
conditions:
  all:
    - field: "Field: Customer teir"
      operator: is
      value: tier_pro
actions:
  - {field: status, value: open}
`,
    });
    expect(diagnostics).toEqual([
      {
        severity: 'error',
        code: 'unknown-reference',
        summary: 'Field "Customer teir" is not defined in this instance',
        address: 'triggers/A',
        source: { file: 'instances/t/triggers/a.yaml', line: 4, column: 14 },
        detail: 'did you mean "Field: Customer tier"?',
      },
    ]);
  });

  it('unknown-reference: system fields (Subject, Priority …) need no file', () => {
    expect(
      validate({
        'ticket_fields/tier.yaml': field('Customer tier', 'type: text\n'),
        'ticket_forms/f.yaml': 'name: F\nticket_field_ids: ["Field: Subject", "Field: Description", "Field: Customer tier"]\n',
      }),
    ).toEqual([]);
  });

  it('unknown-option: a condition on a user drop-down field names an option value its file does not list', () => {
    const diagnostics = validate({
      'user_fields/tier.yaml': 'key: tier\ntype: dropdown\ntitle: Tier\ncustom_field_options:\n  - {name: Gold, value: tier_gold}\n  - {name: Silver, value: tier_silver}\n',
      'user_fields/nickname.yaml': 'key: nickname\ntype: text\ntitle: Nickname\n',
      'organization_fields/plan.yaml': 'key: plan\ntype: dropdown\ntitle: Plan\ncustom_field_options:\n  - {name: "123", value: "123"}\n',
      'triggers/a.yaml': `title: A
conditions:
  all:
    - {field: requester.custom_fields.tier, operator: is, value: tier_gold}
    - {field: requester.custom_fields.tier, operator: is_not, value: tier_gld}
    - {field: requester.custom_fields.nickname, operator: is, value: anything goes}
    - {field: organization.custom_fields.plan, operator: is, value: "123"}
    - {field: organization.custom_fields.plan, operator: is_not, value: "1900000066065"}
    - {field: requester.custom_fields.no_file, operator: is, value: checked by plan}
    - {field: requester.custom_fields.tier, operator: present}
actions:
  - {field: requester.custom_fields.tier, value: platinum}
`,
    });
    expect(diagnostics).toEqual([
      {
        severity: 'error',
        code: 'unknown-option',
        summary: 'user field "tier" has no option with value "tier_gld"',
        address: 'triggers/A',
        source: { file: 'instances/t/triggers/a.yaml', line: 5, column: 70 },
        detail: 'did you mean "tier_gold"?',
      },
      {
        severity: 'error',
        code: 'unknown-option',
        summary: 'user field "tier" has no option with value "platinum"',
        address: 'triggers/A',
        source: { file: 'instances/t/triggers/a.yaml', line: 12, column: 50 },
        detail: 'name one of its option values: tier_gold, tier_silver',
      },
    ]);
  });

  it('automation-time-condition and automation-self-nullifying', () => {
    const diagnostics = validate({
      'automations/a.yaml': `title: Nag
conditions:
  all:
    - {field: status, operator: is, value: pending}
actions:
  - {field: priority, value: high}
`,
    });
    expect(diagnostics).toEqual([
      {
        severity: 'error',
        code: 'automation-time-condition',
        summary: 'automation has no time-based condition in conditions.all',
        address: 'automations/Nag',
        source: { file: 'instances/t/automations/a.yaml', line: 3, column: 3 },
        detail: expect.stringMatching(/^add one such as \{field: PENDING, operator: greater_than, value: "24"\}; time fields: NEW, OPEN, PENDING/),
      },
      {
        severity: 'error',
        code: 'automation-self-nullifying',
        summary: 'automation does not nullify itself, so it would fire on the same tickets every hour',
        address: 'automations/Nag',
        source: { file: 'instances/t/automations/a.yaml', line: 6, column: 3 },
        detail: 'add an action that changes a condition (e.g. add a tag that a condition "current_tags not_includes" tests, or change the status), or use a time condition with operator "is"',
      },
    ]);
  });

  it('automation-self-nullifying: a tag the action adds and a condition excludes is enough', () => {
    expect(
      validate({
        'automations/a.yaml': `title: Remind
conditions:
  all:
    - {field: PENDING, operator: greater_than, value: "48"}
    - {field: current_tags, operator: not_includes, value: reminded}
actions:
  - {field: current_tags, value: reminded}
`,
      }),
    ).toEqual([]);
  });

  it('no-time-condition-in-any', () => {
    const diagnostics = validate({
      'automations/a.yaml': `title: Close
conditions:
  all:
    - {field: SOLVED, operator: greater_than, value: "96"}
    - {field: status, operator: is, value: solved}
  any:
    - {field: PENDING, operator: greater_than, value: "24"}
actions:
  - {field: status, value: closed}
`,
    });
    expect(diagnostics).toEqual([
      {
        severity: 'error',
        code: 'no-time-condition-in-any',
        summary: 'time-based condition "PENDING" is in conditions.any',
        address: 'automations/Close',
        source: { file: 'instances/t/automations/a.yaml', line: 7, column: 7 },
        detail: 'Zendesk only accepts time-based conditions in conditions.all; move it there',
      },
    ]);
  });

  it('view-all-condition', () => {
    expect(
      validate({
        'views/v.yaml': `title: Mine
conditions:
  all: []
  any:
    - {field: status, operator: is, value: open}
`,
      }),
    ).toEqual([
      {
        severity: 'error',
        code: 'view-all-condition',
        summary: 'view has no conditions.all entry on status, type, group_id, assignee_id or requester_id',
        address: 'views/Mine',
        source: { file: 'instances/t/views/v.yaml', line: 3, column: 3 },
        detail: 'Zendesk rejects such a view; add e.g. {field: status, operator: less_than, value: solved} to conditions.all',
      },
    ]);
  });

  it('unknown-reference in a ticket field placeholder, and unclosed-placeholder', () => {
    expect(
      validate({
        'ticket_fields/tier.yaml': 'title: Product tier\ntype: text\n',
        'macros/m.yaml': `title: Tier
actions:
  - field: comment_value
    value: |
      Tier: {{ticket.ticket_field[Product tier]}}
      Old: {{ticket.ticket_field_option_title[Product teir]}}
      Broken: {{ticket.ticket_field[Product tier}}
      See [the docs].
`,
      }),
    ).toEqual([
      {
        severity: 'error',
        code: 'unknown-reference',
        summary: 'Field "Product teir" (in the placeholder ticket.ticket_field_option_title[Product teir]) is not defined in this instance',
        address: 'macros/Tier',
        source: { file: 'instances/t/macros/m.yaml', line: 6, column: 14 },
        detail: 'did you mean "Field: Product tier"?',
      },
      {
        severity: 'warning',
        code: 'unclosed-placeholder',
        summary: '"ticket.ticket_field[Product tier}}" opens a field placeholder that has no closing ]',
        address: 'macros/Tier',
        source: { file: 'instances/t/macros/m.yaml', line: 7, column: 17 },
        detail: 'write the title in brackets, e.g. {{ticket.ticket_field[Product tier]}}; a ] or \\ inside the title is written \\] or \\\\',
      },
    ]);
  });

  it('view-column-limit', () => {
    const columns = ['subject', 'requester', 'created', 'updated', 'priority', 'status', 'group', 'assignee', 'type', 'satisfaction_score', 'organization'];
    expect(
      validate({
        'views/v.yaml': `title: Wide
conditions:
  all:
    - {field: status, operator: less_than, value: solved}
output:
  columns:
${columns.map((c) => `    - ${c}`).join('\n')}
`,
      }),
    ).toEqual([
      {
        severity: 'error',
        code: 'view-column-limit',
        summary: 'view has 11 columns; Zendesk allows 10',
        address: 'views/Wide',
        source: { file: 'instances/t/views/v.yaml', line: 17, column: 7 },
        detail: 'remove 1 of them',
      },
    ]);
  });

  it('unique-option-values', () => {
    expect(
      validate({
        'ticket_fields/p.yaml': field('Product', 'type: tagger\ncustom_field_options:\n  - {name: A, value: prod_a}\n  - {name: B, value: prod_a}\n'),
      }),
    ).toEqual([
      {
        severity: 'error',
        code: 'unique-option-values',
        summary: 'option value "prod_a" is used twice in this field (options 1 and 2)',
        address: 'ticket_fields/Product',
        source: { file: 'instances/t/ticket_fields/p.yaml', line: 5, column: 22 },
        detail: 'each option needs its own value (it is the tag Zendesk sets on the ticket)',
      },
    ]);
  });

  it('unique-field-tags: an option value that another field uses as its checkbox tag', () => {
    expect(
      validate({
        'ticket_fields/a.yaml': field('Escalated', 'type: checkbox\ntag: escalated\n'),
        'ticket_fields/b.yaml': field('Reason', 'type: tagger\ncustom_field_options:\n  - {name: Escalated, value: escalated}\n'),
      }),
    ).toEqual([
      {
        severity: 'error',
        code: 'unique-field-tags',
        summary: 'tag "escalated" is already used by ticket field "Escalated" (instances/t/ticket_fields/a.yaml)',
        address: 'ticket_fields/Reason',
        source: { file: 'instances/t/ticket_fields/b.yaml', line: 4, column: 30 },
        detail: 'Zendesk answers 422 when two ticket fields set the same tag; choose another value',
      },
    ]);
  });

  it('field-type-consistency: a drop-down without options and a text field with a tag', () => {
    const diagnostics = validate({
      'ticket_fields/a.yaml': field('Product', 'type: tagger\n'),
      'ticket_fields/b.yaml': field('Notes', 'type: text\ntag: notes\n'),
    });
    expect(diagnostics).toEqual([
      {
        severity: 'error',
        code: 'field-type-consistency',
        summary: 'a tagger field needs custom_field_options',
        address: 'ticket_fields/Product',
        source: { file: 'instances/t/ticket_fields/a.yaml', line: 2, column: 7 },
        detail: 'list at least one option: {name, value}',
      },
      {
        severity: 'error',
        code: 'field-type-consistency',
        summary: 'a text field cannot have a tag',
        address: 'ticket_fields/Notes',
        source: { file: 'instances/t/ticket_fields/b.yaml', line: 3, column: 6 },
        detail: 'only checkbox fields set a tag',
      },
    ]);
  });

  it('order-file: unknown, duplicate and missing names', () => {
    const diagnostics = validate({
      'macros/a.yaml': 'title: Alpha\nactions:\n  - {field: status, value: solved}\n',
      'macros/b.yaml': 'title: Beta\nactions:\n  - {field: status, value: solved}\n',
      'macros/c.yaml': 'title: Gamma\nactions:\n  - {field: status, value: solved}\n',
      'macros/_order.yaml': '- Alpha\n- Alpah2\n- Beta\n',
    });
    expect(diagnostics).toEqual([
      {
        severity: 'error',
        code: 'order-file',
        summary: '1 macros missing from instances/t/macros/_order.yaml: "Gamma"',
        source: { file: 'instances/t/macros/_order.yaml', line: 1, column: 1 },
        detail: 'when _order.yaml exists it must list every object of the type; add them where they belong',
      },
      {
        severity: 'error',
        code: 'order-file',
        summary: '"Alpah2" is not a macro of this instance',
        source: { file: 'instances/t/macros/_order.yaml', line: 2, column: 3 },
        detail: 'did you mean "Alpha"?',
      },
    ]);
  });

  it('order-file: triggers placed in a category other than their category_id', () => {
    const diagnostics = validate({
      'trigger_categories/n.yaml': 'name: Notifications\n',
      'trigger_categories/r.yaml': 'name: Routing\n',
      'triggers/a.yaml': trigger('A', 'category_id: "Category: Routing"\n'),
      'triggers/_order.yaml': '- Notifications: [A]\n- Routing: []\n',
    });
    expect(diagnostics).toEqual([
      {
        severity: 'error',
        code: 'order-file',
        summary: 'trigger is in category "Routing" but instances/t/triggers/_order.yaml lists it under "Notifications"',
        address: 'triggers/A',
        source: { file: 'instances/t/triggers/a.yaml', line: 2, column: 14 },
        detail: 'keep one: remove category_id from the trigger file (the order file then decides) or move the title in _order.yaml',
      },
    ]);
  });

  it('trigger-category: categories exist but a trigger belongs to none', () => {
    expect(validate({ 'trigger_categories/n.yaml': 'name: Notifications\n', 'triggers/a.yaml': trigger('A') })).toEqual([
      {
        severity: 'error',
        code: 'trigger-category',
        summary: 'trigger has no category',
        address: 'triggers/A',
        source: { file: 'instances/t/triggers/a.yaml', line: 1, column: 1 },
        detail: 'list it under its category in triggers/_order.yaml, or add category_id: "Category: <name>"',
      },
    ]);
  });

  it('conditional-fields-on-form: a child field that the form does not list', () => {
    const fields = {
      'ticket_fields/problem.yaml': field('Problem type', 'type: tagger\ncustom_field_options:\n  - {name: Billing, value: problem_billing}\n'),
      'ticket_fields/invoice.yaml': field('Invoice number', 'type: text\n'),
    };
    const form = (listed: string) => `name: Billing
ticket_field_ids:
  - 'Field: Problem type'
${listed}agent_conditions:
  - parent_field_id: 'Field: Problem type'
    value: problem_billing
    child_fields:
      - id: 'Field: Invoice number'
        is_required: false
`;
    expect(validate({ ...fields, 'ticket_forms/billing.yaml': form("  - 'Field: Invoice number'\n") })).toEqual([]);
    expect(validate({ ...fields, 'ticket_forms/billing.yaml': form('') })).toEqual([
      {
        severity: 'error',
        code: 'conditional-fields-on-form',
        summary: `conditional child field "Field: Invoice number" is not in this form's ticket_field_ids`,
        address: 'ticket_forms/Billing',
        source: { file: 'instances/t/ticket_forms/billing.yaml', line: 8, column: 13 },
        detail: 'Zendesk refuses a form whose agent_conditions entry on "Field: Problem type" shows a field the form does not have; add "Field: Invoice number" to ticket_field_ids, or remove it from child_fields',
      },
    ]);
  });

  it('instance-config: a secret written in instance.yaml, and http to a remote host', () => {
    repo = tempRepo({ 'instances/t/instance.yaml': 'subdomain: test\nurl: http://acme.example.com\nauth:\n  token_env: "abcd1234/secret+token=="\n' });
    expect(validateInstance(repo.dir, 't', schemas).diagnostics).toEqual([
      {
        severity: 'error',
        code: 'instance-config',
        summary: 'url uses plain http:// to acme.example.com',
        source: { file: 'instances/t/instance.yaml', line: 2, column: 6 },
        detail: 'the API token would cross the network unencrypted; use https:// (http:// is allowed only to loopback addresses such as a local sandbox)',
      },
      {
        severity: 'error',
        code: 'instance-config',
        summary: 'auth.token_env must be the name of an environment variable, not a secret',
        source: { file: 'instances/t/instance.yaml', line: 4, column: 14 },
        detail: 'remove the value from the file (and rotate it if it was a real credential: it may be in git history), then write e.g. token_env: ZENDESK_API_TOKEN and set that variable',
      },
    ]);
  });
});
