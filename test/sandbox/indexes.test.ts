import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { systemClock } from '../../src/sandbox/clock.js';
import { tagsOf } from '../../src/sandbox/rules/options.js';
import { Store } from '../../src/sandbox/store.js';
import type { ApiObject } from '../../src/sandbox/model.js';
import { del, get, post, put } from './helpers.js';

// The store's indexes (tags in use, field keys, highest position) replace full scans; these
// tests hold them to what the scans answered across every kind of change.

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, rateLimitPerMinute: null });
});
afterAll(async () => {
  await sandbox.stop();
});
beforeEach(() => sandbox.reset());

const dropdown = (title: string, values: string[]) => ({
  ticket_field: { type: 'tagger', title, custom_field_options: values.map((value) => ({ name: value, value })) },
});
const tagClash = (tag: string, owner: string) => ({
  description: `The tag "${tag}" is already in use by the ticket field "${owner}"`,
  error: 'DuplicateValue',
});

describe('ticket field tags in use', () => {
  it('frees the tags of a deleted field', async () => {
    const a = await post(sandbox, '/ticket_fields', dropdown('A', ['x', 'y']));
    expect(a.status).toBe(201);
    const refused = await post(sandbox, '/ticket_fields', dropdown('B', ['y']));
    expect(refused.status).toBe(422);
    expect(refused.body.details.base).toEqual([tagClash('y', 'A')]);
    expect((await del(sandbox, `/ticket_fields/${a.body.ticket_field.id}`)).status).toBe(204);
    expect((await post(sandbox, '/ticket_fields', dropdown('B', ['x', 'y']))).status).toBe(201);
  });

  it('frees a tag an update moved away and takes the new one', async () => {
    const a = await post(sandbox, '/ticket_fields', dropdown('A', ['x']));
    const id = a.body.ticket_field.id;
    expect((await put(sandbox, `/ticket_fields/${id}`, dropdown('A', ['z']))).status).toBe(200);
    expect((await post(sandbox, '/ticket_fields', dropdown('B', ['x']))).status).toBe(201);
    const refused = await post(sandbox, '/ticket_fields', dropdown('C', ['z']));
    expect(refused.body.details.base).toEqual([tagClash('z', 'A')]);
    // the field may keep its own tags on update
    expect((await put(sandbox, `/ticket_fields/${id}`, { ticket_field: { title: 'A2' } })).status).toBe(200);
    expect((await post(sandbox, '/ticket_fields', dropdown('C', ['z']))).body.details.base).toEqual([tagClash('z', 'A2')]);
  });

  it('follows option endpoints and checkbox tags', async () => {
    const a = await post(sandbox, '/ticket_fields', dropdown('A', ['x']));
    const id = a.body.ticket_field.id;
    const option = await post(sandbox, `/ticket_fields/${id}/options`, { custom_field_option: { name: 'W', value: 'w' } });
    expect(option.status).toBe(201);
    expect((await post(sandbox, '/ticket_fields', { ticket_field: { type: 'checkbox', title: 'C', tag: 'w' } })).status).toBe(422);
    expect((await del(sandbox, `/ticket_fields/${id}/options/${option.body.custom_field_option.id}`)).status).toBe(204);
    const checkbox = await post(sandbox, '/ticket_fields', { ticket_field: { type: 'checkbox', title: 'C', tag: 'w' } });
    expect(checkbox.status).toBe(201);
    expect((await post(sandbox, '/ticket_fields', dropdown('D', ['w']))).body.details.base).toEqual([tagClash('w', 'C')]);
  });

  it('sees seeded fields, forgets a replaced type and a reset', async () => {
    sandbox.seed({ ticket_fields: [{ id: 7, type: 'checkbox', title: 'Seeded', tag: 's', position: 3 }] });
    expect((await post(sandbox, '/ticket_fields', dropdown('B', ['s']))).body.details.base).toEqual([tagClash('s', 'Seeded')]);
    sandbox.seed({ ticket_fields: [] });
    expect((await post(sandbox, '/ticket_fields', dropdown('B', ['s']))).status).toBe(201);
    sandbox.reset();
    expect((await post(sandbox, '/ticket_fields', dropdown('B', ['s']))).status).toBe(201);
  });

  it('names the last stored owner when seeded data holds a tag twice (as the scan did)', async () => {
    sandbox.seed({
      ticket_fields: [
        { id: 7, type: 'checkbox', title: 'First', tag: 'd' },
        { id: 8, type: 'checkbox', title: 'Second', tag: 'd' },
      ],
    });
    expect((await post(sandbox, '/ticket_fields', dropdown('B', ['d']))).body.details.base).toEqual([tagClash('d', 'Second')]);
    expect((await put(sandbox, '/ticket_fields/8', { ticket_field: { title: 'Second' } })).body.details.base).toEqual([tagClash('d', 'First')]);
  });
});

