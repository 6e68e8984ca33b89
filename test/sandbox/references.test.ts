import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { call, del, get, post, put, validTrigger, validView } from './helpers.js';

// Strict references (issue 17): a write naming an id that no object has is refused with 422 in
// Zendesk's RecordInvalid shape and stores nothing; with strictReferences: false it is stored.
let strict: Sandbox;
let lenient: Sandbox;
const MISSING = 999_999_999_999;
const ids = { field: 0, tagger: 0, form: 0, group: 0, user: 0, brand: 0, status: 0, schedule: 0 };

const seedLookups = (sandbox: Sandbox) =>
  sandbox.seed({
    schedules: [{ id: 7001, name: 'Office hours' }],
    webhooks: [{ id: '01HOOK', name: 'Slack' }],
    targets: [{ id: 8001, title: 'Old target', type: 'url_target' }],
  });

async function prepare(sandbox: Sandbox) {
  seedLookups(sandbox);
  const field = (await post(sandbox, '/ticket_fields', { ticket_field: { type: 'text', title: 'Invoice' } })).body.ticket_field;
  const tagger = (await post(sandbox, '/ticket_fields', { ticket_field: { type: 'tagger', title: 'Problem', custom_field_options: [{ name: 'Billing', value: 'billing' }] } })).body.ticket_field;
  await post(sandbox, '/user_fields', { user_field: { type: 'dropdown', key: 'tier', title: 'Tier', custom_field_options: [{ name: 'Gold', value: 'gold' }] } });
  await post(sandbox, '/organization_fields', { organization_field: { type: 'text', key: 'region', title: 'Region' } });
  const state = sandbox.dump();
  return {
    field: field.id, tagger: tagger.id, form: state.ticket_forms![0]!.id as number, group: state.groups![0]!.id as number,
    user: state.users![0]!.id as number, brand: state.brands![0]!.id as number, status: state.custom_statuses![0]!.id as number, schedule: 7001,
  };
}

beforeAll(async () => {
  strict = await startSandbox({ port: 0, rateLimitPerMinute: null });
  lenient = await startSandbox({ port: 0, rateLimitPerMinute: null, strictReferences: false });
  Object.assign(ids, await prepare(strict));
  await prepare(lenient); // same sequence, same ids
});
afterAll(async () => {
  await strict.stop();
  await lenient.stop();
});

const countOf = (sandbox: Sandbox, type: string) => sandbox.dump()[type]!.length;
const action = (field: string, value: unknown) => validTrigger('Refers', { actions: [{ field, value }] });
const condition = (field: string, value: unknown) =>
  validTrigger('Refers', { conditions: { all: [{ field: 'update_type', operator: 'is', value: 'Create' }, { field, operator: 'is', value }] } });
const form = (body: Record<string, unknown>) => ({ ticket_form: { name: 'Refers', ticket_field_ids: [ids.field, ids.tagger], ...body } });
const base = (description: string) => ({ base: [{ description, error: 'InvalidValue' }] });

