// Per schema: one valid file, then that file broken in one place. Each broken
// file must be rejected with the exact ajv keyword at the exact instancePath,
// and with no error outside the place that was broken.
import { describe, expect, it } from 'vitest';
import { brief, loadAjv, validatorFor, type JsonObject, type Json } from './helpers.js';

const ajv = loadAjv();

interface Case {
  name: string;
  change: (o: any) => void;
  keyword: string;
  instancePath: string;
  /** every error must lie at or under this path (default: instancePath) */
  within?: string;
  params?: Record<string, unknown>;
}

const clone = <T>(v: T): T => structuredClone(v);

function check(schemaFile: string, valid: Json, cases: Case[]): void {
  describe(schemaFile, () => {
    const validate = validatorFor(ajv, schemaFile);
    it('accepts the base example', () => {
      expect(validate(valid), JSON.stringify(validate.errors)).toBe(true);
    });
    it.each(cases.map((c) => [c.name, c] as const))('rejects %s', (_name, c) => {
      const o = clone(valid);
      c.change(o);
      expect(validate(o)).toBe(false);
      const errors = validate.errors ?? [];
      expect(brief(errors)).toContainEqual({ keyword: c.keyword, instancePath: c.instancePath });
      if (c.params) {
        expect(errors.find((e) => e.keyword === c.keyword && e.instancePath === c.instancePath)?.params).toMatchObject(c.params);
      }
      const within = c.within ?? c.instancePath;
      for (const e of errors) {
        expect(e.instancePath === within || e.instancePath.startsWith(`${within}/`), `${e.keyword} at ${e.instancePath}`).toBe(true);
      }
    });
  });
}

const readOnly = (key: string, value: Json): Case => ({
  name: `read-only ${key}`,
  change: (o) => {
    o[key] = value;
  },
  keyword: 'additionalProperties',
  instancePath: '',
  params: { additionalProperty: key },
});
const unknownKey: Case = {
  name: 'an unknown top-level key',
  change: (o) => {
    o.colour = 'blue';
  },
  keyword: 'additionalProperties',
  instancePath: '',
  params: { additionalProperty: 'colour' },
};

// ---------------------------------------------------------------- ticket_field
check(
  'ticket_field.schema.json',
  {
    title: 'Product',
    type: 'tagger',
    description: { file: 'content/fields/product.md' },
    active: true,
    required: true,
    visible_in_portal: true,
    custom_field_options: [
      { name: 'Acme Cloud', value: 'product_cloud', default: true },
      { name: 'Acme Edge', value: 'product_edge' },
    ],
  },
  [
    unknownKey,
    readOnly('id', 360001),
    readOnly('position', 3),
    readOnly('raw_title', 'Product'),
    readOnly('removable', true),
    { name: 'a string where a boolean belongs', change: (o) => { o.active = 'yes'; }, keyword: 'type', instancePath: '/active' },
    { name: 'a type Zendesk does not have for ticket fields', change: (o) => { o.type = 'dropdown'; }, keyword: 'enum', instancePath: '/type' },
    { name: 'a missing title', change: (o) => { delete o.title; }, keyword: 'required', instancePath: '', params: { missingProperty: 'title' } },
    { name: 'an empty title', change: (o) => { o.title = ''; }, keyword: 'minLength', instancePath: '/title' },
    { name: 'an option with its read-only id', change: (o) => { o.custom_field_options[0].id = 1; }, keyword: 'additionalProperties', instancePath: '/custom_field_options/0' },
    { name: 'an option value with a space', change: (o) => { o.custom_field_options[1].value = 'acme edge'; }, keyword: 'pattern', instancePath: '/custom_field_options/1/value' },
    { name: 'an option without value', change: (o) => { delete o.custom_field_options[1].value; }, keyword: 'required', instancePath: '/custom_field_options/1' },
    { name: '{file:} with an extra key', change: (o) => { o.description = { file: 'content/fields/product.md', encoding: 'utf8' }; }, keyword: 'anyOf', instancePath: '/description' },
    { name: '{file:} outside content/', change: (o) => { o.description = { file: 'fields/product.md' }; }, keyword: 'pattern', instancePath: '/description/file', within: '/description' },
    { name: '{file:} escaping with ..', change: (o) => { o.description = { file: 'content/../../secrets.txt' }; }, keyword: 'pattern', instancePath: '/description/file', within: '/description' },
    { name: 'a numeric title', change: (o) => { o.title = 42; }, keyword: 'type', instancePath: '/title' },
  ],
);