describe('user field keys', () => {
  const field = (key: string) => ({ user_field: { type: 'text', title: key, key } });

  it('refuses a taken key, frees it on delete, on seed and on reset, and finds fields by key', async () => {
    const a = await post(sandbox, '/user_fields', field('plan'));
    expect(a.status).toBe(201);
    expect((await post(sandbox, '/user_fields', field('plan'))).status).toBe(422);
    expect((await get(sandbox, '/user_fields/plan')).body.user_field.id).toBe(a.body.user_field.id);
    expect((await del(sandbox, '/user_fields/plan')).status).toBe(204);
    expect((await get(sandbox, '/user_fields/plan')).status).toBe(404);
    expect((await post(sandbox, '/user_fields', field('plan'))).status).toBe(201);
    sandbox.seed({ user_fields: [] });
    expect((await post(sandbox, '/user_fields', field('plan'))).status).toBe(201);
    sandbox.reset();
    expect((await get(sandbox, '/user_fields/plan')).status).toBe(404);
    // organization fields have their own keys
    expect((await post(sandbox, '/user_fields', field('tier'))).status).toBe(201);
    expect((await post(sandbox, '/organization_fields', { organization_field: { type: 'text', title: 't', key: 'tier' } })).status).toBe(201);
  });
});

describe('a new object goes after the highest position', () => {
  const macro = (title: string) => ({ macro: { title, actions: [{ field: 'status', value: 'open' }] } });
  const create = async (title: string) => (await post(sandbox, '/macros', macro(title))).body.macro;

  it('across creates, deletes, update_many, seed and reset', async () => {
    const [a, b, c] = [await create('a'), await create('b'), await create('c')];
    expect([a.position, b.position, c.position]).toEqual([0, 1, 2]);
    await del(sandbox, `/macros/${c.id}`);
    expect((await create('d')).position).toBe(2);
    await put(sandbox, '/macros/update_many', { macros: [{ id: a.id, position: 50 }] });
    expect((await create('e')).position).toBe(51);
    // the highest one moves down: the next position follows the new highest
    await put(sandbox, '/macros/update_many', { macros: [{ id: a.id, position: 0 }] });
    const f = await create('f');
    expect(f.position).toBe(52);
    await put(sandbox, '/macros/update_many', { macros: [{ id: f.id, position: 1 }] });
    expect((await create('g')).position).toBe(52);
    sandbox.seed({ macros: [{ id: 5, title: 's', position: 900, actions: [] }, { id: 6, title: 't', position: 'x', actions: [] }] });
    expect((await create('h')).position).toBe(901);
    sandbox.seed({ macros: [{ id: 6, title: 't', position: 'x', actions: [] }] });
    expect((await create('i')).position).toBe(0);
    sandbox.reset();
    expect((await create('j')).position).toBe(0);
  });

  it('trigger categories and triggers too', async () => {
    const cat = (name: string, position?: number) => post(sandbox, '/trigger_categories', { trigger_category: { name, ...(position === undefined ? {} : { position }) } });
    expect((await cat('one')).body.trigger_category.position).toBe(0);
    expect((await cat('two', 10)).body.trigger_category.position).toBe(10);
    expect((await cat('three')).body.trigger_category.position).toBe(11);
  });
});

describe('the store indexes against a full scan', () => {
  // A small PRNG so the sequence is the same every run.
  let seed = 42;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const TAGS = ['a', 'b', 'c', 'd', 'e', 'f'];

  it('answers what scanning every object answers, after 2,000 random puts, deletes, replaces and clears', () => {
    const store = new Store(systemClock);
    const randomField = (id: number): ApiObject => ({
      id,
      title: `f${id}`,
      type: 'dropdown',
      position: random(5) === 0 ? null : random(40),
      tag: random(3) === 0 ? TAGS[random(TAGS.length)] : null,
      key: `k${random(4)}`,
      custom_field_options: Array.from({ length: random(3) }, () => ({ value: TAGS[random(TAGS.length)] })),
    });
    for (let step = 0; step < 2000; step++) {
      const op = random(100);
      const id = 1 + random(12);
      if (op < 60) store.put('ticket_fields', randomField(id));
      else if (op < 62) store.put('user_fields', randomField(id));
      else if (op < 90) store.delete('ticket_fields', id);
      else if (op < 97) store.replaceAll('ticket_fields', [randomField(id), randomField(id + 20)]);
      else store.clear();
      const fields = store.all('ticket_fields');
      for (const tag of TAGS) {
        expect(store.ticketFieldsWithTag(tag)).toEqual(fields.filter((f) => tagsOf(f).includes(tag)));
      }
      const users = store.all('user_fields');
      for (const key of ['k0', 'k1', 'k2', 'k3']) expect(store.fieldsWithKey('user_fields', key)).toEqual(users.filter((f) => f.key === key));
      const positions = fields.map((f) => (typeof f.position === 'number' ? f.position : -1));
      expect(store.maxPosition('ticket_fields')).toBe(positions.length === 0 ? -1 : Math.max(...positions));
    }
  });

  it('a write does not read every object of its type', async () => {
    for (let i = 0; i < 5; i++) await post(sandbox, '/ticket_fields', dropdown(`F${i}`, [`v${i}`]));
    await post(sandbox, '/user_fields', { user_field: { type: 'text', title: 'k', key: 'k' } });
    const all = vi.spyOn(Store.prototype, 'all');
    try {
      expect((await post(sandbox, '/ticket_fields', dropdown('G', ['g']))).status).toBe(201);
      expect((await post(sandbox, '/user_fields', { user_field: { type: 'text', title: 'k2', key: 'k2' } })).status).toBe(201);
      expect((await post(sandbox, '/macros', { macro: { title: 'm', actions: [{ field: 'status', value: 'open' }] } })).status).toBe(201);
      expect((await get(sandbox, '/user_fields/k2')).status).toBe(200);
      expect(all.mock.calls.map(([type]) => type)).toEqual([]);
    } finally {
      all.mockRestore();
    }
  });
});
