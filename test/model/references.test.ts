import { describe, expect, it } from 'vitest';
import { fileToApi, liveToFile } from '../../src/resources/file-form.js';
import { DESCRIPTORS, MANAGED_TYPES } from '../../src/resources/index.js';
import { NameIndex, type LiveState } from '../../src/resources/live.js';
import { describeReference, findReferences } from '../../src/resources/references.js';

describe('findReferences', () => {
  it('reads every reference slot of a trigger, by what each condition or action field holds', () => {
    const trigger = {
      category_id: 'Category: Routing',
      conditions: {
        all: [
          { field: 'Field: Tier', operator: 'is', value: 'tier_pro' },
          { field: 'group_id', operator: 'is', value: 'Group: Billing' },
          { field: 'assignee_id#all_agents', operator: 'is', value: 'lead@acme.example' },
          { field: 'custom_fields_123', operator: 'present', value: null },
          { field: 'status', operator: 'is', value: 'new' },
        ],
        any: [{ field: 'ticket_form_id', operator: 'is', value: 'Form: Billing' }],
      },
      actions: [
        { field: 'notification_webhook', value: ['Webhook: PagerDuty', '{}'] },
        { field: 'notification_webhook', value: ['01FTBADQMTH2C95HAE0FTSXNN5', '{}'] },
        { field: 'follower', value: 'ops@acme.example' },
        { field: 'assignee_id', value: 'current_user' },
        { field: 'custom_status_id', value: ['Status: Waiting', 12] },
      ],
    };
    expect(findReferences(DESCRIPTORS.triggers, trigger)).toEqual([
      { path: ['conditions', 'all', 0, 'field'], kind: 'Field', encoding: 'custom_fields_id', name: 'Tier' },
      { path: ['conditions', 'all', 1, 'value'], kind: 'Group', encoding: 'id', name: 'Billing' },
      { path: ['conditions', 'all', 2, 'value'], kind: 'User', encoding: 'id', name: 'lead@acme.example' },
      { path: ['conditions', 'all', 3, 'field'], kind: 'Field', encoding: 'custom_fields_id', rawId: 123 },
      { path: ['conditions', 'any', 0, 'value'], kind: 'Form', encoding: 'id', name: 'Billing' },
      { path: ['actions', 0, 'value', 0], kind: 'Webhook', encoding: 'id', name: 'PagerDuty' },
      { path: ['actions', 1, 'value', 0], kind: 'Webhook', encoding: 'id', rawId: '01FTBADQMTH2C95HAE0FTSXNN5' },
      { path: ['actions', 2, 'value'], kind: 'User', encoding: 'id', name: 'ops@acme.example' },
      { path: ['actions', 4, 'value', 0], kind: 'Status', encoding: 'id', name: 'Waiting' },
      { path: ['actions', 4, 'value', 1], kind: 'Status', encoding: 'id', rawId: 12 },
      { path: ['category_id'], kind: 'Category', encoding: 'id', name: 'Routing' },
    ]);
  });

  it('reads ticket form field ids, conditional fields and their required custom statuses', () => {
    const form = {
      ticket_field_ids: ['Field: Subject', 7],
      restricted_brand_ids: ['Brand: Acme'],
      agent_conditions: [
        { parent_field_id: 'Field: Problem type', value: 'bug', child_fields: [{ id: 'Field: Version', is_required: true, required_on_statuses: { type: 'SOME_STATUSES', custom_statuses: ['Status: Waiting'] } }] },
      ],
    };
    expect(findReferences(DESCRIPTORS.ticket_forms, form).map((r) => [r.path.join('.'), r.kind, r.name ?? r.rawId])).toEqual([
      ['ticket_field_ids.0', 'Field', 'Subject'],
      ['ticket_field_ids.1', 'Field', 7],
      ['restricted_brand_ids.0', 'Brand', 'Acme'],
      ['agent_conditions.0.parent_field_id', 'Field', 'Problem type'],
      ['agent_conditions.0.child_fields.0.id', 'Field', 'Version'],
      ['agent_conditions.0.child_fields.0.required_on_statuses.custom_statuses.0', 'Status', 'Waiting'],
    ]);
  });

  it('reads view restrictions and field columns', () => {
    const view = { restriction: { type: 'Group', ids: ['Group: Tier 1', 5] }, output: { columns: ['subject', 'Field: Tier', 99], group_by: 'Field: Tier', sort_by: 'updated' } };
    expect(findReferences(DESCRIPTORS.views, view).map((r) => [r.path.join('.'), r.kind, r.name ?? r.rawId])).toEqual([
      ['restriction.ids.0', 'Group', 'Tier 1'],
      ['restriction.ids.1', 'Group', 5],
      ['output.columns.1', 'Field', 'Tier'],
      ['output.columns.2', 'Field', 99],
      ['output.group_by', 'Field', 'Tier'],
    ]);
  });
});

