// Shapes real accounts have, one row each, seeded as Zendesk returns them (raw API objects; where a
// recording or Zendesk's spec shows the shape, the row cites it). All rows share one sandbox pair:
// seed every row → import → validate (no error) → plan (No changes., no write) → export → restore
// into a new account holding the same looked-up names under other ids → export. Each row then
// checks its objects are equal by name in both exports and that the shape reached the new account.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESCRIPTORS, isManagedType } from '../../src/resources/index.js';
import { liveKeyOf, type ApiObject } from '../../src/resources/live.js';
import { type Sandbox, type SeedData } from '../../src/sandbox/index.js';
import { readSnapshot } from '../../src/snapshot/read.js';
import { fileFormsByName } from '../helpers/snapshot-compare.js';
import { repoCopy, sandboxFor, zdctl, type ZdctlRun } from '../helpers/zdctl.js';
import { lookupsOf, secretsFor, step, withoutNulls, writesTo } from './steps.js';

const AGENT_ID = 9_200_001;
const GROUP_ID = 9_100_001;
const WEBHOOK_ID = '01SHAPESWEBHOOK0000000000A1';
const TARGET_ID = 9_300_001;
const DATE_FIELD_ID = 9_400_001;
const REGEXP_FIELD_ID = 9_400_002;
const NUMERIC_OPTIONS_FIELD_ID = 9_400_003;
const PLACEHOLDER_FIELD_ID = 9_400_004;
const CATEGORY_ID = '9500001';
const SCHEDULE_ID = 9_700_001;
const BRAND_ID = 9_800_001;
const MULTISELECT_FIELD_ID = 9_400_005;

/** The names the rows look up (salto groups / users / webhooks / targets shapes). */
const LOOKUPS: SeedData = {
  groups: [
    { id: 9_100_000, name: 'Support', description: '', default: true, deleted: false },
    { id: GROUP_ID, name: 'Tier 2', description: '', default: false, deleted: false },
  ],
  users: [{ id: AGENT_ID, name: 'Pat Agent', email: 'pat@example.com', role: 'agent', active: true, role_type: null, default_group_id: GROUP_ID }],
  webhooks: [
    {
      id: WEBHOOK_ID, name: 'Order service', description: '', status: 'active', subscriptions: ['conditional_ticket_events'],
      endpoint: 'https://example.com/orders', http_method: 'POST', request_format: 'json', authentication: { type: 'bearer_token', add_position: 'header' },
    },
  ],
  schedules: [{ id: SCHEDULE_ID, name: 'EMEA hours', time_zone: 'London', intervals: [{ start_time: 1980, end_time: 2460 }] }],
  brands: [{ id: BRAND_ID, name: 'Acme Support', subdomain: 'acme', active: true, default: true, brand_url: 'https://acme.zendesk.com', ticket_form_ids: [] }],
  targets: [{ id: TARGET_ID, title: 'Slack', type: 'url_target_v2', active: true, target_url: 'https://example.com/slack', method: 'post', content_type: 'application/json' }],
};

type Objects = Partial<Record<'ticket_fields' | 'user_fields' | 'organization_fields' | 'trigger_categories' | 'triggers' | 'automations' | 'views' | 'macros', ApiObject[]>>;

interface Shape {
  name: string;
  objects: Objects;
  /** What the restored account must hold, read from its raw objects by identity (`type/identity` → object). */
  restored: (find: (type: string, identity: string) => ApiObject) => void;
}

