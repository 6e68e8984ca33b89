import { describe, expect, it } from 'vitest';
import { DESCRIPTORS } from '../../src/resources/index.js';
import { findReferences } from '../../src/resources/references.js';

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
