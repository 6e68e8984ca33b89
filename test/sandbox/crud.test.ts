import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { manualClock, startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { call, del, get, post, put, validAutomation, validTrigger, validView } from './helpers.js';

const clock = manualClock(Date.UTC(2024, 4, 1, 12, 0, 0));
let sandbox: Sandbox;
const T0 = '2024-05-01T12:00:00Z';

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, clock });
});
afterAll(async () => {
  await sandbox.stop();
});
beforeEach(() => {
  sandbox.reset();
  sandbox.clearRequests();
});

describe('create', () => {
  it('answers 201 with the singular envelope, Location and every default the recordings show', async () => {
    const answer = await post(sandbox, '/triggers', validTrigger('Notify requester'));
    expect(answer.status).toBe(201);
    const { id } = answer.body.trigger;
    const url = `${sandbox.url}/api/v2/triggers/${id}.json`;
    expect(answer.headers.get('location')).toBe(url);
    expect(answer.body).toEqual({
      trigger: {
        url,
        id,
        title: 'Notify requester',
        active: true,
        updated_at: T0,
        created_at: T0,
        actions: [{ field: 'status', value: 'open' }],
        conditions: { all: [{ field: 'update_type', operator: 'is', value: 'Create' }], any: [] },
        description: null,
        position: 0,
        raw_title: 'Notify requester',
        category_id: null,
      },
    });
    expect(typeof id).toBe('number');
  });

  it('fills ticket field defaults as recorded (removable, collapsed_for_agents, portal title, position 9999)', async () => {
    const answer = await post(sandbox, '/ticket_fields', { ticket_field: { type: 'text', title: 'Age' } });
    expect(answer.status).toBe(201);
    const { id, url } = answer.body.ticket_field;
    expect(answer.body.ticket_field).toEqual({
      url, id, type: 'text', title: 'Age', raw_title: 'Age', description: '', raw_description: '', position: 9999,
      active: true, required: false, collapsed_for_agents: false, regexp_for_validation: null, title_in_portal: 'Age',
      raw_title_in_portal: 'Age', visible_in_portal: false, editable_in_portal: false, required_in_portal: false,
      tag: null, created_at: T0, updated_at: T0, removable: true, agent_description: null,
    });
  });

  it('fills user field, ticket form, macro, automation and category defaults', async () => {
    const userField = (await post(sandbox, '/user_fields', { user_field: { type: 'text', key: 'age', title: 'Age' } })).body.user_field;
    expect(userField).toEqual({
      url: userField.url, id: userField.id, type: 'text', key: 'age', title: 'Age', description: '', raw_title: 'Age',
      raw_description: '', position: 0, active: true, system: false, regexp_for_validation: null, created_at: T0, updated_at: T0,
    });
    const form = (await post(sandbox, '/ticket_forms', { ticket_form: { name: 'Returns' } })).body.ticket_form;
    expect(form).toEqual({
      url: form.url, id: form.id, name: 'Returns', raw_name: 'Returns', display_name: null, raw_display_name: null,
      end_user_visible: false, position: 2, ticket_field_ids: [], active: true, default: false, created_at: T0,
      updated_at: T0, in_all_brands: true, restricted_brand_ids: [], end_user_conditions: [], agent_conditions: [],
    });
    const macro = (await post(sandbox, '/macros', { macro: { title: 'Close', actions: [{ field: 'status', value: 'solved' }] } })).body.macro;
    expect(macro).toEqual({
      url: macro.url, id: macro.id, title: 'Close', active: true, updated_at: T0, created_at: T0, position: 0,
      description: null, actions: [{ field: 'status', value: 'solved' }], restriction: null,
    });
    const automation = (await post(sandbox, '/automations', validAutomation())).body.automation;
    expect(Object.keys(automation)).toEqual([
      'url', 'id', 'title', 'active', 'updated_at', 'created_at', 'actions', 'conditions', 'position', 'raw_title',
    ]);
    const category = await post(sandbox, '/trigger_categories', { trigger_category: { name: 'Notifications' } });
    expect(category.status).toBe(200);
    expect(category.body).toEqual({
      trigger_category: {
        url: `${sandbox.url}/api/v2/trigger_categories/${category.body.trigger_category.id}.json`,
        id: expect.stringMatching(/^\d+$/), name: 'Notifications', updated_at: T0, created_at: T0, position: 0,
      },
    });
  });

  it('drops unknown keys and names them in x-zendesk-api-warn', async () => {
    const answer = await post(sandbox, '/macros', {
      macro: { title: 'M', actions: [{ field: 'status', value: 'open' }], conditions: null, output: null },
    });
    expect(answer.status).toBe(201);
    expect(answer.headers.get('x-zendesk-api-warn')).toBe(
      'Removed restricted keys ["conditions", "output"] from parameters according to whitelist',
    );
    expect(answer.body.macro).not.toHaveProperty('conditions');
  });

  it('gives new objects the next position after the highest one', async () => {
    const first = (await post(sandbox, '/automations', validAutomation('a'))).body.automation;
    await put(sandbox, '/automations/update_many', { automations: [{ id: first.id, position: 10000 }] });
    const second = (await post(sandbox, '/automations', validAutomation('b'))).body.automation;
    expect(second.position).toBe(10001);
  });

  it('answers 400 ParameterMissing without the root key', async () => {
    const answer = await post(sandbox, '/views', { title: 'x' });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ error: 'ParameterMissing', description: 'param is missing or the value is empty: view' });
  });
});