const trigger = (title: string, conditions: { all?: unknown[]; any?: unknown[] }, actions: unknown[], extra: Record<string, unknown> = {}): ApiObject => ({
  id: nextId(), title, raw_title: title, active: true, description: null, position: 0, actions,
  conditions: { all: conditions.all ?? [], any: conditions.any ?? [] }, category_id: CATEGORY_ID, ...extra,
});
const automation = (title: string, all: unknown[], actions: unknown[]): ApiObject => ({ id: nextId(), title, raw_title: title, active: true, position: 0, actions, conditions: { all, any: [] } });
const macro = (title: string, actions: unknown[], extra: Record<string, unknown> = {}): ApiObject => ({ id: nextId(), title, raw_title: title, active: true, description: null, position: 0, actions, restriction: null, ...extra });
const column = (id: string | number, title: string) => ({ id, title });
function view(title: string, all: unknown[], extra: Record<string, unknown> = {}, columns: unknown[] = [column('subject', 'Subject'), column('requester', 'Requester')]): ApiObject {
  return {
    id: nextId(), title, raw_title: title, active: true, position: 0, description: null, restriction: null, watchable: true,
    execution: { group_by: null, group_order: 'asc', sort_by: 'nice_id', sort_order: 'desc', group: null, sort: { id: 'ticket_id', title: 'ID', order: 'desc' }, columns, fields: columns, custom_fields: [] },
    conditions: { all, any: [] }, ...extra,
  };
}
function ticketField(id: number, type: string, title: string, extra: Record<string, unknown> = {}): ApiObject {
  return {
    id, type, title, raw_title: title, description: '', raw_description: '', position: 9999, active: true, required: false, collapsed_for_agents: false,
    regexp_for_validation: null, title_in_portal: title, raw_title_in_portal: title, visible_in_portal: false, editable_in_portal: false, required_in_portal: false,
    tag: null, removable: true, agent_description: null, ...extra,
  };
}
const personField = (id: number, type: string, key: string, extra: Record<string, unknown> = {}): ApiObject => ({
  id, type, key, title: key, raw_title: key, description: '', raw_description: '', position: 0, active: true, system: false, regexp_for_validation: null, ...extra,
});
let lastId = 9_600_000;
function nextId(): number {
  lastId += 1;
  return lastId;
}
const STATUS_OPEN = { field: 'status', operator: 'less_than', value: 'solved' };