const CASES: Array<[string, string, string, () => unknown, () => Record<string, unknown>]> = [
  ['a form field', '/ticket_forms', 'ticket_forms', () => form({ ticket_field_ids: [ids.field, MISSING] }),
    () => ({ ticket_field_ids: [{ description: `Ticket field ids: there is no ticket field with id ${MISSING}`, error: 'InvalidValue' }] })],
  ['a condition parent field', '/ticket_forms', 'ticket_forms', () => form({ agent_conditions: [{ parent_field_id: MISSING, value: true, child_fields: [{ id: ids.field }] }] }),
    () => ({ agent_conditions: [{ description: `Parent field: there is no ticket field with id ${MISSING}`, error: 'InvalidValue' }] })],
  ['a condition option value', '/ticket_forms', 'ticket_forms', () => form({ end_user_conditions: [{ parent_field_id: ids.tagger, value: 'refunds', child_fields: [{ id: ids.field }] }] }),
    () => ({ end_user_conditions: [{ description: `Value: "refunds" is not an option of field ${ids.tagger}`, error: 'InvalidValue' }] })],
  ['a brand', '/ticket_forms', 'ticket_forms', () => form({ in_all_brands: false, restricted_brand_ids: [MISSING] }),
    () => ({ restricted_brand_ids: [{ description: `Restricted brand ids: there is no brand with id ${MISSING}`, error: 'InvalidValue' }] })],
  ['a custom status', '/ticket_forms', 'ticket_forms',
    () => form({ agent_conditions: [{ parent_field_id: ids.tagger, value: 'billing', child_fields: [{ id: ids.field, is_required: true, required_on_statuses: { type: 'SOME_STATUSES', custom_statuses: [MISSING] } }] }] }),
    () => ({ agent_conditions: [{ description: `Required on statuses: there is no custom status with id ${MISSING}`, error: 'InvalidValue' }] })],
  ['a group action', '/triggers', 'triggers', () => action('group_id', MISSING), () => base(`actions[0] (group_id): there is no group with id ${MISSING}`)],
  ['an assignee', '/triggers', 'triggers', () => action('assignee_id', String(MISSING)), () => base(`actions[0] (assignee_id): there is no user with id ${MISSING}`)],
  ['a form action', '/triggers', 'triggers', () => action('ticket_form_id', MISSING), () => base(`actions[0] (ticket_form_id): there is no ticket form with id ${MISSING}`)],
  ['a brand condition', '/triggers', 'triggers', () => condition('brand_id', MISSING), () => base(`conditions.all[1] (brand_id): there is no brand with id ${MISSING}`)],
  ['a schedule', '/triggers', 'triggers', () => action('set_schedule', MISSING), () => base(`actions[0] (set_schedule): there is no schedule with id ${MISSING}`)],
  ['a custom status action', '/triggers', 'triggers', () => action('custom_status_id', MISSING), () => base(`actions[0] (custom_status_id): there is no custom status with id ${MISSING}`)],
  ['a webhook', '/triggers', 'triggers', () => action('notification_webhook', ['01GONE', '{}']), () => base('actions[0] (notification_webhook): there is no webhook with id 01GONE')],
  ['a target', '/triggers', 'triggers', () => action('notification_target', [MISSING, 'x']), () => base(`actions[0] (notification_target): there is no target with id ${MISSING}`)],
  ['a notified user', '/triggers', 'triggers', () => action('notification_user', [MISSING, 'S', 'B']), () => base(`actions[0] (notification_user): there is no user with id ${MISSING}`)],
  ['a notified group', '/triggers', 'triggers', () => action('notification_group', [MISSING, 'S', 'B']), () => base(`actions[0] (notification_group): there is no group with id ${MISSING}`)],
  ['a ticket field condition', '/triggers', 'triggers', () => condition(`custom_fields_${MISSING}`, 'x'), () => base(`conditions.all[1] (custom_fields_${MISSING}): there is no ticket field with id ${MISSING}`)],
  ['a ticket field option', '/triggers', 'triggers', () => action(`custom_fields_${ids.tagger}`, 'refunds'), () => base(`actions[0] (custom_fields_${ids.tagger}): "refunds" is no option (by value) of field ${ids.tagger}`)],
  ['a user field', '/triggers', 'triggers', () => condition('requester.custom_fields.plan', 'x'), () => base('conditions.all[1] (requester.custom_fields.plan): there is no user field with key plan')],
  ['a user field option', '/triggers', 'triggers', () => condition('requester.custom_fields.tier', String(MISSING)), () => base(`conditions.all[1] (requester.custom_fields.tier): "${MISSING}" is no option (by id or value) of field tier`)],
  ['an organization field', '/triggers', 'triggers', () => condition('organization.custom_fields.zone', 'x'), () => base('conditions.all[1] (organization.custom_fields.zone): there is no organization field with key zone')],
  ['a macro restriction', '/macros', 'macros', () => ({ macro: { title: 'Refers', actions: [{ field: 'status', value: 'open' }], restriction: { type: 'Group', ids: [ids.group, MISSING] } } }),
    () => ({ restriction: [{ description: `Restriction: there is no group with id ${MISSING}`, error: 'InvalidValue' }] })],
  ['a view column', '/views', 'views', () => ({ view: { ...validView('Refers').view, output: { columns: ['subject', MISSING], sort_by: ids.field } } }),
    () => base(`output.columns: there is no ticket field with id ${MISSING}`)],
  ['a view grouping', '/views', 'views', () => ({ view: { ...validView('Refers').view, output: { columns: ['subject', ids.field], group_by: MISSING } } }),
    () => base(`output.group_by: there is no ticket field with id ${MISSING}`)],
  ['a view restriction', '/views', 'views', () => ({ view: { ...validView('Refers').view, restriction: { type: 'User', id: MISSING } } }),
    () => ({ restriction: [{ description: `Restriction: there is no user with id ${MISSING}`, error: 'InvalidValue' }] })],
];