// ---------------------------------------------------------------- user_field / organization_field
check(
  'user_field.schema.json',
  { key: 'support_region', type: 'dropdown', title: 'Support region', custom_field_options: [{ name: 'Americas', value: 'region_amer' }] },
  [
    unknownKey,
    readOnly('id', 7),
    readOnly('system', false),
    readOnly('raw_description', ''),
    { name: 'a key with a dash', change: (o) => { o.key = 'support-region'; }, keyword: 'pattern', instancePath: '/key' },
    { name: 'a key of digits only', change: (o) => { o.key = '123'; }, keyword: 'pattern', instancePath: '/key' },
    { name: 'a ticket-field type', change: (o) => { o.type = 'tagger'; }, keyword: 'enum', instancePath: '/type' },
    { name: 'a missing key', change: (o) => { delete o.key; }, keyword: 'required', instancePath: '', params: { missingProperty: 'key' } },
    { name: 'a previous_title (keys cannot be renamed; titles are not the identity)', change: (o) => { o.previous_title = 'Region'; }, keyword: 'additionalProperties', instancePath: '' },
  ],
);
check(
  'organization_field.schema.json',
  { key: 'account_tier', type: 'dropdown', title: 'Account tier', custom_field_options: [{ name: 'Enterprise', value: 'tier_enterprise' }] },
  [
    unknownKey,
    readOnly('url', 'https://acme.zendesk.com/api/v2/organization_fields/1.json'),
    readOnly('created_at', '2024-01-01T00:00:00Z'),
    { name: 'a relationship target that is not a Zendesk type', change: (o) => { o.relationship_target_type = 'user'; }, keyword: 'pattern', instancePath: '/relationship_target_type' },
    { name: 'active as a number', change: (o) => { o.active = 1; }, keyword: 'type', instancePath: '/active' },
  ],
);

// ---------------------------------------------------------------- ticket_form
check(
  'ticket_form.schema.json',
  {
    name: 'Bug report',
    display_name: 'Report a bug',
    end_user_visible: true,
    in_all_brands: false,
    restricted_brand_ids: ['Brand: Acme', 360000001],
    ticket_field_ids: ['Field: Subject', 'Field: Description', 'Field: Product'],
    agent_conditions: [
      {
        parent_field_id: 'Field: Product',
        value: 'product_cloud',
        child_fields: [{ id: 'Field: Affected version', is_required: true, required_on_statuses: { type: 'SOME_STATUSES', statuses: ['solved'] } }],
      },
    ],
    end_user_conditions: [{ parent_field_id: 'Field: Customer impact', value: true, child_fields: [{ id: 'Field: Severity', is_required: false }] }],
  },
  [
    unknownKey,
    readOnly('id', 47),
    readOnly('position', 2),
    readOnly('raw_name', 'Bug report'),
    { name: 'a field referenced by bare title', change: (o) => { o.ticket_field_ids[2] = 'Product'; }, keyword: 'anyOf', instancePath: '/ticket_field_ids/2' },
    { name: 'a field reference with the wrong prefix', change: (o) => { o.ticket_field_ids[2] = 'field: Product'; }, keyword: 'anyOf', instancePath: '/ticket_field_ids/2' },
    { name: 'a brand by bare name', change: (o) => { o.restricted_brand_ids[0] = 'Acme'; }, keyword: 'anyOf', instancePath: '/restricted_brand_ids/0' },
    { name: 'a duplicate field', change: (o) => { o.ticket_field_ids.push('Field: Product'); }, keyword: 'uniqueItems', instancePath: '/ticket_field_ids' },
    { name: 'an unknown required_on_statuses type', change: (o) => { o.agent_conditions[0].child_fields[0].required_on_statuses.type = 'SOME'; }, keyword: 'enum', instancePath: '/agent_conditions/0/child_fields/0/required_on_statuses/type' },
    { name: 'a closed status in required_on_statuses', change: (o) => { o.agent_conditions[0].child_fields[0].required_on_statuses.statuses = ['closed']; }, keyword: 'enum', instancePath: '/agent_conditions/0/child_fields/0/required_on_statuses/statuses/0' },
    { name: 'a condition without child fields', change: (o) => { delete o.end_user_conditions[0].child_fields; }, keyword: 'required', instancePath: '/end_user_conditions/0' },
    { name: 'a child field with an extra key', change: (o) => { o.end_user_conditions[0].child_fields[0].position = 1; }, keyword: 'additionalProperties', instancePath: '/end_user_conditions/0/child_fields/0' },
  ],
);