describe('read', () => {
  it('accepts the .json suffix and wraps one object in its singular key', async () => {
    const created = (await post(sandbox, '/views', validView())).body.view;
    const plain = await get(sandbox, `/views/${created.id}`);
    const suffixed = await get(sandbox, `/views/${created.id}.json`);
    expect(plain.status).toBe(200);
    expect(suffixed.body).toEqual(plain.body);
    expect(plain.body).toEqual({ view: created });
  });

  it('answers 404 RecordNotFound for an unknown id', async () => {
    for (const path of ['/triggers/999', '/automations/999', '/views/1', '/macros/5', '/ticket_fields/7', '/user_fields/8', '/organization_fields/9', '/ticket_forms/10']) {
      const answer = await get(sandbox, path);
      expect([path, answer.status, answer.body]).toEqual([path, 404, { error: 'RecordNotFound', description: 'Not found' }]);
    }
  });

  it('answers 404 with the newer error list for trigger categories', async () => {
    const answer = await get(sandbox, '/trigger_categories/123');
    expect(answer.status).toBe(404);
    expect(answer.body).toEqual({
      errors: [{ code: 'TriggerCategoryNotFound', title: 'Category can’t be found. Check the ID and try again.' }],
    });
  });

  it('lists triggers with the offset envelope when no page parameter is given', async () => {
    await post(sandbox, '/triggers', validTrigger('a'));
    const answer = await get(sandbox, '/triggers');
    expect(Object.keys(answer.body)).toEqual(['triggers', 'next_page', 'previous_page', 'count']);
    expect(answer.body.count).toBe(1);
  });

  it('answers an unknown path with InvalidEndpoint', async () => {
    const answer = await get(sandbox, '/nothing_here');
    expect(answer.status).toBe(404);
    expect(answer.body).toEqual({ error: 'InvalidEndpoint', description: 'Not found' });
  });
});

