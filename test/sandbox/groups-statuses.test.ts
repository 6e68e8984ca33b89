import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { manualClock, startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { call, del, get, post, put, validTrigger } from './helpers.js';

const clock = manualClock(Date.UTC(2024, 4, 1, 12, 0, 0));
const T0 = '2024-05-01T12:00:00Z';
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, clock, rateLimitPerMinute: null });
});
afterAll(async () => {
  await sandbox.stop();
});
beforeEach(() => {
  sandbox.reset();
  sandbox.clearRequests();
});

const writes = () => sandbox.requests.filter((r) => r.method !== 'GET' && r.status !== null && r.status < 300);
const invalid = (field: string, description: string, error = 'InvalidValue') => ({
  error: 'RecordInvalid', description: 'Record validation errors', details: { [field]: [{ description, error }] },
});

describe('groups', () => {
  it('create, show, update, delete (soft): the deleted group leaves the list but is still shown, marked', async () => {
    const created = await post(sandbox, '/groups', { group: { name: 'Billing', description: 'Money' } });
    expect(created.status).toBe(201);
    const { id, url } = created.body.group;
    expect(url).toBe(`${sandbox.url}/api/v2/groups/${id}.json`);
    expect(created.headers.get('location')).toBe(url);
    expect(created.body.group).toEqual({
      url, id, name: 'Billing', description: 'Money', is_public: true, default: false, deleted: false, created_at: T0, updated_at: T0,
    });
    const updated = await put(sandbox, `/groups/${id}`, { group: { name: 'Billing team', default: true } });
    expect(updated.status).toBe(200);
    expect(updated.body.group).toMatchObject({ name: 'Billing team', default: false });
    expect(updated.headers.get('x-zendesk-api-warn')).toBe('Removed restricted keys ["default"] from parameters according to whitelist');

    expect((await del(sandbox, `/groups/${id}`)).status).toBe(204);
    expect((await get(sandbox, '/groups')).body.groups.map((g: { name: string }) => g.name)).toEqual(['Support']);
    expect((await get(sandbox, `/groups/${id}`)).body.group).toMatchObject({ name: 'Billing team', deleted: true });
    expect((await get(sandbox, '/groups?exclude_deleted=false')).body.groups.map((g: { name: string }) => g.name)).toEqual(['Support', 'Billing team']);
    expect((await put(sandbox, `/groups/${id}`, { group: { name: 'Back' } })).status).toBe(404);
    expect((await del(sandbox, `/groups/${id}`)).status).toBe(404);
    expect(sandbox.dump().groups!.map((g) => g.name)).toEqual(['Support']);
  });

  it('answers page[size] with the offset shape, as recorded', async () => {
    for (const name of ['A', 'B', 'C']) await post(sandbox, '/groups', { group: { name } });
    const page = await get(sandbox, '/groups?page[size]=2');
    expect(Object.keys(page.body)).toEqual(['groups', 'next_page', 'previous_page', 'count']);
    const first = await get(sandbox, '/groups?per_page=2');
    expect(first.body.count).toBe(4);
    expect(first.body.next_page).toBe(`${sandbox.url}/api/v2/groups.json?page=2&per_page=2`);
    expect((await call(sandbox, 'GET', first.body.next_page)).body.groups.map((g: { name: string }) => g.name)).toEqual(['B', 'C']);
  });

  it('refuses a blank or taken name, a private group made public, the default group and a group in use; nothing is written', async () => {
    const [support] = sandbox.dump().groups!;
    const secret = (await post(sandbox, '/groups', { group: { name: 'Secret', is_public: false } })).body.group;
    sandbox.clearRequests();
    expect((await post(sandbox, '/groups', { group: { name: ' ' } })).body).toEqual(invalid('name', 'Name: cannot be blank', 'BlankValue'));
    expect((await post(sandbox, '/groups', { group: { name: 'support' } })).body).toEqual(invalid('name', 'Name: has already been taken', 'DuplicateValue'));
    expect((await put(sandbox, `/groups/${secret.id}`, { group: { is_public: true } })).body).toEqual(
      invalid('is_public', 'Is public: a private group cannot be made public'),
    );
    expect((await del(sandbox, `/groups/${support!.id}`)).body).toEqual(invalid('base', 'Base: the default group cannot be deleted'));
    const trigger = (await post(sandbox, '/triggers', validTrigger('Route', { actions: [{ field: 'group_id', value: String(secret.id) }] }))).body.trigger;
    const refused = await del(sandbox, `/groups/${secret.id}`);
    expect(refused.status).toBe(422);
    expect(refused.body).toEqual(invalid('base', `Base: is in use by trigger "Route" (id ${trigger.id})`, 'InUse'));
    expect(writes().map((r) => `${r.method} ${r.path}`)).toEqual(['POST /api/v2/triggers']);
    expect((await get(sandbox, `/groups/${secret.id}`)).body.group.deleted).toBe(false);
  });

  it('a deleted group no longer resolves as a reference', async () => {
    const group = (await post(sandbox, '/groups', { group: { name: 'Gone' } })).body.group;
    await del(sandbox, `/groups/${group.id}`);
    const answer = await post(sandbox, '/triggers', validTrigger('Route', { actions: [{ field: 'group_id', value: group.id }] }));
    expect(answer.body).toEqual(invalid('base', `actions[0] (group_id): there is no group with id ${group.id}`));
  });
});

