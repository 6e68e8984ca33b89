import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { get } from './helpers.js';

let sandbox: Sandbox;

const trigger = (i: number) => ({
  url: null, id: 1000 + i, title: `T${String(i).padStart(2, '0')}`, active: true, updated_at: '2024-01-01T00:00:00Z',
  created_at: '2024-01-01T00:00:00Z', actions: [{ field: 'status', value: 'open' }],
  conditions: { all: [{ field: 'status', operator: 'is', value: 'new' }], any: [] }, description: null, position: i,
  raw_title: `T${i}`, category_id: null,
});

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, rateLimitPerMinute: null });
  sandbox.seed({ triggers: Array.from({ length: 5 }, (_, i) => trigger(i)) });
});
afterAll(async () => {
  await sandbox.stop();
});

const ids = (list: Array<{ id: number }>) => list.map((o) => o.id);

describe('offset pagination', () => {
  it('answers count and absolute next/previous page URLs', async () => {
    const first = await get(sandbox, '/triggers?per_page=2');
    expect(first.body).toMatchObject({
      count: 5,
      next_page: `${sandbox.url}/api/v2/triggers.json?page=2&per_page=2`,
      previous_page: null,
    });
    expect(ids(first.body.triggers)).toEqual([1000, 1001]);
    const last = await get(sandbox, '/triggers?page=3&per_page=2');
    expect(ids(last.body.triggers)).toEqual([1004]);
    expect(last.body.next_page).toBeNull();
    expect(last.body.previous_page).toBe(`${sandbox.url}/api/v2/triggers.json?page=2&per_page=2`);
  });

  it('caps per_page at 100 and answers 400 past 10,000 records', async () => {
    const capped = await get(sandbox, '/triggers?per_page=500&page=2');
    expect(capped.body.previous_page).toBe(`${sandbox.url}/api/v2/triggers.json?page=1&per_page=100`);
    expect((await get(sandbox, '/triggers?per_page=100&page=100')).status).toBe(200);
    const beyond = await get(sandbox, '/triggers?per_page=100&page=101');
    expect(beyond.status).toBe(400);
    expect(beyond.body.error).toBe('InvalidPaginationParameter');
  });

  it('is the only kind ticket_forms speak: page[size] gets offset answers', async () => {
    const answer = await get(sandbox, '/ticket_forms?page[size]=1');
    expect(Object.keys(answer.body)).toEqual(['ticket_forms', 'next_page', 'previous_page', 'count']);
  });
});

describe('cursor pagination', () => {
  it('walks every page with page[after] and stops on has_more, while links.next stays set on the last page', async () => {
    const seen: number[] = [];
    let answer = await get(sandbox, '/triggers?page[size]=2');
    const pages = [];
    for (;;) {
      pages.push(answer.body.meta);
      seen.push(...ids(answer.body.triggers));
      if (!answer.body.meta.has_more) break;
      answer = await get(sandbox, answer.body.links.next.replace(`${sandbox.url}/api/v2`, ''));
    }
    expect(seen).toEqual([1000, 1001, 1002, 1003, 1004]);
    expect(pages.map((m) => m.has_more)).toEqual([true, true, false]);
    // The quirk real clients trip on (salto trigger_categories): next is not null on the last page.
    expect(answer.body.links.next).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v2\/triggers\.json\?page%5Bsize%5D=2&page%5Bafter%5D=/);
    const afterLast = await get(sandbox, answer.body.links.next.replace(`${sandbox.url}/api/v2`, ''));
    expect(afterLast.body).toEqual({
      triggers: [],
      meta: { has_more: false, after_cursor: null, before_cursor: null },
      links: { prev: null, next: null },
    });
  });

  it('goes back with page[before]', async () => {
    const second = await get(sandbox, '/triggers?page[size]=2');
    const next = await get(sandbox, `/triggers?page[size]=2&page[after]=${encodeURIComponent(second.body.meta.after_cursor)}`);
    const back = await get(sandbox, `/triggers?page[size]=2&page[before]=${encodeURIComponent(next.body.meta.before_cursor)}`);
    expect(ids(back.body.triggers)).toEqual([1000, 1001]);
  });

  it('refuses page[size] over 100 and a cursor it did not make', async () => {
    const big = await get(sandbox, '/triggers?page[size]=101');
    expect(big.status).toBe(400);
    expect(big.body).toEqual({ errors: [{ code: 'InvalidPaginationParameter', title: 'page[size] is not valid' }] });
    const bad = await get(sandbox, '/triggers?page[after]=nonsense');
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ errors: [{ code: 'InvalidPaginationParameter', title: 'page[after] is not valid' }] });
  });

  it('orders ticket fields by id under a cursor, by position without one (spec GET /ticket_fields)', async () => {
    const fields = sandbox.dump().ticket_fields!;
    const byPosition = ids((await get(sandbox, '/ticket_fields')).body.ticket_fields);
    expect(byPosition).toEqual(ids(fields as Array<{ id: number }>));
    const unpaginated = await get(sandbox, '/ticket_fields');
    expect(unpaginated.body.count).toBe(7);
    const cursor = await get(sandbox, '/ticket_fields?page[size]=100');
    expect(ids(cursor.body.ticket_fields)).toEqual([...byPosition].sort((a, b) => a - b));
  });

  it('answers trigger categories in the cursor shape even without page parameters', async () => {
    const answer = await get(sandbox, '/trigger_categories');
    expect(answer.body).toEqual({
      trigger_categories: [],
      meta: { has_more: false, after_cursor: null, before_cursor: null },
      links: { prev: null, next: null },
    });
  });
});