// ---------------------------------------------------------------- trigger_category
check('trigger_category.schema.json', { name: 'Routing', previous_name: ['Assignment'] }, [
  unknownKey,
  readOnly('id', '10026'),
  readOnly('position', 1),
  { name: 'a missing name', change: (o) => { delete o.name; }, keyword: 'required', instancePath: '' },
  { name: 'an empty previous_name list', change: (o) => { o.previous_name = []; }, keyword: 'anyOf', instancePath: '/previous_name' },
]);

// ---------------------------------------------------------------- trigger
const trigger: JsonObject = {
  title: 'Route Enterprise tickets to Tier 2',
  description: 'Enterprise customers skip Tier 1.',
  active: true,
  category_id: 'Category: Routing',
  conditions: {
    all: [
      { field: 'update_type', operator: 'is', value: 'Create' },
      { field: 'Field: Product tier', operator: 'is', value: 'tier_enterprise' },
      { field: 'group_id', operator: 'is', value: '' },
    ],
    any: [],
  },
  actions: [
    { field: 'group_id', value: 'Group: Tier 2 Support' },
    { field: 'notification_webhook', value: ['Webhook: Slack escalations', { file: 'content/webhooks/slack.json' }] },
    { field: 'notification_user', value: ['requester_and_ccs', 'Re: {{ticket.title}}', { file: 'content/emails/ack.md' }] },
    { field: 'priority', value: 'high' },
  ],
};
check('trigger.schema.json', trigger, [
  unknownKey,
  readOnly('id', 25),
  readOnly('position', 8),
  readOnly('raw_title', 'x'),
  readOnly('default', false),
  { name: 'a category by bare name', change: (o) => { o.category_id = 'Routing'; }, keyword: 'anyOf', instancePath: '/category_id' },
  // An unknown snake_case operator is accepted (Zendesk adds operators; rule unknown-operator warns); one that is no such word is not.
  { name: 'an operator that is no snake_case word', change: (o) => { o.conditions.all[0].operator = 'is not'; }, keyword: 'pattern', instancePath: '/conditions/all/0/operator' },
  { name: 'a condition with an extra key', change: (o) => { o.conditions.all[0].negate = true; }, keyword: 'additionalProperties', instancePath: '/conditions/all/0' },
  { name: 'a condition without operator', change: (o) => { delete o.conditions.all[0].operator; }, keyword: 'required', instancePath: '/conditions/all/0' },
  { name: 'a conditions key other than all/any', change: (o) => { o.conditions.none = []; }, keyword: 'additionalProperties', instancePath: '/conditions' },
  { name: 'a malformed field reference', change: (o) => { o.conditions.all[1].field = 'Feld: Product tier'; }, keyword: 'pattern', instancePath: '/conditions/all/1/field' },
  { name: 'a group by bare name in an action', change: (o) => { o.actions[0].value = 'Tier 2 Support'; }, keyword: 'anyOf', instancePath: '/actions/0/value', within: '/actions/0' },
  { name: 'a group by bare name in a condition', change: (o) => { o.conditions.all[2].value = 'Tier 1 Support'; }, keyword: 'anyOf', instancePath: '/conditions/all/2/value', within: '/conditions/all/2' },
  { name: 'a webhook by bare name', change: (o) => { o.actions[1].value[0] = 'Slack escalations'; }, keyword: 'anyOf', instancePath: '/actions/1/value/0', within: '/actions/1' },
  { name: 'an email notification without body', change: (o) => { o.actions[2].value.pop(); }, keyword: 'minItems', instancePath: '/actions/2/value', within: '/actions/2' },
  { name: 'a priority Zendesk does not have', change: (o) => { o.actions[3].value = 'critical'; }, keyword: 'enum', instancePath: '/actions/3/value', within: '/actions/3' },
  { name: 'an action with an operator', change: (o) => { o.actions[3].operator = 'is'; }, keyword: 'additionalProperties', instancePath: '/actions/3' },
  { name: 'missing actions', change: (o) => { delete o.actions; }, keyword: 'required', instancePath: '', params: { missingProperty: 'actions' } },
  { name: 'conditions as a list', change: (o) => { o.conditions = []; }, keyword: 'type', instancePath: '/conditions' },
]);