const SHAPES: Shape[] = [
  {
    // salto triggers 1500016953462 (comment_is_public is true) and 1500016953522 (assignee_id not_changed null)
    name: 'booleans and null as condition values',
    objects: { triggers: [trigger('Shape: boolean and null', { all: [{ field: 'comment_is_public', operator: 'is', value: true }, { field: 'assignee_id', operator: 'not_changed', value: null }], any: [{ field: 'is_public', operator: 'is', value: false }] }, [{ field: 'priority', value: 'high' }])] },
    restored: (find) => expect(find('triggers', 'Shape: boolean and null').conditions).toEqual({ all: [{ field: 'comment_is_public', operator: 'is', value: true }, { field: 'assignee_id', operator: 'not_changed', value: null }], any: [{ field: 'is_public', operator: 'is', value: false }] }),
  },
  {
    // Zendesk actions reference: notification_webhook takes [webhook id, JSON body]; salto webhooks hold the id shape
    name: 'notification_webhook with its payload',
    objects: { triggers: [trigger('Shape: webhook call', { all: [{ field: 'update_type', operator: 'is', value: 'Create' }] }, [{ field: 'notification_webhook', value: [WEBHOOK_ID, '{\n  "ticket_id": "{{ticket.id}}",\n  "status": "{{ticket.status}}"\n}'] }])] },
    // webhooks are managed: the restore creates the webhook anew, and the trigger names its new id
    restored: (find) => expect(find('triggers', 'Shape: webhook call').actions).toEqual([{ field: 'notification_webhook', value: [find('webhooks', 'Order service').id, '{\n  "ticket_id": "{{ticket.id}}",\n  "status": "{{ticket.status}}"\n}'] }]),
  },
  {
    // salto trigger 1900002626665 "Slack Ticket Trigger": notification_target [target id, body]
    name: 'notification_target with its body',
    objects: { triggers: [trigger('Shape: target call', { any: [{ field: 'update_type', operator: 'is', value: 'Change' }] }, [{ field: 'notification_target', value: [TARGET_ID, '{"ticket_id": "{{ticket.id}}"}'] }])] },
    restored: (find) => expect(find('triggers', 'Shape: target call').actions).toEqual([{ field: 'notification_target', value: [TARGET_ID + 7_000_000, '{"ticket_id": "{{ticket.id}}"}'] }]),
  },
  {
    // Zendesk actions reference: side_conversation_ticket [subject, body, recipient, content type]
    name: 'side_conversation_ticket with four values',
    objects: { triggers: [trigger('Shape: side conversation', { all: [{ field: 'update_type', operator: 'is', value: 'Create' }] }, [{ field: 'side_conversation_ticket', value: ['Escalation {{ticket.id}}', '<p>Please look at {{ticket.title}}</p>', 'SupportAssignable:support_assignable/group/' + GROUP_ID, 'text/html'] }])] },
    restored: (find) => expect((find('triggers', 'Shape: side conversation').actions as { value: unknown[] }[])[0]!.value).toHaveLength(4),
  },
  {
    // salto triggers 1500016953602 (notification_user [recipient, subject, body]), here with an agent's id
    name: 'notification_user with a user id',
    objects: { triggers: [trigger('Shape: email an agent', { all: [{ field: 'update_type', operator: 'is', value: 'Create' }] }, [{ field: 'notification_user', value: [AGENT_ID, 'New ticket {{ticket.id}}', 'Have a look: {{ticket.url}}'] }])] },
    restored: (find) => expect(find('triggers', 'Shape: email an agent').actions).toEqual([{ field: 'notification_user', value: [AGENT_ID + 7_000_000, 'New ticket {{ticket.id}}', 'Have a look: {{ticket.url}}'] }]),
  },
  {
    name: '["days_from_now", "3"] on a date field',
    objects: {
      ticket_fields: [ticketField(DATE_FIELD_ID, 'date', 'Renewal date')],
      automations: [automation('Shape: renewal soon', [STATUS_OPEN, { field: 'OPEN', operator: 'greater_than', value: '1' }, { field: `custom_fields_${DATE_FIELD_ID}`, operator: 'less_than', value: ['days_from_now', '3'] }], [{ field: 'priority', value: 'urgent' }, { field: 'status', value: 'pending' }])],
    },
    restored: (find) => expect((find('automations', 'Shape: renewal soon').conditions as { all: unknown[] }).all[2]).toEqual({ field: `custom_fields_${find('ticket_fields', 'Renewal date').id}`, operator: 'less_than', value: ['days_from_now', '3'] }),
  },
  {
    // salto automations 1500016953642 (SOLVED greater_than "96"), 1500016953662 (PENDING is "24")
    name: 'upper-case hour counters with *_business_hours operators',
    objects: {
      automations: ['NEW', 'OPEN', 'PENDING', 'HOLD', 'SOLVED', 'CLOSED'].map((counter, index) =>
        automation(`Shape: ${counter} business hours`, [{ field: counter, operator: ['is_business_hours', 'greater_than_business_hours', 'less_than_business_hours'][index % 3], value: String(24 + index) }, { field: 'current_tags', operator: 'not_includes', value: `hours_${counter.toLowerCase()}` }], [{ field: 'current_tags', value: `hours_${counter.toLowerCase()}` }]),
      ),
    },
    restored: (find) => expect((find('automations', 'Shape: HOLD business hours').conditions as { all: unknown[] }).all).toEqual([{ field: 'HOLD', operator: 'is_business_hours', value: '27' }, { field: 'current_tags', operator: 'not_includes', value: 'hours_hold' }]),
  },
  {
    name: 'requester.custom_fields.<key> and organization.custom_fields.<key>',
    objects: {
      user_fields: [personField(9_400_101, 'text', 'plan_tier')],
      organization_fields: [personField(9_400_102, 'text', 'region')],
      triggers: [trigger('Shape: person fields', { all: [{ field: 'requester.custom_fields.plan_tier', operator: 'is', value: 'gold' }, { field: 'organization.custom_fields.region', operator: 'is_not', value: 'emea' }] }, [{ field: 'group_id', value: GROUP_ID }])],
    },
    restored: (find) => {
      const restored = find('triggers', 'Shape: person fields');
      expect((restored.conditions as { all: unknown[] }).all).toEqual([{ field: 'requester.custom_fields.plan_tier', operator: 'is', value: 'gold' }, { field: 'organization.custom_fields.region', operator: 'is_not', value: 'emea' }]);
      expect(String((restored.actions as { value: unknown }[])[0]!.value)).toBe(String(GROUP_ID + 7_000_000));
    },
  },
  {
    // OpenAPI user field 9230426027902 (raw_title '{{zd.itam_mobile_field_imei}}', title 'IMEI'); salto views' raw_title '{{zd.all_unsolved_tickets}}'
    name: '{{zd.*}} placeholders in titles and option names',
    objects: {
      ticket_fields: [
        ticketField(PLACEHOLDER_FIELD_ID, 'tagger', 'Device', {
          raw_title: '{{zd.itam_mobile_field_device}}',
          custom_field_options: [{ id: 9_401_001, name: 'Phone', raw_name: '{{zd.itam_mobile_option_phone}}', value: 'device_phone', default: false }],
        }),
      ],
      views: [view('All unsolved tickets', [STATUS_OPEN], { raw_title: '{{zd.all_unsolved_tickets}}' })],
    },
    // The identity and the text written are the raw forms: Zendesk renders them in each account itself.
    restored: (find) => {
      expect(find('ticket_fields', '{{zd.itam_mobile_field_device}}').custom_field_options).toMatchObject([{ name: '{{zd.itam_mobile_option_phone}}', value: 'device_phone' }]);
      expect(find('views', '{{zd.all_unsolved_tickets}}').conditions).toEqual({ all: [STATUS_OPEN], any: [] });
    },
  },
  {
    // salto user field date6436: Zendesk's own \A…\z date pattern; \h and possessive quantifiers are Ruby only
    name: 'Ruby regular expressions in regexp_for_validation',
    objects: {
      ticket_fields: [ticketField(REGEXP_FIELD_ID, 'regexp', 'Colour code', { regexp_for_validation: '\\A#\\h{6}\\z' })],
      user_fields: [personField(9_400_103, 'regexp', 'employee_code', { regexp_for_validation: '\\A[A-Z]++-\\d*+\\z' })],
    },
    restored: (find) => {
      expect(find('ticket_fields', 'Colour code').regexp_for_validation).toBe('\\A#\\h{6}\\z');
      expect(find('user_fields', 'employee_code').regexp_for_validation).toBe('\\A[A-Z]++-\\d*+\\z');
    },
  },
  {
    // salto view 1500044199641 "Test": a column {id: 1500009152922, title, type, url} for a custom field
    name: 'view columns given by numeric id',
    objects: { views: [view('Shape: custom column', [STATUS_OPEN], {}, [column('subject', 'Subject'), { id: REGEXP_FIELD_ID, title: 'Colour code', type: 'regexp' }])] },
    restored: (find) => expect((find('views', 'Shape: custom column').execution as { columns: { id: unknown }[] }).columns.map((c) => c.id)).toEqual(['subject', find('ticket_fields', 'Colour code').id]),
  },
  {
    name: 'flags sent as the strings "true"/"false"',
    objects: { macros: [macro('Shape: internal note', [{ field: 'comment_mode_is_public', value: 'false' }, { field: 'comment_value', value: 'Looking into it.' }])], triggers: [trigger('Shape: string flag', { all: [{ field: 'comment_is_public', operator: 'is', value: 'true' }] }, [{ field: 'status', value: 'open' }])] },
    restored: (find) => {
      expect(find('macros', 'Shape: internal note').actions).toEqual([{ field: 'comment_mode_is_public', value: 'false' }, { field: 'comment_value', value: 'Looking into it.' }]);
      expect((find('triggers', 'Shape: string flag').conditions as { all: unknown[] }).all).toEqual([{ field: 'comment_is_public', operator: 'is', value: 'true' }]);
    },
  },
  {
    name: 'a restriction with id and no ids',
    objects: { views: [view('Shape: tier 2 queue', [STATUS_OPEN], { restriction: { type: 'Group', id: GROUP_ID } })], macros: [macro('Shape: tier 2 macro', [{ field: 'status', value: 'pending' }], { restriction: { type: 'Group', id: GROUP_ID } })] },
    restored: (find) => expect(find('views', 'Shape: tier 2 queue').restriction).toMatchObject({ type: 'Group', ids: [GROUP_ID + 7_000_000] }),
  },
  {
    name: 'options with numeric values or default: true',
    objects: {
      ticket_fields: [
        ticketField(NUMERIC_OPTIONS_FIELD_ID, 'tagger', 'Severity', {
          custom_field_options: [
            { id: 9_401_011, name: 'One', raw_name: 'One', value: '1', default: true },
            { id: 9_401_012, name: 'Two', raw_name: 'Two', value: 2, default: false },
          ],
        }),
      ],
    },
    restored: (find) => expect(find('ticket_fields', 'Severity').custom_field_options).toMatchObject([{ name: 'One', value: '1', default: true }, { name: 'Two', value: '2' }]),
  },
  {
    // salto trigger_categories ids and triggers' category_id are strings ("1500000362362")
    name: 'category_id as a string',
    objects: {
      trigger_categories: [{ id: CATEGORY_ID, name: 'Routing', position: 1 }],
      triggers: [trigger('Shape: categorised', { all: [{ field: 'update_type', operator: 'is', value: 'Create' }] }, [{ field: 'set_tags', value: 'routed' }], { category_id: CATEGORY_ID })],
    },
    restored: (find) => expect(find('triggers', 'Shape: categorised').category_id).toBe(String(find('trigger_categories', 'Routing').id)),
  },
  {
    name: 'keys newer than zdctl’s schemas',
    objects: {
      macros: [macro('Shape: newer keys', [{ field: 'status', value: 'solved' }], { app_installation: null, usage_7d: 3, shared_with: { groups: [] } })],
      triggers: [trigger('Shape: newer trigger keys', { all: [{ field: 'update_type', operator: 'is', value: 'Create' }] }, [{ field: 'status', value: 'open' }], { default: false, raw_description: null })],
    },
    restored: (find) => expect(find('macros', 'Shape: newer keys').actions).toEqual([{ field: 'status', value: 'solved' }]),
  },
  {
    // salto view 1500027465722 "Custom view 123": brand_id / organization_id given as strings, requester_id is_not "assignee_id"
    name: 'ids as strings and fields as values in conditions',
    objects: { views: [view('Shape: string ids', [STATUS_OPEN, { field: 'requester_id', operator: 'is_not', value: 'assignee_id' }, { field: 'group_id', operator: 'is', value: String(GROUP_ID) }])] },
    restored: (find) => expect((find('views', 'Shape: string ids').conditions as { all: { value: unknown }[] }).all.map((c) => String(c.value))).toEqual(['solved', 'assignee_id', String(GROUP_ID + 7_000_000)]),
  },
  {
    // Condition fields, operators, action fields and value shapes zdctl does not know are data: kept as they are.
    name: 'condition fields, operators, action fields and value shapes zdctl does not know',
    objects: {
      triggers: [
        trigger(
          'Shape: unknown to zdctl',
          { all: [{ field: 'ticket_sentiment', operator: 'is_not_in', value: ['negative', 'very_negative'] }, { field: 'update_type', operator: 'is', value: 'Change' }], any: [{ field: 'ai_intent', operator: 'matches', value: { intent: 'refund', confidence: 0.8 } }] },
          [{ field: 'set_ai_summary', value: [true, { language: 'en' }] }, { field: 'status', value: 'open' }],
        ),
      ],
    },
    restored: (find) => {
      const restored = find('triggers', 'Shape: unknown to zdctl');
      expect(restored.actions).toEqual([{ field: 'set_ai_summary', value: [true, { language: 'en' }] }, { field: 'status', value: 'open' }]);
      expect((restored.conditions as { any: unknown[] }).any).toEqual([{ field: 'ai_intent', operator: 'matches', value: { intent: 'refund', confidence: 0.8 } }]);
    },
  },
  {
    // salto trigger definitions: set_schedule takes a schedule id as a string ("1500001035461"); salto view 1500027465722: brand_id as a string
    name: 'schedule and brand ids as strings',
    objects: { triggers: [trigger('Shape: schedule by brand', { all: [{ field: 'brand_id', operator: 'is', value: String(BRAND_ID) }, { field: 'update_type', operator: 'is', value: 'Create' }] }, [{ field: 'set_schedule', value: String(SCHEDULE_ID) }])] },
    restored: (find) => {
      const restored = find('triggers', 'Shape: schedule by brand');
      expect(String((restored.actions as { value: unknown }[])[0]!.value)).toBe(String(SCHEDULE_ID + 7_000_000));
      expect(String((restored.conditions as { all: { value: unknown }[] }).all[0]!.value)).toBe(String(BRAND_ID + 7_000_000));
    },
  },
  {
    // Zendesk macros answer a comment for a channel as [channel, text]
    name: 'comment_value as [channel, text]',
    objects: { macros: [macro('Shape: reply on every channel', [{ field: 'comment_value', value: ['channel:all', 'Thanks {{ticket.requester.first_name}}, we are on it.'] }])] },
    restored: (find) => expect(find('macros', 'Shape: reply on every channel').actions).toEqual([{ field: 'comment_value', value: ['channel:all', 'Thanks {{ticket.requester.first_name}}, we are on it.'] }]),
  },
  {
    // salto view 1500044199641 "Test": custom_fields_1500009152882 includes "v1" (a multi-select's option value)
    name: 'a multi-select field tested with includes',
    objects: {
      ticket_fields: [ticketField(MULTISELECT_FIELD_ID, 'multiselect', 'Components', { custom_field_options: [{ id: 9_401_021, name: 'v1', raw_name: 'v1', value: 'v1', default: false }, { id: 9_401_022, name: 'v2', raw_name: 'v2', value: 'v2', default: false }] })],
      views: [view('Shape: component v1', [STATUS_OPEN, { field: `custom_fields_${MULTISELECT_FIELD_ID}`, operator: 'includes', value: 'v1' }])],
    },
    restored: (find) => expect((find('views', 'Shape: component v1').conditions as { all: unknown[] }).all[1]).toEqual({ field: `custom_fields_${find('ticket_fields', 'Components').id}`, operator: 'includes', value: 'v1' }),
  },
  {
    // salto triggers 1500016953582: notification_group ["group_id", subject, body] names the ticket's group, not an id
    name: 'notification_group to the ticket’s own group',
    objects: { triggers: [trigger('Shape: notify the group', { all: [{ field: 'group_id', operator: 'changed', value: '' }] }, [{ field: 'notification_group', value: ['group_id', 'Assigned: {{ticket.title}}', 'Ticket {{ticket.id}} is yours.'] }])] },
    restored: (find) => expect(find('triggers', 'Shape: notify the group').actions).toEqual([{ field: 'notification_group', value: ['group_id', 'Assigned: {{ticket.title}}', 'Ticket {{ticket.id}} is yours.'] }]),
  },
];

