import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { call, del, get, post, put, validAutomation, validTrigger, validView } from './helpers.js';

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, rateLimitPerMinute: null });
});
afterAll(async () => {
  await sandbox.stop();
});
beforeEach(() => sandbox.reset());

const invalid = (description: string, field = 'base', error = 'InvalidValue') => ({
  error: 'RecordInvalid',
  description: 'Record validation errors',
  details: { [field]: [{ description, error }] },
});

describe('automations', () => {
  const automation = (all: unknown[], any: unknown[] = [], actions = [{ field: 'status', value: 'closed' }]) => ({
    automation: { title: 'A', conditions: { all, any }, actions },
  });
  const solved = { field: 'status', operator: 'is', value: 'solved' };
  const hours = { field: 'SOLVED', operator: 'greater_than', value: '96' };

  it('accepts the recorded default automations', async () => {
    expect((await post(sandbox, '/automations', validAutomation())).status).toBe(201);
    // cassette "Pending notification 24 hours": `is` on hours is true only once, no nullifying action needed
    const notify = automation([{ field: 'PENDING', operator: 'is', value: '24' }], [], [{ field: 'notification_user', value: ['requester_id', 's', 'b'] }] as never);
    expect((await post(sandbox, '/automations', notify)).status).toBe(201);
  });

  it('needs a time-based condition in all', async () => {
    const answer = await post(sandbox, '/automations', automation([solved]));
    expect(answer.status).toBe(422);
    expect(answer.body).toEqual(invalid('Automations must contain at least one time-based condition in the ALL conditions section'));
  });

  it('refuses a time-based condition in any', async () => {
    const answer = await post(sandbox, '/automations', automation([solved, hours], [{ field: 'PENDING', operator: 'greater_than', value: '1' }]));
    expect(answer.body).toEqual(invalid('Time-based conditions are not allowed in the ANY conditions section'));
  });

  it('must nullify itself', async () => {
    const answer = await post(sandbox, '/automations', automation([solved, hours], [], [{ field: 'priority', value: 'high' }]));
    expect(answer.body).toEqual(
      invalid('Automations must contain a condition that is true only once, or an action that nullifies one of its conditions'),
    );
  });
});