// ---------------------------------------------------------------- automation
check(
  'automation.schema.json',
  {
    title: 'Close solved tickets after 4 days',
    active: true,
    conditions: {
      all: [
        { field: 'status', operator: 'is', value: 'solved' },
        { field: 'SOLVED', operator: 'greater_than', value: '96' },
      ],
      any: [],
    },
    actions: [{ field: 'status', value: 'closed' }],
  },
  [
    unknownKey,
    readOnly('position', 10001),
    readOnly('updated_at', '2024-01-01T00:00:00Z'),
    { name: 'a description (automations have none)', change: (o) => { o.description = 'x'; }, keyword: 'additionalProperties', instancePath: '' },
    { name: 'a status Zendesk does not have', change: (o) => { o.actions[0].value = 'archived'; }, keyword: 'enum', instancePath: '/actions/0/value', within: '/actions/0' },
    { name: 'a business-hours operator in words', change: (o) => { o.conditions.all[1].operator = 'Greater than business hours'; }, keyword: 'pattern', instancePath: '/conditions/all/1/operator' },
    { name: 'missing conditions', change: (o) => { delete o.conditions; }, keyword: 'required', instancePath: '' },
  ],
);

// ---------------------------------------------------------------- view
check(
  'view.schema.json',
  {
    title: 'Tier 1 — unassigned',
    active: true,
    restriction: { type: 'Group', ids: ['Group: Tier 1 Support'] },
    conditions: {
      all: [
        { field: 'status', operator: 'less_than', value: 'solved' },
        { field: 'group_id', operator: 'is', value: 'Group: Tier 1 Support' },
      ],
      any: [],
    },
    output: {
      columns: ['nice_id', 'subject', 'requester', 'Field: Product', 'Field: Severity', 'created'],
      group_by: 'priority',
      group_order: 'desc',
      sort_by: 'created',
      sort_order: 'asc',
    },
  },
  [
    unknownKey,
    readOnly('execution', { columns: [] }),
    readOnly('watchable', true),
    { name: 'a duplicate column', change: (o) => { o.output.columns.push('subject'); }, keyword: 'uniqueItems', instancePath: '/output/columns' },
    { name: 'a column by bare field title', change: (o) => { o.output.columns[3] = 'Product'; }, keyword: 'anyOf', instancePath: '/output/columns/3' },
    { name: 'an unknown group_order', change: (o) => { o.output.group_order = 'up'; }, keyword: 'enum', instancePath: '/output/group_order' },
    { name: 'execution keys under output', change: (o) => { o.output.fields = []; }, keyword: 'additionalProperties', instancePath: '/output' },
    { name: 'an unknown restriction type', change: (o) => { o.restriction.type = 'Team'; }, keyword: 'enum', instancePath: '/restriction/type', within: '/restriction' },
    { name: 'a restriction group by bare name', change: (o) => { o.restriction.ids[0] = 'Tier 1 Support'; }, keyword: 'anyOf', instancePath: '/restriction/ids/0', within: '/restriction' },
    { name: 'a status condition value Zendesk does not have', change: (o) => { o.conditions.all[0].value = 'unsolved'; }, keyword: 'enum', instancePath: '/conditions/all/0/value', within: '/conditions/all/0' },
  ],
);

