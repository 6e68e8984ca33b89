// The forms FORMAT.md promises, accepted: name references, raw numeric ids
// (the escape hatch), Zendesk's placeholders, {file:} in free text, renames.
import { describe, expect, it } from 'vitest';
import { loadAjv, validatorFor, type Json } from './helpers.js';

const ajv = loadAjv();

const cases: [string, string, Json][] = [
  ['trigger: raw ids in every slot', 'trigger.schema.json', {
    title: 'Raw ids',
    category_id: '10026',
    conditions: {
      all: [
        { field: 'custom_fields_360011872073', operator: 'is', value: 'tier_enterprise' },
        { field: 'group_id', operator: 'is', value: 24000932 },
        { field: 'brand_id', operator: 'is_not', value: '1500000550682' },
        { field: 'ticket_form_id', operator: 'is', value: 1500000859362 },
        { field: 'custom_status_id', operator: 'includes', value: ['1', '2'] },
        { field: 'assignee_id', operator: 'is', value: '296220096' },
      ],
      any: [],
    },
    actions: [
      { field: 'group_id', value: '24000932' },
      { field: 'notification_target', value: [1900000033645, '{"ticket": "{{ticket.id}}"}'] },
      { field: 'notification_webhook', value: ['01EJFTSCC78X5V07NPY2MHR00M', '{}'] },
      { field: 'set_schedule', value: 1500001035461 },
    ],
  }],
  ['trigger: name references and placeholders', 'trigger.schema.json', {
    title: 'Names',
    previous_title: 'Old name',
    category_id: 'Category: Routing',
    conditions: {
      all: [
        { field: 'Field: Product', operator: 'is', value: 'product_cloud' },
        { field: 'assignee_id', operator: 'changed' },
        { field: 'assignee_id#all_agents', operator: 'is_not', value: 'current_user' },
        { field: 'group_id#current_groups', operator: 'is', value: '' },
        { field: 'requester.custom_fields.is_vip', operator: 'is', value: 'true' },
        { field: 'schedule_id', operator: 'is', value: 'Schedule: Follow the sun 24x5' },
        { field: 'within_schedule', operator: 'is', value: 'Schedule: Enterprise 24x7' },
        { field: 'custom_status_id', operator: 'includes', value: ['Status: Waiting on engineering'] },
        { field: 'ticket_form_id', operator: 'is', value: 'Form: Bug report' },
        { field: 'brand_id', operator: 'is', value: 'Brand: Acme' },
        { field: 'comment_is_public', operator: 'is', value: true },
      ],
      any: [{ field: 'requester_id', operator: 'is', value: 'vip@customer.example' }],
    },
    actions: [
      { field: 'notification_user', value: ['requester_and_ccs', 'Subject', { file: 'content/emails/x.md' }] },
      { field: 'notification_user', value: ['lead@acme.example', 'Subject', 'Body'] },
      { field: 'notification_group', value: ['Group: Tier 1 Support', 'Subject', 'Body'] },
      { field: 'notification_group', value: ['group_id', 'Subject', 'Body'] },
      { field: 'notification_webhook', value: ['Webhook: PagerDuty - Sev1', { file: 'content/webhooks/pd.json' }] },
      { field: 'notification_target', value: ['Target: Status page incidents', 'Message'] },
      { field: 'assignee_id', value: 'lead@acme.example' },
      { field: 'follower', value: 'current_user' },
      { field: 'custom_status_id', value: 'Status: Waiting on engineering' },
      { field: 'status', value: 'hold' },
      { field: 'priority', value: '' },
      { field: 'Field: Root cause', value: ['root_cause_capacity', 'root_cause_configuration'] },
    ],
  }],
  ['automation: business-hours time condition', 'automation.schema.json', {
    title: 'Warn after 2 business hours',
    conditions: { all: [{ field: 'NEW', operator: 'greater_than_business_hours', value: '2' }] },
    actions: [{ field: 'current_tags', value: 'warned' }],
  }],
  ['view: raw field id column, User restriction, null grouping', 'view.schema.json', {
    title: 'Mine',
    description: null,
    restriction: { type: 'User', id: 213977756 },
    conditions: { all: [{ field: 'assignee_id', operator: 'is', value: 'current_user' }], any: [] },
    output: { columns: ['nice_id', 360011872073, '360011872074', 'Field: Product'], group_by: null, group_order: 'asc', sort_by: 'nice_id', sort_order: 'desc' },
  }],
  ['view: Group restriction with id and ids, as Zendesk returns it', 'view.schema.json', {
    title: 'Group view',
    restriction: { type: 'Group', id: 'Group: Billing', ids: ['Group: Billing', 1500002894482] },
    conditions: { all: [{ field: 'status', operator: 'less_than', value: 'solved' }] },
  }],
  ['macro: empty restriction object, file comment', 'macro.schema.json', {
    title: 'Close and Save',
    restriction: {},
    actions: [{ field: 'comment_value', value: { file: 'content/macros/deep/nested/close.md' } }, { field: 'comment_value_html', value: '<p>Hi</p>' }],
  }],
  ['ticket form: raw ids and custom statuses', 'ticket_form.schema.json', {
    name: 'Snowboard Problem',
    previous_name: ['Snowboard', 'Board problem'],
    restricted_brand_ids: [47, 33],
    ticket_field_ids: [2, 4, '100'],
    agent_conditions: [{ parent_field_id: 100, value: 'matching_value', child_fields: [{ id: 101, is_required: false, required_on_statuses: { type: 'SOME_STATUSES', custom_statuses: ['Status: Waiting on engineering', 12] } }] }],
  }],
  ['ticket field: lookup with relationship filter', 'ticket_field.schema.json', {
    title: 'Related account manager',
    type: 'lookup',
    relationship_target_type: 'zen:user',
    relationship_filter: { all: [{ field: 'role', operator: 'is', value: '4' }], any: [] },
  }],
  // Zendesk's own limits that validate's rules report with a better message stay out of the schemas.
  ['view: eleven columns (rule view-column-limit, not the schema, reports it)', 'view.schema.json', {
    title: 'Wide',
    conditions: { all: [{ field: 'status', operator: 'less_than', value: 'solved' }] },
    output: { columns: ['subject', 'requester', 'created', 'updated', 'priority', 'status', 'group', 'assignee', 'type', 'satisfaction_score', 'organization'] },
  }],
  ['instance: oauth and one policy for all', 'instance.schema.json', {
    subdomain: 'acme', url: 'http://127.0.0.1:8080', auth: { oauth_token_env: 'ZENDESK_OAUTH_TOKEN' }, unmanaged: 'ignore',
  }],
  ['instance: a read-only credential and a write one, not in CI', 'instance.schema.json', {
    subdomain: 'acme', ci: false, auth: { read: { oauth_token_env: 'ZENDESK_READ_OAUTH_TOKEN' }, write: { email_env: 'ZENDESK_EMAIL', token_env: 'ZENDESK_API_TOKEN' } },
  }],
];

describe('accepted forms', () => {
  it.each(cases)('%s', (_name, schema, value) => {
    const validate = validatorFor(ajv, schema);
    expect(validate(value), JSON.stringify(validate.errors, null, 1)).toBe(true);
  });
});
