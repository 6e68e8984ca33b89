import { afterEach, describe, expect, it } from 'vitest';
import { UnexpectedAnswerError } from '../../src/zendesk/index.js';
import { rejectionOf, testClient } from './helpers.js';
import { inOrder, json, type RecordedRequest, type Reply, type ScriptedServer, startScriptedServer } from './scripted-server.js';

let server: ScriptedServer;
afterEach(async () => server?.close());

const fields = (from: number, count: number) => Array.from({ length: count }, (_, index) => ({ id: from + index }));

describe('cursor paging', () => {
  it('asks for page[size]=100, follows meta.after_cursor while has_more, ignores a non-null links.next on the last page', async () => {
    server = await startScriptedServer(
      inOrder(
        json(200, { views: fields(1, 100), meta: { has_more: true, after_cursor: 'xyz' }, links: { next: 'http://ignored/next' } }),
        json(200, { views: fields(101, 100), meta: { has_more: true, after_cursor: 'abc' }, links: { next: 'http://ignored/next' } }),
        json(200, { views: fields(201, 7), meta: { has_more: false, after_cursor: 'def' }, links: { next: 'http://ignored/next' } }),
      ),
    );
    const client = testClient(server.url);

    const views = await client.listAll<{ id: number }>('views', 'views', 'cursor');

    expect(views.map((view) => view.id)).toEqual(fields(1, 207).map((view) => view.id));
    expect(server.requests.map((request) => [request.path, request.query])).toEqual([
      ['/api/v2/views', { 'page[size]': '100' }],
      ['/api/v2/views', { 'page[size]': '100', 'page[after]': 'xyz' }],
      ['/api/v2/views', { 'page[size]': '100', 'page[after]': 'abc' }],
    ]);
    expect(client.stats).toMatchObject({ requests: 3, byMethod: { GET: 3 } });
  });

  it('keeps a query the path already carries', async () => {
    server = await startScriptedServer(inOrder(json(200, { triggers: [], meta: { has_more: false } })));

    await testClient(server.url).listAll('triggers?active=true', 'triggers', 'cursor');

    expect(server.requests[0]!.query).toEqual({ active: 'true', 'page[size]': '100' });
  });

  it('a cursor that repeats is an error, not an endless loop', async () => {
    server = await startScriptedServer(inOrder(json(200, { macros: [{ id: 1 }], meta: { has_more: true, after_cursor: 'same' } })));

    const error = await rejectionOf(testClient(server.url).listAll('macros', 'macros', 'cursor'));

    expect(error).toBeInstanceOf(UnexpectedAnswerError);
    expect(error.message).toBe('GET macros: Zendesk returned the cursor "same" twice; stopping to avoid a loop');
    expect(server.requests).toHaveLength(2);
  });

  it('follows next_page when Zendesk answers a page[size] request in the offset shape (salto recordings)', async () => {
    server = await startScriptedServer((request) =>
      request.query.page === '2'
        ? json(200, { ticket_fields: fields(101, 3), next_page: null, previous_page: 'x', count: 103 })
        : json(200, { ticket_fields: fields(1, 100), next_page: `${server.url}/api/v2/ticket_fields.json?page=2&per_page=100`, previous_page: null, count: 103 }),
    );

    const found = await testClient(server.url).listAll<{ id: number }>('ticket_fields', 'ticket_fields', 'cursor');

    expect(found).toHaveLength(103);
    expect(server.requests.map((request) => request.query)).toEqual([{ 'page[size]': '100' }, { page: '2', per_page: '100' }]);
  });

  it('has_more without after_cursor is an error', async () => {
    server = await startScriptedServer(inOrder(json(200, { macros: [], meta: { has_more: true } })));

    await expect(testClient(server.url).listAll('macros', 'macros', 'cursor')).rejects.toThrow(
      'GET macros: Zendesk said meta.has_more is true but gave no meta.after_cursor',
    );
  });
});

describe('offset paging', () => {
  function offsetPages(totalPages: number) {
    return (request: RecordedRequest): Reply => {
      const page = Number(request.query.page);
      const next = page < totalPages ? `${server.url}/api/v2/ticket_forms.json?page=${page + 1}&per_page=100` : null;
      return json(200, { ticket_forms: fields((page - 1) * 100 + 1, page < totalPages ? 100 : 3), next_page: next, previous_page: null, count: 203 });
    };
  }

  it('asks for per_page=100 and follows next_page until it is null', async () => {
    server = await startScriptedServer(() => json(200, {}));
    server.script = offsetPages(3);

    const forms = await testClient(server.url).listAll<{ id: number }>('ticket_forms', 'ticket_forms', 'offset');

    expect(forms).toHaveLength(203);
    expect(forms.at(-1)).toEqual({ id: 203 });
    expect(server.requests.map((request) => [request.path, request.query])).toEqual([
      ['/api/v2/ticket_forms', { per_page: '100', page: '1' }],
      ['/api/v2/ticket_forms.json', { page: '2', per_page: '100' }],
      ['/api/v2/ticket_forms.json', { page: '3', per_page: '100' }],
    ]);
  });

  it('refuses a next_page on another host: credentials never go there', async () => {
    server = await startScriptedServer(inOrder(json(200, { ticket_forms: [], next_page: 'https://evil.example/api/v2/ticket_forms.json?page=2' })));

    const error = await rejectionOf(testClient(server.url).listAll('ticket_forms', 'ticket_forms', 'offset'));

    expect(error.message).toBe(
      `GET ticket_forms: next_page https://evil.example/api/v2/ticket_forms.json?page=2 points outside ${server.url}/api/v2; not following it with your credentials`,
    );
    expect(server.requests).toHaveLength(1);
  });
});

describe('no paging', () => {
  it('makes one GET without paging parameters and returns the envelope list', async () => {
    server = await startScriptedServer(inOrder(json(200, { ticket_fields: fields(1, 150) })));

    const ticketFields = await testClient(server.url).listAll('ticket_fields', 'ticket_fields', 'none');

    expect(ticketFields).toHaveLength(150);
    expect(server.requests.map((request) => [request.path, request.query])).toEqual([['/api/v2/ticket_fields', {}]]);
  });

  it('an answer without the envelope key says what it found', async () => {
    server = await startScriptedServer(inOrder(json(200, { user_fields: [] })));

    await expect(testClient(server.url).listAll('organization_fields', 'organization_fields', 'none')).rejects.toThrow(
      'GET organization_fields: expected a list under "organization_fields" in Zendesk\'s answer, found keys "user_fields"',
    );
  });
});

describe('a failure inside paging', () => {
  it('a 429 on page 2 is waited out and paging continues', async () => {
    server = await startScriptedServer(
      inOrder(
        json(200, { triggers: [{ id: 1 }], meta: { has_more: true, after_cursor: 'a' } }),
        json(429, { error: 'TooManyRequests' }, { 'retry-after': '1' }),
        json(200, { triggers: [{ id: 2 }], meta: { has_more: false } }),
      ),
    );

    await expect(testClient(server.url).listAll('triggers', 'triggers', 'cursor')).resolves.toEqual([{ id: 1 }, { id: 2 }]);
    expect(server.requests.map((request) => request.query['page[after]'])).toEqual([undefined, 'a', 'a']);
  });
});