describe('custom statuses', () => {
  const statuses = async (query = '') => (await get(sandbox, `/custom_statuses${query}`)).body.custom_statuses as Array<Record<string, unknown>>;

  it('a fresh account holds the five built-in ones as recorded, one default per category', async () => {
    const [first] = await statuses();
    expect(first).toEqual({
      url: first!.url, id: first!.id, status_category: 'new', agent_label: 'New', raw_agent_label: '{{zd.status_new}}',
      end_user_label: 'Open', raw_end_user_label: '{{zd.status_end_user_new}}', description: 'Ticket is awaiting assignment to an agent',
      raw_description: '{{zd.status_new_description}}', end_user_description: 'We are working on a response for you',
      raw_end_user_description: '{{zd.status_end_user_new_description}}', active: true, default: true, created_at: T0, updated_at: T0,
    });
    const list = await get(sandbox, '/custom_statuses?page=2&per_page=1');
    expect(list.body.custom_statuses).toHaveLength(5);
    expect(list.body.count).toBe(5);
  });

  it('create, update (status_category stays), filters, delete', async () => {
    const created = await post(sandbox, '/custom_statuses', { custom_status: { status_category: 'open', agent_label: 'Escalated', description: 'Tier 2' } });
    expect(created.status).toBe(201);
    const { id } = created.body.custom_status;
    expect(created.body.custom_status).toMatchObject({
      status_category: 'open', agent_label: 'Escalated', raw_agent_label: 'Escalated', end_user_label: 'Escalated', description: 'Tier 2',
      active: true, default: false,
    });
    const updated = await put(sandbox, `/custom_statuses/${id}`, { custom_status: { status_category: 'hold', active: false } });
    expect(updated.body.custom_status).toMatchObject({ status_category: 'open', active: false });
    expect(updated.headers.get('x-zendesk-api-warn')).toContain('"status_category"');
    expect((await statuses('?status_categories=open,hold&active=false')).map((s) => s.agent_label)).toEqual(['Escalated']);
    expect((await statuses('?default=true')).map((s) => s.agent_label)).toEqual(['New', 'Open', 'Pending', 'On-hold', 'Solved']);
    expect((await del(sandbox, `/custom_statuses/${id}`)).status).toBe(204);
    expect((await get(sandbox, `/custom_statuses/${id}`)).status).toBe(404);
  });

  it('PUT /custom_status/default moves the default of a category', async () => {
    const escalated = (await post(sandbox, '/custom_statuses', { custom_status: { status_category: 'open', agent_label: 'Escalated' } })).body.custom_status;
    const answer = await put(sandbox, '/custom_status/default', { ids: String(escalated.id) });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({});
    expect((await statuses('?status_categories=open&default=true')).map((s) => s.agent_label)).toEqual(['Escalated']);
    const open = (await statuses('?status_categories=open')).find((s) => s.agent_label === 'Open')!;
    expect((await put(sandbox, `/custom_statuses/${open.id}`, { custom_status: { active: false } })).status).toBe(200);
  });

  it('refuses what Zendesk refuses, and stores nothing', async () => {
    const [builtIn] = await statuses();
    sandbox.clearRequests();
    const cases: Array<[string, string, unknown, unknown]> = [
      ['POST', '/custom_statuses', { custom_status: { status_category: 'closed', agent_label: 'X' } }, invalid('status_category', 'Status category: "closed" is not one of new, open, pending, hold, solved')],
      ['POST', '/custom_statuses', { custom_status: { status_category: 'open' } }, invalid('agent_label', 'Agent label: cannot be blank', 'BlankValue')],
      ['POST', '/custom_statuses', { custom_status: { status_category: 'open', agent_label: 'x'.repeat(49), end_user_label: 'Short' } }, invalid('agent_label', 'Agent label: is too long (maximum is 48 characters)', 'TooLong')],
      ['POST', '/custom_statuses', { custom_status: { status_category: 'open', agent_label: 'pending' } }, invalid('agent_label', 'Agent label: has already been taken', 'DuplicateValue')],
      ['PUT', `/custom_statuses/${builtIn!.id}`, { custom_status: { active: false } }, invalid('active', 'Active: a default status cannot be deactivated')],
      ['DELETE', `/custom_statuses/${builtIn!.id}`, undefined, invalid('base', 'Base: a default status cannot be deleted')],
    ];
    for (const [method, path, body, expected] of cases) {
      const answer = await call(sandbox, method, path, body);
      expect([method, path, answer.status, answer.body]).toEqual([method, path, 422, expected]);
    }
    expect(writes()).toEqual([]);
    const status = (await post(sandbox, '/custom_statuses', { custom_status: { status_category: 'open', agent_label: 'Used' } })).body.custom_status;
    const used = (await post(sandbox, '/triggers', validTrigger('Use', { actions: [{ field: 'custom_status_id', value: status.id }] }))).body.trigger;
    expect((await del(sandbox, `/custom_statuses/${status.id}`)).body).toEqual(invalid('base', `Base: is in use by trigger "Use" (id ${used.id})`, 'InUse'));
  });
});