describe('views', () => {
  it('need an all condition on status, type, group, assignee or requester', async () => {
    const answer = await post(sandbox, '/views', { view: { title: 'V', all: [{ field: 'priority', operator: 'is', value: 'high' }] } });
    expect(answer.status).toBe(422);
    expect(answer.body).toEqual(
      invalid(
        'You must test for at least one of the following ticket properties in the ALL conditions section of your view: Status, Type, Group, Assignee, Requester.',
      ),
    );
  });

  it('are written with output and read back with execution in the recorded shape', async () => {
    const field = (await post(sandbox, '/ticket_fields', { ticket_field: { type: 'regexp', title: 'zip code' } })).body.ticket_field;
    const answer = await post(sandbox, '/views', {
      view: {
        ...validView().view,
        output: { columns: ['subject', field.id, 'requester'], group_by: 'status', group_order: 'asc', sort_by: 'nice_id', sort_order: 'desc' },
      },
    });
    expect(answer.status).toBe(201);
    const custom = { id: field.id, title: 'zip code', type: 'regexp', url: `${sandbox.url}/api/v2/ticket_fields/${field.id}.json` };
    expect(answer.body.view.execution).toEqual({
      group_by: 'status',
      group_order: 'asc',
      sort_by: 'nice_id',
      sort_order: 'desc',
      group: { id: 'status', title: 'Status', order: 'asc' },
      sort: { id: 'ticket_id', title: 'ID', order: 'desc' },
      columns: [{ id: 'subject', title: 'Subject' }, custom, { id: 'requester', title: 'Requester' }],
      fields: [{ id: 'subject', title: 'Subject' }, { id: 'requester', title: 'Requester' }],
      custom_fields: [custom],
    });
    expect(answer.body.view).not.toHaveProperty('output');
  });

  it('get the recorded default execution without output, and keep it across a partial output update', async () => {
    const view = (await post(sandbox, '/views', validView())).body.view;
    expect(view.execution).toEqual({
      group_by: null, group_order: 'desc', sort_by: null, sort_order: 'desc', group: null, sort: null,
      columns: [
        { id: 'subject', title: 'Subject' }, { id: 'requester', title: 'Requester' }, { id: 'created', title: 'Requested' },
        { id: 'updated', title: 'Updated' }, { id: 'group', title: 'Group' }, { id: 'assignee', title: 'Assignee' },
      ],
      fields: view.execution.columns,
      custom_fields: [],
    });
    const updated = await put(sandbox, `/views/${view.id}`, { view: { output: { sort_by: 'updated' } } });
    expect(updated.body.view.execution.columns).toEqual(view.execution.columns);
    expect(updated.body.view.execution.sort).toEqual({ id: 'updated', title: 'Updated', order: 'desc' });
  });

  it('read the Subject column, written as description (spec "View columns"), back as subject (recordings)', async () => {
    const view = (await post(sandbox, '/views', { view: { ...validView().view, output: { columns: ['nice_id', 'description', 'requester'] } } })).body.view;
    expect(view.execution.columns).toEqual([
      { id: 'nice_id', title: 'ID' },
      { id: 'subject', title: 'Subject' },
      { id: 'requester', title: 'Requester' },
    ]);
  });

  it('may sort by a custom field id', async () => {
    const field = (await post(sandbox, '/ticket_fields', { ticket_field: { type: 'date', title: 'Due' } })).body.ticket_field;
    const view = (await post(sandbox, '/views', { view: { ...validView().view, output: { sort_by: String(field.id), sort_order: 'asc' } } })).body.view;
    expect(view.execution.sort).toEqual({ id: field.id, title: 'Due', order: 'asc' });
    expect(view.execution.sort_by).toBe(field.id);
  });

  it('refuse more than 10 columns', async () => {
    const columns = ['subject', 'requester', 'created', 'updated', 'group', 'assignee', 'score', 'type', 'priority', 'status', 'brand'];
    const answer = await post(sandbox, '/views', { view: { ...validView().view, output: { columns } } });
    expect(answer.body).toEqual(invalid('A view can have at most 10 columns'));
  });
});

describe('rules in general', () => {
  it('refuse a blank title', async () => {
    const answer = await post(sandbox, '/macros', { macro: { title: ' ', actions: [{ field: 'status', value: 'open' }] } });
    expect(answer.body).toEqual(invalid('Title: cannot be blank', 'title', 'BlankValue'));
  });

  it('list a blank trigger category name with the newer error body', async () => {
    const answer = await post(sandbox, '/trigger_categories', { trigger_category: { name: '' } });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ errors: [{ code: 'InvalidTriggerCategory', title: 'Name cannot be blank' }] });
  });
});