describe('update', () => {
  it('keeps omitted keys, replaces conditions wholesale and reports the empty any as removed', async () => {
    const created = (await post(sandbox, '/triggers', validTrigger('t', { description: 'keep me' }))).body.trigger;
    clock.advance(1000);
    const answer = await put(sandbox, `/triggers/${created.id}`, {
      trigger: { conditions: { any: [], all: [{ field: 'priority', operator: 'is', value: 'low' }] }, output: null },
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-zendesk-api-warn')).toBe(
      'Removed restricted keys ["any", "output"] from parameters according to whitelist',
    );
    expect(answer.body.trigger).toEqual({
      ...created,
      conditions: { all: [{ field: 'priority', operator: 'is', value: 'low' }], any: [] },
      updated_at: '2024-05-01T12:00:01Z',
    });
  });

  it('leaves updated_at alone when nothing changes (cassette: PUT {"ticket_field":{}})', async () => {
    const created = (await post(sandbox, '/ticket_fields', { ticket_field: { type: 'text', title: 'A' } })).body.ticket_field;
    clock.advance(5000);
    const answer = await put(sandbox, `/ticket_fields/${created.id}`, { ticket_field: {} });
    expect(answer.body.ticket_field).toEqual(created);
  });

  it('mirrors raw_title and raw_name when the text changes', async () => {
    const form = (await post(sandbox, '/ticket_forms', { ticket_form: { name: 'A' } })).body.ticket_form;
    const answer = await put(sandbox, `/ticket_forms/${form.id}.json`, { ticket_form: { name: 'TESTDATA', display_name: 'Shown' } });
    expect(answer.body.ticket_form).toMatchObject({ name: 'TESTDATA', raw_name: 'TESTDATA', display_name: 'Shown', raw_display_name: 'Shown' });
  });

  it('updates trigger categories with PATCH only', async () => {
    const category = (await post(sandbox, '/trigger_categories', { trigger_category: { name: 'A' } })).body.trigger_category;
    const patched = await call(sandbox, 'PATCH', `/trigger_categories/${category.id}`, { trigger_category: { name: 'B' } });
    expect(patched.status).toBe(200);
    expect(patched.body.trigger_category.name).toBe('B');
    const putAnswer = await put(sandbox, `/trigger_categories/${category.id}`, { trigger_category: { name: 'C' } });
    expect(putAnswer.status).toBe(404);
  });
});

describe('delete', () => {
  it('answers 204 with an empty body, then 404', async () => {
    const created = (await post(sandbox, '/macros', { macro: { title: 'M', actions: [{ field: 'status', value: 'open' }] } })).body.macro;
    const answer = await del(sandbox, `/macros/${created.id}`);
    expect(answer.status).toBe(204);
    expect(answer.text).toBe('');
    expect((await get(sandbox, `/macros/${created.id}`)).status).toBe(404);
  });

  it('refuses to delete a system ticket field', async () => {
    const subject = sandbox.dump().ticket_fields!.find((f) => f.type === 'subject')!;
    const answer = await del(sandbox, `/ticket_fields/${subject.id}`);
    expect(answer.status).toBe(422);
    expect(answer.body.error).toBe('RecordInvalid');
  });
});

describe('bulk endpoints', () => {
  it('update_many changes position and active only, destroy_many deletes all listed', async () => {
    const a = (await post(sandbox, '/macros', { macro: { title: 'a', actions: [{ field: 'status', value: 'open' }] } })).body.macro;
    const b = (await post(sandbox, '/macros', { macro: { title: 'b', actions: [{ field: 'status', value: 'open' }] } })).body.macro;
    const updated = await put(sandbox, '/macros/update_many', {
      macros: [{ id: a.id, position: 7, active: false, title: 'ignored' }],
    });
    expect(updated.status).toBe(200);
    expect(updated.body.macros).toEqual([{ ...a, position: 7, active: false }]);
    const destroyed = await del(sandbox, `/macros/destroy_many?ids=${a.id},${b.id}`);
    expect(destroyed.status).toBe(204);
    expect(sandbox.dump().macros).toEqual([]);
  });

  it('destroy_many with an unknown id deletes nothing', async () => {
    const a = (await post(sandbox, '/views', validView('a'))).body.view;
    const answer = await del(sandbox, `/views/destroy_many.json?ids=${a.id},42`);
    expect(answer.status).toBe(404);
    expect(sandbox.dump().views).toHaveLength(1);
  });

  it('show_many answers the existing ones', async () => {
    const form = (await post(sandbox, '/ticket_forms', { ticket_form: { name: 'x' } })).body.ticket_form;
    const answer = await get(sandbox, `/ticket_forms/show_many?ids=${form.id},1`);
    expect(answer.body).toEqual({ ticket_forms: [form], next_page: null, previous_page: null, count: 1 });
  });

  it('ticket_forms/reorder answers the list in the new order', async () => {
    const [defaultForm] = sandbox.dump().ticket_forms!;
    const form = (await post(sandbox, '/ticket_forms', { ticket_form: { name: 'x' } })).body.ticket_form;
    const answer = await put(sandbox, '/ticket_forms/reorder', { ticket_form_ids: [form.id, defaultForm!.id] });
    expect(answer.status).toBe(200);
    expect(answer.body.ticket_forms.map((f: { id: number; position: number }) => [f.id, f.position])).toEqual([
      [form.id, 0],
      [defaultForm!.id, 1],
    ]);
  });
});

describe('fresh account', () => {
  it('holds the system ticket fields in position order, a default form, statuses, brand, group and admin', () => {
    const state = sandbox.dump();
    expect(state.ticket_fields!.map((f) => [f.type, f.position, f.removable])).toEqual([
      ['subject', 1, false],
      ['description', 2, false],
      ['status', 3, false],
      ['tickettype', 4, true],
      ['priority', 5, true],
      ['group', 6, false],
      ['assignee', 7, false],
    ]);
    expect(state.ticket_forms!.map((f) => [f.name, f.default])).toEqual([['Default Ticket Form', true]]);
    expect(state.custom_statuses!.map((s) => s.status_category)).toEqual(['new', 'open', 'pending', 'hold', 'solved']);
    expect(state.groups!.map((g) => g.name)).toEqual(['Support']);
    expect(state.brands!.map((b) => b.default)).toEqual([true]);
    expect(state.users!.map((u) => u.role)).toEqual(['admin']);
    for (const type of ['triggers', 'automations', 'views', 'macros', 'trigger_categories', 'user_fields', 'organization_fields']) {
      expect([type, state[type]]).toEqual([type, []]);
    }
  });
});