// ---------------------------------------------------------------- macro
check(
  'macro.schema.json',
  {
    title: 'Billing::Refund approved',
    description: 'Confirms an approved refund and solves the ticket.',
    active: true,
    restriction: { type: 'User', id: 'billing.lead@acme.example' },
    actions: [
      { field: 'comment_value', value: { file: 'content/macros/refund-approved.md' } },
      { field: 'status', value: 'solved' },
      { field: 'Field: Problem type', value: 'problem_billing' },
    ],
  },
  [
    unknownKey,
    readOnly('id', 25),
    readOnly('usage_7d', 12),
    readOnly('position', 42),
    { name: '{file:} with an extra key', change: (o) => { o.actions[0].value = { file: 'content/macros/refund-approved.md', lang: 'en' }; }, keyword: 'anyOf', instancePath: '/actions/0/value', within: '/actions/0' },
    { name: 'a restriction user that is a group reference', change: (o) => { o.restriction.id = 'Group: Billing'; }, keyword: 'anyOf', instancePath: '/restriction/id', within: '/restriction' },
    { name: 'a User restriction with ids', change: (o) => { o.restriction.ids = ['Group: Billing']; }, keyword: 'false schema', instancePath: '/restriction/ids', within: '/restriction' },
    { name: 'an action without value', change: (o) => { delete o.actions[1].value; }, keyword: 'required', instancePath: '/actions/1' },
    { name: 'a missing title', change: (o) => { delete o.title; }, keyword: 'required', instancePath: '' },
    { name: 'actions as an object', change: (o) => { o.actions = { status: 'solved' }; }, keyword: 'type', instancePath: '/actions' },
  ],
);

// ---------------------------------------------------------------- instance / order
check(
  'instance.schema.json',
  { subdomain: 'acme-fed', auth: { email_env: 'ZENDESK_FED_EMAIL', token_env: 'ZENDESK_FED_API_TOKEN' }, unmanaged: { triggers: 'delete', macros: 'deactivate' } },
  [
    { name: 'a missing subdomain', change: (o) => { delete o.subdomain; }, keyword: 'required', instancePath: '' },
    { name: 'a subdomain with a dot', change: (o) => { o.subdomain = 'acme.zendesk.com'; }, keyword: 'pattern', instancePath: '/subdomain' },
    { name: 'a secret in auth', change: (o) => { o.auth.token = 'abc123'; }, keyword: 'additionalProperties', instancePath: '/auth' },
    { name: 'a secret in auth.read', change: (o) => { o.auth.read = { oauth_token: 'abc123' }; }, keyword: 'additionalProperties', instancePath: '/auth/read' },
    { name: 'an empty auth.write', change: (o) => { o.auth.write = {}; }, keyword: 'minProperties', instancePath: '/auth/write' },
    { name: 'ci as a string', change: (o) => { o.ci = 'no'; }, keyword: 'type', instancePath: '/ci' },
    { name: 'an unknown policy', change: (o) => { o.unmanaged = 'purge'; }, keyword: 'anyOf', instancePath: '/unmanaged' },
    { name: 'a policy for an unknown type', change: (o) => { o.unmanaged.tickets = 'delete'; }, keyword: 'anyOf', instancePath: '/unmanaged' },
    { name: 'a url with a path', change: (o) => { o.url = 'https://acme.zendesk.com/api/v2'; }, keyword: 'pattern', instancePath: '/url' },
    unknownKey,
  ],
);
check('order.schema.json', ['Product', 'Severity'], [
  { name: 'a duplicate', change: (o) => { o.push('Product'); }, keyword: 'uniqueItems', instancePath: '' },
  { name: 'a number', change: (o) => { o[1] = 3; }, keyword: 'type', instancePath: '/1' },
]);
check('trigger-order.schema.json', [{ Notifications: ['Notify requester of receipt'] }, { Routing: ['Route Enterprise tickets to Tier 2'] }], [
  { name: 'two categories in one entry', change: (o) => { o[0].Routing = []; }, keyword: 'maxProperties', instancePath: '/0' },
  { name: 'a plain list of titles', change: (o) => { o[1] = 'Route Enterprise tickets to Tier 2'; }, keyword: 'type', instancePath: '/1' },
  { name: 'a trigger listed twice in one category', change: (o) => { o[0].Notifications.push('Notify requester of receipt'); }, keyword: 'uniqueItems', instancePath: '/0/Notifications' },
]);
