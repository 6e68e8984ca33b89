// The client against the project's Zendesk emulator (src/sandbox), whose clock runs as fast as the
// client's time scale: "60 seconds" of Retry-After pass for both in 60 real milliseconds.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acceleratedClock, type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { createClient, type Paging, ZendeskApiError, type ZendeskClient } from '../../src/zendesk/index.js';
import { rejectionOf } from './helpers.js';

const SCALE = 1000;
const PACING_SCALE = 100;
let sandbox: Sandbox;
let client: ZendeskClient;

beforeEach(async () => {
  sandbox = await startSandbox({ port: 0, clock: acceleratedClock(SCALE), rateLimitPerMinute: null });
  client = createClient({ baseUrl: sandbox.url, auth: { email: 'admin@example.com', token: 'sandbox' }, timeScale: SCALE });
});
afterEach(async () => sandbox?.stop());

const NINE_TYPES: Array<[path: string, paging: Paging]> = [
  ['ticket_fields', 'cursor'],
  ['user_fields', 'cursor'],
  ['organization_fields', 'cursor'],
  ['ticket_forms', 'offset'],
  ['trigger_categories', 'cursor'],
  ['triggers', 'cursor'],
  ['automations', 'cursor'],
  ['views', 'cursor'],
  ['macros', 'cursor'],
];

describe('client against the sandbox', () => {
  it('lists all nine managed types, one request each on a fresh account', async () => {
    const lists = await Promise.all(NINE_TYPES.map(([path, paging]) => client.listAll<{ id: unknown }>(path, path, paging)));

    const sizes = Object.fromEntries(NINE_TYPES.map(([path], index) => [path, lists[index]!.length]));
    expect(sizes.ticket_fields).toBeGreaterThan(0); // the system fields of a fresh account
    expect(sizes.ticket_forms).toBeGreaterThan(0); // the default form
    expect(client.stats).toMatchObject({ requests: 9, retries: 0, byMethod: { GET: 9 } });
    expect(sandbox.requests).toHaveLength(9);
  });

  it('pages through 150 triggers with page[size]=100 and stops on has_more', async () => {
    for (let index = 1; index <= 150; index += 1) {
      await client.send('POST', 'triggers', { trigger: trigger(`Trigger ${index}`) });
    }
    sandbox.clearRequests();

    const triggers = await client.listAll<{ title: string }>('triggers', 'triggers', 'cursor');

    expect(triggers).toHaveLength(150);
    expect(sandbox.requests.map((request) => request.query['page[size]'])).toEqual(['100', '100']);
  });

  it('creates, updates and deletes a trigger', async () => {
    const created = await client.send<{ trigger: { id: number; title: string } }>('POST', 'triggers', { trigger: trigger('Notify requester') });
    expect(created.status).toBe(201);
    const id = created.body!.trigger.id;

    const updated = await client.send<{ trigger: { title: string } }>('PUT', `triggers/${id}`, { trigger: { title: 'Notify the requester' } });
    expect(updated.body!.trigger.title).toBe('Notify the requester');
    await expect(client.get(`triggers/${id}`)).resolves.toMatchObject({ trigger: { id, title: 'Notify the requester' } });

    const deleted = await client.send('DELETE', `triggers/${id}`, undefined, { describe: 'trigger "Notify the requester"' });
    expect(deleted).toMatchObject({ status: 204, body: undefined });

    const gone = await rejectionOf(client.get(`triggers/${id}`));
    expect(gone).toBeInstanceOf(ZendeskApiError);
    expect(gone).toMatchObject({ status: 404, attempts: 1 });
    expect(client.stats.byMethod).toEqual({ POST: 1, PUT: 1, GET: 2, DELETE: 1 });
  });

  it("quotes the sandbox's validation error for an invalid trigger", async () => {
    const error = await rejectionOf(client.send('POST', 'triggers', { trigger: { title: '' } }, { describe: 'trigger "(untitled)"' }));

    expect(error).toBeInstanceOf(ZendeskApiError);
    expect(error.message).toMatch(/^trigger "\(untitled\)": Zendesk answered 422 RecordInvalid: /);
    expect(sandbox.requests).toHaveLength(1);
  });

  it('honours a 429 from its rate limit: every request succeeds, the refused ones after Retry-After', async () => {
    sandbox.setRateLimit(2);

    // Four at once: the client knows no budget yet, so two are refused and retried after Retry-After.
    const answers = await Promise.all([1, 2, 3, 4].map(() => client.get('ticket_fields')));

    expect(answers).toHaveLength(4);
    const refused = sandbox.requests.filter((request) => request.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    expect(client.stats.retries).toBe(refused.length);
    expect(client.stats.requests).toBe(sandbox.requests.length);
    expect(client.stats.throttledMs).toBeGreaterThan(0);
  });

  it('paces itself from the rate-limit headers instead of drawing 429s', async () => {
    // A slower clock than the other tests: at 1000x one millisecond of event-loop delay is a
    // simulated second, enough to cross a 60-second window on a loaded machine.
    await sandbox.stop();
    sandbox = await startSandbox({ port: 0, clock: acceleratedClock(PACING_SCALE), rateLimitPerMinute: 3 });
    client = createClient({ baseUrl: sandbox.url, auth: { email: 'admin@example.com', token: 'sandbox' }, timeScale: PACING_SCALE });

    for (let index = 0; index < 7; index += 1) await client.get('ticket_fields');

    expect(sandbox.requests.filter((request) => request.status === 429)).toEqual([]);
    expect(sandbox.requests).toHaveLength(7);
    expect(client.stats.retries).toBe(0);
    expect(client.stats.throttledMs).toBeGreaterThan(0);
  });
});

function trigger(title: string) {
  return {
    title,
    conditions: { all: [{ field: 'status', operator: 'is', value: 'new' }], any: [] },
    actions: [{ field: 'status', value: 'open' }],
  };
}