describe('options of user and organization drop-down fields', () => {
  // As salto's account has them: option ids live, values (tags) in files; `123` is a real option value there.
  const live: LiveState = {
    objects: {
      ...(Object.fromEntries(MANAGED_TYPES.map((type) => [type, []])) as unknown as LiveState['objects']),
      user_fields: [
        { id: 1, key: 'tier', type: 'dropdown', custom_field_options: [{ id: 101, name: 'Gold', value: 'tier_gold' }, { id: 102, name: 'Silver', value: 'tier_silver' }] },
        { id: 2, key: 'nickname', type: 'text' },
      ],
      organization_fields: [{ id: 3, key: 'plan', type: 'dropdown', custom_field_options: [{ id: 1900000066065, name: '123', value: '123' }] }],
    },
    lookups: {},
  };
  const names = NameIndex.fromLive(live);
  const condition = (field: string, value: unknown) => ({ conditions: { all: [{ field, operator: 'is', value }], any: [] } });
  const action = (field: string, value: unknown) => ({ actions: [{ field, value }] });

  it.each([
    ['a value on a user drop-down', condition('requester.custom_fields.tier', 'tier_gold'), [{ name: 'tier_gold', scope: 'user_fields/tier' }]],
    ['an option id as Zendesk holds it', condition('requester.custom_fields.tier', '101'), [{ name: '101', rawId: '101', scope: 'user_fields/tier' }]],
    ['a numeric option id', condition('requester.custom_fields.tier', 101), [{ rawId: 101, scope: 'user_fields/tier' }]],
    ['an organization drop-down value of digits', condition('organization.custom_fields.plan', '123'), [{ name: '123', rawId: '123', scope: 'organization_fields/plan' }]],
    ['an action that sets a user drop-down', action('requester.custom_fields.tier', 'tier_silver'), [{ name: 'tier_silver', scope: 'user_fields/tier', path: ['actions', 0, 'value'] }]],
    ['a list of values', condition('requester.custom_fields.tier', ['tier_gold', 'tier_silver']), [{ name: 'tier_gold', scope: 'user_fields/tier', path: ['conditions', 'all', 0, 'value', 0] }, { name: 'tier_silver', scope: 'user_fields/tier', path: ['conditions', 'all', 0, 'value', 1] }]],
    ["Zendesk's none", condition('requester.custom_fields.tier', '__NULL__'), []],
    ['no value (present)', condition('requester.custom_fields.tier', null), []],
    ['a text user field: literal', condition('requester.custom_fields.nickname', 'tier_gold'), []],
    ['a field that does not exist', condition('requester.custom_fields.other', 'tier_gold'), []],
    ['a ticket drop-down: its value is the tag itself', condition('custom_fields_55', 'tier_gold'), []],
  ])('%s', (_label, object, expected) => {
    const options = findReferences(DESCRIPTORS.triggers, object, names).filter((r) => r.kind === 'Option');
    const defaultPath = ['conditions', 'all', 0, 'value'];
    expect(options).toEqual(expected.map((e) => ({ kind: 'Option', encoding: 'id', path: defaultPath, ...e })));
  });

  it('finds no options without knowing which fields are drop-downs', () => {
    expect(findReferences(DESCRIPTORS.triggers, condition('requester.custom_fields.tier', 'tier_gold'))).toEqual([]);
  });

  it.each([
    ['an option id becomes its value', '101', 'tier_gold'],
    ['a numeric option id too', 102, 'tier_silver'],
    ['an id of no option of the field stays', '999', '999'],
  ])('liveToFile: %s', (_label, liveValue, fileValue) => {
    const { object } = liveToFile(DESCRIPTORS.triggers, { id: 9, title: 'T', ...condition('requester.custom_fields.tier', liveValue) }, names);
    expect(object.conditions).toEqual(condition('requester.custom_fields.tier', fileValue).conditions);
  });

  it.each([
    ['a value becomes its option id', 'requester.custom_fields.tier', 'tier_silver', 102],
    ['a value of digits is the option with that value', 'organization.custom_fields.plan', '123', 1900000066065],
    ['an option id (escape hatch) stays that id', 'requester.custom_fields.tier', '101', 101],
    ['a text field keeps its literal value', 'requester.custom_fields.nickname', 'tier_gold', 'tier_gold'],
  ])('fileToApi: %s', (_label, field, fileValue, apiValue) => {
    const { payload, missing } = fileToApi(DESCRIPTORS.triggers, { title: 'T', ...condition(field, fileValue) }, names);
    expect(missing).toEqual([]);
    expect(payload.conditions).toEqual(condition(field, apiValue).conditions);
  });

  it('fileToApi: an unknown value is missing, not guessed', () => {
    const { missing } = fileToApi(DESCRIPTORS.triggers, { title: 'T', ...condition('requester.custom_fields.tier', 'tier_bronze') }, names);
    expect(missing.map(describeReference)).toEqual(['option "tier_bronze" of user_fields/tier']);
  });

  it('a field written again (a new type, new options) replaces what the index knew of it', () => {
    const index = NameIndex.fromLive(live);
    index.addFieldOptions('user_fields', { id: 1, key: 'tier', type: 'dropdown', custom_field_options: [{ id: 201, value: 'tier_bronze' }] });
    expect([index.idOf('Option', 'tier_bronze', 'user_fields/tier'), index.idOf('Option', 'tier_gold', 'user_fields/tier')]).toEqual([201, undefined]);
    index.addFieldOptions('user_fields', { id: 1, key: 'tier', type: 'dropdown', title: 'An answer without its options' });
    expect(index.idOf('Option', 'tier_bronze', 'user_fields/tier')).toBe(201);
    index.addFieldOptions('user_fields', { id: 1, key: 'tier', type: 'text' });
    expect([index.isOptionField('user_fields/tier'), index.idOf('Option', 'tier_bronze', 'user_fields/tier')]).toEqual([false, undefined]);
  });
});