describe('trigger categories', () => {
  const category = async (name: string) => (await post(sandbox, '/trigger_categories', { trigger_category: { name } })).body.trigger_category;

  it('put new triggers in the first category and refuse an unknown one', async () => {
    const second = await category('Second');
    await call(sandbox, 'PATCH', `/trigger_categories/${second.id}`, { trigger_category: { position: 5 } });
    const first = await category('First');
    await call(sandbox, 'PATCH', `/trigger_categories/${first.id}`, { trigger_category: { position: 0 } });
    const trigger = (await post(sandbox, '/triggers', validTrigger())).body.trigger;
    expect(trigger.category_id).toBe(first.id);
    const numeric = (await post(sandbox, '/triggers', validTrigger('x', { category_id: Number(second.id) }))).body.trigger;
    expect(numeric.category_id).toBe(second.id);
    const unknown = await post(sandbox, '/triggers', validTrigger('y', { category_id: '404' }));
    expect(unknown.body).toEqual(invalid('Category: is not valid', 'category_id'));
  });

  it('cannot be deleted while they hold active triggers; inactive ones go with them', async () => {
    const held = await category('Held');
    const trigger = (await post(sandbox, '/triggers', validTrigger('t', { category_id: held.id }))).body.trigger;
    const refused = await del(sandbox, `/trigger_categories/${held.id}`);
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({
      errors: [{ code: 'TriggerCategoryNotEmpty', title: 'A category with active ticket triggers cannot be deleted.' }],
    });
    await put(sandbox, `/triggers/${trigger.id}`, { trigger: { active: false } });
    expect((await del(sandbox, `/trigger_categories/${held.id}`)).status).toBe(204);
    expect((await get(sandbox, `/triggers/${trigger.id}`)).status).toBe(404);
  });

  it('move with a batch job, all or nothing', async () => {
    const a = await category('A');
    const b = await category('B');
    const trigger = (await post(sandbox, '/triggers', validTrigger('t', { category_id: a.id }))).body.trigger;
    const bad = await post(sandbox, '/trigger_categories/jobs', {
      job: { action: 'patch', items: { trigger_categories: [{ id: a.id, position: 9 }], triggers: [{ id: trigger.id, category_id: '1' }] } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ errors: [{ code: 'InvalidTrigger', title: 'category_id is not valid', trigger_id: String(trigger.id) }], status: 'failed' });
    expect((await get(sandbox, `/trigger_categories/${a.id}`)).body.trigger_category.position).toBe(0);
    const good = await post(sandbox, '/trigger_categories/jobs', {
      job: {
        action: 'patch',
        items: { trigger_categories: [{ id: b.id, position: 0 }, { id: a.id, position: 1 }], triggers: [{ id: trigger.id, position: 3, category_id: b.id }] },
      },
    });
    expect(good.status).toBe(200);
    expect(good.body.status).toBe('complete');
    expect(good.body.results.triggers).toEqual([expect.objectContaining({ id: trigger.id, position: 3, category_id: b.id })]);
    const listed = (await get(sandbox, '/trigger_categories')).body.trigger_categories;
    expect(listed.map((c: { name: string }) => c.name)).toEqual(['B', 'A']);
  });
});

describe('trigger order', () => {
  it('reorders with every trigger id; refuses a partial list and more than one category', async () => {
    const t1 = (await post(sandbox, '/triggers', validTrigger('one'))).body.trigger;
    const t2 = (await post(sandbox, '/triggers', validTrigger('two'))).body.trigger;
    const answer = await put(sandbox, '/triggers/reorder', { trigger_ids: [t2.id, t1.id] });
    expect(answer.status).toBe(200);
    expect(answer.body.triggers.map((t: { title: string; position: number }) => [t.title, t.position])).toEqual([['two', 0], ['one', 1]]);
    expect((await put(sandbox, '/triggers/reorder', { trigger_ids: [t1.id] })).status).toBe(404);
    await post(sandbox, '/trigger_categories', { trigger_category: { name: 'A' } });
    await post(sandbox, '/trigger_categories', { trigger_category: { name: 'B' } });
    const refused = await put(sandbox, '/triggers/reorder', { trigger_ids: [t1.id, t2.id] });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].code).toBe('LimitOneCategory');
  });

  it('update_many moves triggers between categories and lists /triggers/active', async () => {
    const a = (await post(sandbox, '/trigger_categories', { trigger_category: { name: 'A' } })).body.trigger_category;
    const t1 = (await post(sandbox, '/triggers', validTrigger('one'))).body.trigger;
    const t2 = (await post(sandbox, '/triggers', validTrigger('two'))).body.trigger;
    const answer = await put(sandbox, '/triggers/update_many', { triggers: [{ id: t2.id, active: false, category_id: a.id, title: 'no' }] });
    expect(answer.body.triggers).toEqual([{ ...t2, active: false }]);
    const active = (await get(sandbox, '/triggers/active')).body.triggers;
    expect(active.map((t: { id: number }) => t.id)).toEqual([t1.id]);
    const inactive = (await get(sandbox, '/triggers?active=false')).body.triggers;
    expect(inactive.map((t: { id: number }) => t.id)).toEqual([t2.id]);
    const refused = await put(sandbox, '/triggers/update_many', { triggers: [{ id: t1.id, category_id: '9' }] });
    expect(refused.status).toBe(422);
  });
});