/** Every row's objects in one seed, appended to what the fresh account already holds (its system ticket fields). */
function seedOf(sandbox: Sandbox): SeedData {
  const seed: Record<string, unknown[]> = { ...LOOKUPS } as Record<string, unknown[]>;
  seed.ticket_fields = [...sandbox.dump().ticket_fields!];
  for (const shape of SHAPES) for (const [type, objects] of Object.entries(shape.objects)) seed[type] = [...(seed[type] ?? []), ...objects!];
  return seed;
}

describe('shapes real accounts have: import → validate → plan → export → restore → export', () => {
  let source: Awaited<ReturnType<typeof sandboxFor>>;
  let target: Awaited<ReturnType<typeof sandboxFor>>;
  const repo = repoCopy();
  let firstExport: Record<string, Record<string, unknown>>;
  let secondExport: Record<string, Record<string, unknown>>;
  let restored: Record<string, ApiObject[]>;
  let validated: ZdctlRun;

  beforeAll(async () => {
    source = await sandboxFor();
    target = await sandboxFor();
    source.sandbox.seed(seedOf(source.sandbox));
    for (const name of ['acme', 'acme-dr']) {
      mkdirSync(path.join(repo.dir, 'instances', name), { recursive: true });
      writeFileSync(path.join(repo.dir, 'instances', name, 'instance.yaml'), `subdomain: ${name}\n`);
    }
    const inSource = (...argv: string[]) => () => zdctl(argv, { cwd: repo.dir, env: source.env });
    const inTarget = (...argv: string[]) => () => zdctl(argv, { cwd: repo.dir, env: target.env });
    // A restore into a new account asks for the webhook secrets Zendesk never answers.
    const withSecrets = (...argv: string[]) => () => zdctl(argv, { cwd: repo.dir, env: { ...target.env, ...secretsFor(path.join(repo.dir, 'snap-a')) } });

    await step('import', inSource('import', '--instance', 'acme'), (r) => expect(r.code).toBe(0));
    validated = await step('validate', inSource('validate', '--instance', 'acme'), (r) => {
      expect(r.stderr).not.toContain('error:');
      expect(r.code).toBe(0);
    });
    source.sandbox.clearRequests();
    await step('plan', inSource('plan', '--instance', 'acme', '--detailed-exitcode'), (r) => {
      expect(r.stdout).toMatch(/^No changes\.$/m);
      expect(r.code).toBe(0);
      expect(writesTo(source.sandbox)).toEqual([]);
    });
    await step('export', inSource('export', '--instance', 'acme', '--out', 'snap-a'), (r) => expect(r.code).toBe(0));
    target.sandbox.seed(lookupsOf(path.join(repo.dir, 'snap-a')));
    await step('restore into a new account', withSecrets('restore', 'snap-a', '--instance', 'acme-dr', '--auto-approve'), (r) => expect(r.code).toBe(0));
    await step('plan of the restored account', inTarget('restore', 'snap-a', '--instance', 'acme-dr', '--dry-run'), (r) => expect(r.stdout).toMatch(/^No changes\.$/m));
    await step('export of the restored account', inTarget('export', '--instance', 'acme-dr', '--out', 'snap-b'), (r) => expect(r.code).toBe(0));
    firstExport = withoutNulls(fileFormsByName(path.join(repo.dir, 'snap-a'))) as typeof firstExport;
    secondExport = withoutNulls(fileFormsByName(path.join(repo.dir, 'snap-b'))) as typeof secondExport;
    restored = readSnapshot(path.join(repo.dir, 'snap-b')).snapshot!.live.objects as unknown as Record<string, ApiObject[]>;
  }, 120_000);

  afterAll(async () => {
    await source?.sandbox.stop();
    await target?.sandbox.stop();
    repo.remove();
  });

  it('validate warns of the operators it does not know, once each, at the line, and of nothing else', () => {
    const file = 'instances/acme/triggers/shape-unknown-to-zdctl.yaml';
    expect(validated.stderr.match(/^\S+: warning: .*$/gm)).toEqual([
      `${file}:6:17: warning: operator "is_not_in" is not one zdctl knows; it is sent to Zendesk as it is (triggers/Shape: unknown to zdctl) [unknown-operator]`,
      `${file}:15:17: warning: operator "matches" is not one zdctl knows; it is sent to Zendesk as it is (triggers/Shape: unknown to zdctl) [unknown-operator]`,
    ]);
  });

  it('the whole account round trips equal by name', () => {
    expect(secondExport).toEqual(firstExport);
  });

  it.each(SHAPES)('$name', (shape) => {
    for (const [type, objects] of Object.entries(shape.objects)) {
      if (!isManagedType(type)) throw new Error(`row "${shape.name}": ${type} is no managed type`);
      for (const object of objects!) {
        const identity = liveKeyOf(DESCRIPTORS[type], object);
        expect(firstExport[type]![identity], `${type}/${identity} exported from the source`).toBeDefined();
        expect(secondExport[type]![identity], `${type}/${identity} after restore`).toEqual(firstExport[type]![identity]);
      }
    }
    shape.restored((type, identity) => {
      const found = restored[type]?.find((o) => isManagedType(type) && liveKeyOf(DESCRIPTORS[type], o) === identity);
      if (!found) throw new Error(`the restored account has no ${type}/${identity}`);
      return found;
    });
  });
});