describe('strict references: a write naming an id that does not exist', () => {
  for (const [what, path, type, body, details] of CASES) {
    it(`${what}: 422 RecordInvalid, nothing stored; stored when references are lenient`, async () => {
      const before = countOf(strict, type);
      const refused = await call(strict, 'POST', path, body());
      expect([refused.status, refused.body]).toEqual([422, { error: 'RecordInvalid', description: 'Record validation errors', details: details() }]);
      expect(countOf(strict, type)).toBe(before);
      expect((await call(lenient, 'POST', path, body())).status).toBe(201);
    });
  }

  it('the same writes naming ids that exist are accepted', async () => {
    const accepted = [
      form({ agent_conditions: [{ parent_field_id: ids.tagger, value: 'billing', child_fields: [{ id: ids.field, required_on_statuses: { type: 'SOME_STATUSES', custom_statuses: [ids.status] } }] }], restricted_brand_ids: [ids.brand] }),
      validTrigger('Refers', {
        conditions: { all: [{ field: 'brand_id', operator: 'is', value: ids.brand }, { field: 'requester.custom_fields.tier', operator: 'is', value: 'gold' }, { field: 'organization.custom_fields.region', operator: 'is', value: 'eu' }] },
        actions: [
          { field: 'group_id', value: String(ids.group) }, { field: 'assignee_id', value: 'current_user' }, { field: 'notification_user', value: ['requester_id', 'S', 'B'] },
          { field: 'notification_webhook', value: ['01HOOK', '{}'] }, { field: 'notification_target', value: [8001, 'x'] }, { field: 'set_schedule', value: ids.schedule },
          { field: `custom_fields_${ids.tagger}`, value: 'billing' }, { field: 'ticket_form_id', value: ids.form }, { field: 'custom_status_id', value: ids.status },
        ],
      }),
    ];
    expect((await post(strict, '/ticket_forms', accepted[0])).status).toBe(201);
    expect((await post(strict, '/triggers', accepted[1])).status).toBe(201);
  });

  it('an update that names a missing id is refused and changes nothing', async () => {
    const trigger = (await post(strict, '/triggers', validTrigger('Kept'))).body.trigger;
    const refused = await put(strict, `/triggers/${trigger.id}`, { trigger: { actions: [{ field: 'group_id', value: MISSING }] } });
    expect(refused.status).toBe(422);
    expect((await get(strict, `/triggers/${trigger.id}`)).body.trigger).toEqual(trigger);
    const moved = await put(strict, '/triggers/update_many', { triggers: [{ id: trigger.id, category_id: String(MISSING) }] });
    expect([moved.status, moved.body.details]).toEqual([422, { category_id: [{ description: 'Category: is not valid', error: 'InvalidValue' }] }]);
  });
});

describe('a deleted ticket field leaves every form', () => {
  it('its id, the conditions on it and the child entries naming it go; the rest of the form stays', async () => {
    const sandbox = strict;
    const extra = (await post(sandbox, '/ticket_fields', { ticket_field: { type: 'text', title: 'Refund' } })).body.ticket_field;
    const created = (await post(sandbox, '/ticket_forms', {
      ticket_form: {
        name: 'Cascade', ticket_field_ids: [ids.field, ids.tagger, extra.id],
        agent_conditions: [{ parent_field_id: ids.tagger, value: 'billing', child_fields: [{ id: extra.id, is_required: false }, { id: ids.field, is_required: false }] }],
        end_user_conditions: [{ parent_field_id: ids.tagger, value: 'billing', child_fields: [{ id: extra.id, is_required: false }] }],
      },
    })).body.ticket_form;
    expect((await del(sandbox, `/ticket_fields/${extra.id}`)).status).toBe(204);
    const after = (await get(sandbox, `/ticket_forms/${created.id}`)).body.ticket_form;
    expect([after.ticket_field_ids, after.agent_conditions, after.end_user_conditions]).toEqual([
      [ids.field, ids.tagger],
      [{ parent_field_id: ids.tagger, value: 'billing', child_fields: [{ id: ids.field, is_required: false }] }],
      [],
    ]);
    expect((await del(sandbox, `/ticket_fields/${ids.tagger}`)).status).toBe(204);
    const last = (await get(sandbox, `/ticket_forms/${created.id}`)).body.ticket_form;
    expect([last.ticket_field_ids, last.agent_conditions]).toEqual([[ids.field], []]);
  });
});

describe('an ignored key is always named in x-zendesk-api-warn', () => {
  it("a user field's key on update: 200, the key kept, and the key named", async () => {
    const answer = await put(strict, '/user_fields/tier', { user_field: { key: 'level', title: 'Level' } });
    expect([answer.status, answer.body.user_field.key, answer.body.user_field.title]).toEqual([200, 'tier', 'Level']);
    expect(answer.headers.get('x-zendesk-api-warn')).toBe('Removed restricted keys ["key"] from parameters according to whitelist');
  });

  it('update_many: keys other than id, position, active (and category_id for triggers) are named', async () => {
    const view = (await post(strict, '/views', validView('Warned'))).body.view;
    const answer = await put(strict, '/views/update_many', { views: [{ id: view.id, position: 4, title: 'Renamed' }] });
    expect([answer.status, answer.body.views[0].title, answer.body.views[0].position]).toEqual([200, 'Warned', 4]);
    expect(answer.headers.get('x-zendesk-api-warn')).toBe('Removed restricted keys ["title"] from parameters according to whitelist');
  });

  it('trigger category jobs: item keys outside the spec\'s batch requests are named', async () => {
    const category = (await post(strict, '/trigger_categories', { trigger_category: { name: 'Jobs' } })).body.trigger_category;
    const answer = await post(strict, '/trigger_categories/jobs', { job: { action: 'patch', items: { trigger_categories: [{ id: category.id, position: 3, name: 'Renamed' }] } } });
    expect([answer.status, answer.body.results.trigger_categories[0].name]).toEqual([200, 'Jobs']);
    expect(answer.headers.get('x-zendesk-api-warn')).toBe('Removed restricted keys ["name"] from parameters according to whitelist');
  });
});
