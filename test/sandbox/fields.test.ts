import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { del, get, post, put } from './helpers.js';

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, rateLimitPerMinute: null });
});
afterAll(async () => {
  await sandbox.stop();
});
beforeEach(() => sandbox.reset());

const dropdown = (title: string, options: Array<[string, string]>) => ({
  ticket_field: { type: 'tagger', title, custom_field_options: options.map(([name, value]) => ({ name, value })) },
});

describe('option sets', () => {
  it('creates options with ids, raw_name and default (salto ticket_fields shape)', async () => {
    const field = (await post(sandbox, '/ticket_fields', dropdown('Tier', [['Free', 'free'], ['Paying', 'paying']]))).body.ticket_field;
    expect(field.custom_field_options).toEqual([
      { id: expect.any(Number), name: 'Free', raw_name: 'Free', value: 'free', default: false },
      { id: expect.any(Number), name: 'Paying', raw_name: 'Paying', value: 'paying', default: false },
    ]);
  });

  it('replaces the set on PUT: omitted options go, kept ones keep their ids when matched by id or value', async () => {
    const field = (await post(sandbox, '/ticket_fields', dropdown('Tier', [['Free', 'free'], ['Paying', 'paying'], ['Old', 'old']]))).body.ticket_field;
    const [free, paying] = field.custom_field_options;
    const answer = await put(sandbox, `/ticket_fields/${field.id}`, {
      ticket_field: {
        custom_field_options: [
          { name: 'Enterprise', value: 'enterprise' },
          { id: paying.id, name: 'Paid', value: 'paid' },
          { name: 'Free tier', value: 'free' },
        ],
      },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.ticket_field.custom_field_options).toEqual([
      { id: expect.any(Number), name: 'Enterprise', raw_name: 'Enterprise', value: 'enterprise', default: false },
      { id: paying.id, name: 'Paid', raw_name: 'Paid', value: 'paid', default: false },
      { id: free.id, name: 'Free tier', raw_name: 'Free tier', value: 'free', default: false },
    ]);
  });

  it('user and organization field options carry no default (salto user_fields)', async () => {
    const answer = await post(sandbox, '/organization_fields', {
      organization_field: { type: 'dropdown', key: 'tier', title: 'Tier', custom_field_options: [{ name: 'A', value: 'a' }] },
    });
    expect(answer.body.organization_field.custom_field_options).toEqual([{ id: expect.any(Number), name: 'A', raw_name: 'A', value: 'a' }]);
  });
});

describe('option endpoints', () => {
  it('lists, creates (201), updates (200), shows and deletes one option', async () => {
    const field = (await post(sandbox, '/ticket_fields', dropdown('Tier', [['Free', 'free']]))).body.ticket_field;
    const base = `/ticket_fields/${field.id}/options`;
    const created = await post(sandbox, base, { custom_field_option: { name: 'Gold', value: 'gold' } });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/api/v2/ticket_fields/${field.id}/options`);
    const gold = created.body.custom_field_option;
    expect(gold).toEqual({
      url: `${sandbox.url}/api/v2/ticket_fields/${field.id}/options/${gold.id}.json`,
      id: gold.id, name: 'Gold', raw_name: 'Gold', value: 'gold', default: false, position: 1,
    });
    const updated = await post(sandbox, base, { custom_field_option: { id: gold.id, name: 'Golden', value: 'gold' } });
    expect(updated.status).toBe(200);
    expect(updated.body.custom_field_option).toEqual({ ...gold, name: 'Golden', raw_name: 'Golden' });
    const listed = await get(sandbox, base);
    expect(listed.body.custom_field_options.map((o: { value: string }) => o.value)).toEqual(['free', 'gold']);
    expect(listed.body.count).toBe(2);
    expect((await get(sandbox, `${base}/${gold.id}`)).body.custom_field_option.name).toBe('Golden');
    expect((await del(sandbox, `${base}/${gold.id}`)).status).toBe(204);
    expect((await get(sandbox, `${base}/${gold.id}`)).status).toBe(404);
    const cursor = await get(sandbox, `${base}?page[size]=1`);
    expect(cursor.body.meta.has_more).toBe(false);
  });

  it('exist for user fields, not for organization fields', async () => {
    const user = (await post(sandbox, '/user_fields', { user_field: { type: 'dropdown', key: 'k', title: 'K', custom_field_options: [{ name: 'A', value: 'a' }] } })).body.user_field;
    expect((await get(sandbox, `/user_fields/${user.id}/options`)).status).toBe(200);
    const org = (await post(sandbox, '/organization_fields', { organization_field: { type: 'dropdown', key: 'k', title: 'K', custom_field_options: [{ name: 'A', value: 'a' }] } })).body.organization_field;
    expect((await get(sandbox, `/organization_fields/${org.id}/options`)).body).toEqual({ error: 'InvalidEndpoint', description: 'Not found' });
  });
});

describe('field rules', () => {
  it('refuses a tag already used by another ticket field', async () => {
    await post(sandbox, '/ticket_fields', dropdown('Tier', [['Free', 'free']]));
    const answer = await post(sandbox, '/ticket_fields', { ticket_field: { type: 'checkbox', title: 'Is free', tag: 'free' } });
    expect(answer.status).toBe(422);
    expect(answer.body).toEqual({
      error: 'RecordInvalid',
      description: 'Record validation errors',
      details: { base: [{ description: 'The tag "free" is already in use by the ticket field "Tier"', error: 'DuplicateValue' }] },
    });
  });

  it('refuses a type change and keeps the field as it was', async () => {
    const field = (await post(sandbox, '/ticket_fields', { ticket_field: { type: 'text', title: 'A' } })).body.ticket_field;
    const answer = await put(sandbox, `/ticket_fields/${field.id}`, { ticket_field: { type: 'integer', title: 'B' } });
    expect(answer.status).toBe(422);
    expect(answer.body.details).toEqual({ type: [{ description: 'Type: cannot be changed', error: 'InvalidValue' }] });
    expect((await get(sandbox, `/ticket_fields/${field.id}`)).body.ticket_field).toEqual(field);
  });

  it('refuses a duplicate user field key and a blank title', async () => {
    await post(sandbox, '/user_fields', { user_field: { type: 'text', key: 'age', title: 'Age' } });
    const duplicate = await post(sandbox, '/user_fields', { user_field: { type: 'text', key: 'age', title: 'Age 2' } });
    expect(duplicate.status).toBe(422);
    expect(duplicate.body.details).toEqual({ key: [{ description: 'Key: has already been taken', error: 'DuplicateValue' }] });
    const blank = await post(sandbox, '/organization_fields', { organization_field: { type: 'text', key: 'x', title: '' } });
    expect(blank.body.details).toEqual({ title: [{ description: 'Title: cannot be blank', error: 'BlankValue' }] });
  });

  it('refuses duplicate option values within a field', async () => {
    const answer = await post(sandbox, '/ticket_fields', dropdown('T', [['A', 'a'], ['B', 'a']]));
    expect(answer.status).toBe(422);
    expect(Object.keys(answer.body.details)).toEqual(['custom_field_options']);
  });

  it('accepts the key in place of the id and ignores a key change', async () => {
    const field = (await post(sandbox, '/user_fields', { user_field: { type: 'text', key: 'age', title: 'Age' } })).body.user_field;
    expect((await get(sandbox, '/user_fields/age')).body.user_field).toEqual(field);
    const renamed = await put(sandbox, '/user_fields/age.json', { user_field: { key: 'years', title: 'Years' } });
    expect(renamed.body.user_field).toMatchObject({ id: field.id, key: 'age', title: 'Years', raw_title: 'Years' });
  });
});

describe('reorder', () => {
  it('gives listed fields the first positions and the rest follow (spec PUT /ticket_fields/reorder)', async () => {
    const a = (await post(sandbox, '/user_fields', { user_field: { type: 'text', key: 'a', title: 'A' } })).body.user_field;
    const b = (await post(sandbox, '/user_fields', { user_field: { type: 'text', key: 'b', title: 'B' } })).body.user_field;
    const c = (await post(sandbox, '/user_fields', { user_field: { type: 'text', key: 'c', title: 'C' } })).body.user_field;
    const answer = await put(sandbox, '/user_fields/reorder', { user_field_ids: [c.id, a.id] });
    expect(answer.status).toBe(200);
    expect(answer.text).toBe('');
    const listed = (await get(sandbox, '/user_fields')).body.user_fields;
    expect(listed.map((f: { key: string; position: number }) => [f.key, f.position])).toEqual([['c', 0], ['a', 1], ['b', 2]]);
    expect(b.position).toBe(1);
  });
});
