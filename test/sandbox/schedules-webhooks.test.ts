import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { manualClock, startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { call, del, get, patch, post, put, validTrigger } from './helpers.js';

const clock = manualClock(Date.UTC(2024, 4, 1, 12, 0, 0));
// The clock only moves forward across tests: timestamps are read from it.
const now = () => new Date(clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
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
const MON_FRI_9_17 = [
  { start_time: 1980, end_time: 2460 }, { start_time: 3420, end_time: 3900 }, { start_time: 4860, end_time: 5340 },
  { start_time: 6300, end_time: 6780 }, { start_time: 7740, end_time: 8220 },
];

describe('schedules', () => {
  const office = async () => (await post(sandbox, '/business_hours/schedules', { schedule: { name: 'Office', time_zone: 'London' } })).body.schedule;

  it('a new schedule works Monday to Friday 9-17 as recorded; intervals change through /workweek only', async () => {
    const created = await post(sandbox, '/business_hours/schedules', { schedule: { name: 'Office', time_zone: 'London', intervals: [] } });
    expect(created.status).toBe(201);
    const { id } = created.body.schedule;
    expect(created.body.schedule).toEqual({ id, name: 'Office', time_zone: 'London', created_at: now(), updated_at: now(), intervals: MON_FRI_9_17 });
    expect(created.headers.get('x-zendesk-api-warn')).toContain('"intervals"');
    clock.advance(60_000);
    const week = await put(sandbox, `/business_hours/schedules/${id}/workweek`, {
      workweek: { intervals: [{ start_time: 3420, end_time: 3900 }, { start_time: 1980, end_time: 2460 }] },
    });
    expect(week.status).toBe(200);
    expect(week.body).toEqual({ workweek: { intervals: [{ start_time: 1980, end_time: 2460 }, { start_time: 3420, end_time: 3900 }] } });
    const shown = (await get(sandbox, `/business_hours/schedules/${id}`)).body.schedule;
    expect(shown.intervals).toEqual(week.body.workweek.intervals);
    expect(shown.updated_at).toBe(now());
    expect(shown.updated_at).not.toBe(shown.created_at);
    expect((await put(sandbox, `/business_hours/schedules/${id}`, { schedule: { name: 'Head office' } })).body.schedule.name).toBe('Head office');
    expect(await get(sandbox, '/business_hours/schedules?page=2')).toMatchObject({ body: { schedules: [{ id, name: 'Head office' }] } });
    expect(Object.keys((await get(sandbox, '/business_hours/schedules')).body)).toEqual(['schedules']);
    expect((await del(sandbox, `/business_hours/schedules/${id}`)).status).toBe(204);
    expect((await get(sandbox, `/business_hours/schedules/${id}`)).status).toBe(404);
  });

  it('holidays: create, list, show, update, delete; never shown on the schedule itself', async () => {
    const { id } = await office();
    const base = `/business_hours/schedules/${id}/holidays`;
    const created = await post(sandbox, base, { holiday: { name: 'New year', start_date: '2025-01-01', end_date: '2025-01-01', extra: 1 } });
    expect(created.status).toBe(201);
    const holiday = created.body.holiday;
    expect(holiday).toEqual({ id: holiday.id, name: 'New year', start_date: '2025-01-01', end_date: '2025-01-01' });
    expect((await get(sandbox, base)).body).toEqual({ holidays: [holiday] });
    expect((await get(sandbox, `${base}/${holiday.id}`)).body).toEqual({ holiday });
    const updated = await put(sandbox, `${base}/${holiday.id}`, { holiday: { end_date: '2025-01-02' } });
    expect(updated.body.holiday).toEqual({ ...holiday, end_date: '2025-01-02' });
    expect(Object.keys((await get(sandbox, `/business_hours/schedules/${id}`)).body.schedule)).not.toContain('holidays');
    expect(sandbox.dump().schedules![0]).not.toHaveProperty('holidays');
    expect(sandbox.storedObjects('schedules')[0]!.holidays).toEqual([updated.body.holiday]);
    expect((await del(sandbox, `${base}/${holiday.id}`)).status).toBe(204);
    expect((await get(sandbox, `${base}/${holiday.id}`)).status).toBe(404);
    expect((await get(sandbox, base)).body).toEqual({ holidays: [] });
  });

  it('refuses a blank name, an unknown time zone, bad intervals and bad holidays; nothing is written', async () => {
    const { id } = await office();
    sandbox.clearRequests();
    const workweek = (intervals: unknown) => ({ workweek: { intervals } });
    const cases: Array<[string, string, unknown, unknown]> = [
      ['POST', '/business_hours/schedules', { schedule: { time_zone: 'London' } }, invalid('name', 'Name: cannot be blank', 'BlankValue')],
      ['POST', '/business_hours/schedules', { schedule: { name: 'X', time_zone: 'Europe/London' } }, invalid('time_zone', 'Time zone: "Europe/London" is not a known time zone')],
      ['PUT', `/business_hours/schedules/${id}/workweek`, workweek([]), invalid('intervals', 'Intervals: cannot be blank', 'BlankValue')],
      ['PUT', `/business_hours/schedules/${id}/workweek`, workweek([{ start_time: 600, end_time: 500 }]), invalid('intervals', 'Intervals: interval 0: start_time must be before end_time')],
      ['PUT', `/business_hours/schedules/${id}/workweek`, workweek([{ start_time: 10000, end_time: 10081 }]), invalid('intervals', 'Intervals: interval 0: must lie within 0 and 10080')],
      ['PUT', `/business_hours/schedules/${id}/workweek`, workweek([{ start_time: 0, end_time: 600 }, { start_time: 500, end_time: 700 }]), invalid('intervals', 'Intervals: intervals 0-600 and 500-700 overlap')],
      ['PUT', `/business_hours/schedules/${id}/workweek`, workweek([{ start_time: '0', end_time: 600 }]), invalid('intervals', 'Intervals: interval 0: start_time and end_time must be whole minutes')],
      ['POST', `/business_hours/schedules/${id}/holidays`, { holiday: { name: 'X', start_date: '2025-02-30', end_date: '2025-03-01' } }, invalid('start_date', 'Start date: is not a date (YYYY-MM-DD)')],
      ['POST', `/business_hours/schedules/${id}/holidays`, { holiday: { name: 'X', start_date: '2025-03-02', end_date: '2025-03-01' } }, invalid('end_date', 'End date: must not be before the start date')],
    ];
    for (const [method, path, body, expected] of cases) {
      const answer = await call(sandbox, method, path, body);
      expect([method, path, answer.status, answer.body]).toEqual([method, path, 422, expected]);
    }
    expect((await put(sandbox, `/business_hours/schedules/${id}/workweek`, {})).body).toEqual({
      error: 'ParameterMissing', description: 'param is missing or the value is empty: workweek',
    });
    expect(writes()).toEqual([]);
  });

  it('a schedule a trigger sets is not deleted', async () => {
    const { id } = await office();
    const trigger = (await post(sandbox, '/triggers', validTrigger('Office hours', { actions: [{ field: 'set_schedule', value: String(id) }] }))).body.trigger;
    expect((await del(sandbox, `/business_hours/schedules/${id}`)).body).toEqual(invalid('base', `Base: is in use by trigger "Office hours" (id ${trigger.id})`, 'InUse'));
    expect(sandbox.dump().schedules).toHaveLength(1);
  });
});

describe('webhooks', () => {
  const body = (extra: Record<string, unknown> = {}) => ({
    webhook: {
      name: 'Slack', endpoint: 'https://example.com/hook', http_method: 'POST', request_format: 'json', status: 'active',
      subscriptions: ['conditional_ticket_events'], authentication: { type: 'bearer_token', add_position: 'header', data: { token: 'TOPSECRET' } },
      ...extra,
    },
  });
  const SECRET = /TOPSECRET|hunter2|NEWTOKEN/;

  it('create answers the recorded shape with a ULID-like id and no secret; the secret is kept', async () => {
    const created = await post(sandbox, '/webhooks', body());
    expect(created.status).toBe(201);
    const { id } = created.body.webhook;
    expect(id).toMatch(/^01[0-9A-HJKMNP-TV-Z]{24}$/);
    const adminId = String(sandbox.dump().users![0]!.id);
    expect(created.body.webhook).toEqual({
      id, name: 'Slack', description: '', status: 'active', subscriptions: ['conditional_ticket_events'], created_at: now(),
      created_by: adminId, updated_at: now(), updated_by: adminId, endpoint: 'https://example.com/hook', http_method: 'POST',
      request_format: 'json', authentication: { type: 'bearer_token', add_position: 'header' },
    });
    expect(created.headers.get('location')).toBe(`${sandbox.url}/api/v2/webhooks/${id}.json`);
    expect(sandbox.storedObjects('webhooks')[0]!.authentication).toEqual({ type: 'bearer_token', add_position: 'header', data: { token: 'TOPSECRET' } });
  });

  it('the secret data is never answered: show, list, update, dump', async () => {
    const { id } = (await post(sandbox, '/webhooks', body({ custom_headers: { 'X-Team': 'ops' } }))).body.webhook;
    await patch(sandbox, `/webhooks/${id}`, { webhook: { authentication: { type: 'basic_auth', add_position: 'header', data: { username: 'u', password: 'hunter2' } } } });
    const answers = [
      await get(sandbox, `/webhooks/${id}`),
      await get(sandbox, '/webhooks'),
      await get(sandbox, '/webhooks?page[size]=1'),
      await get(sandbox, '/webhooks?per_page=1'),
    ];
    for (const answer of answers) expect(answer.text).not.toMatch(SECRET);
    expect(JSON.stringify(sandbox.dump())).not.toMatch(SECRET);
    expect(answers[0]!.body.webhook.authentication).toEqual({ type: 'basic_auth', add_position: 'header' });
    expect(answers[0]!.body.webhook.custom_headers).toEqual({ 'X-Team': 'ops' });
  });

  it('PATCH merges and answers 204; PUT replaces; the data stays only while the type does', async () => {
    const { id, created_at } = (await post(sandbox, '/webhooks', body({ custom_headers: { 'X-A': '1', 'X-B': '2' } }))).body.webhook;
    const patched = await patch(sandbox, `/webhooks/${id}`, { webhook: { status: 'inactive', custom_headers: { 'X-A': null, 'X-C': '3' }, authentication: { add_position: 'header' } } });
    expect(patched.status).toBe(204);
    expect(patched.text).toBe('');
    const stored = () => sandbox.storedObjects('webhooks')[0]!;
    expect(stored()).toMatchObject({ status: 'inactive', custom_headers: { 'X-B': '2', 'X-C': '3' }, authentication: { data: { token: 'TOPSECRET' } } });
    const retyped = await patch(sandbox, `/webhooks/${id}`, { webhook: { authentication: { type: 'api_key', add_position: 'header' } } });
    expect(retyped.status).toBe(400);
    expect(retyped.body).toEqual({ errors: [{ code: 'InvalidValue', title: 'Authentication: data.name, data.value required for api_key' }] });
    const replaced = await put(sandbox, `/webhooks/${id}`, { webhook: { name: 'Teams', endpoint: 'https://example.com/t', http_method: 'PUT', request_format: 'xml', status: 'active' } });
    expect(replaced.status).toBe(204);
    expect(stored()).toMatchObject({ name: 'Teams', description: '', subscriptions: [], http_method: 'PUT' });
    expect(stored()).not.toHaveProperty('authentication');
    expect(stored()).not.toHaveProperty('custom_headers');
    expect(stored().created_at).toBe(created_at);
  });

  it('signing secret: read at its own endpoint only, reset by POST', async () => {
    const { id } = (await post(sandbox, '/webhooks', body())).body.webhook;
    const first = await get(sandbox, `/webhooks/${id}/signing_secret`);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ signing_secret: { algorithm: 'SHA256', secret: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) } });
    expect((await get(sandbox, `/webhooks/${id}/signing_secret`)).body).toEqual(first.body);
    const reset = await post(sandbox, `/webhooks/${id}/signing_secret`, undefined);
    expect(reset.status).toBe(201);
    expect(reset.body.signing_secret.secret).not.toBe(first.body.signing_secret.secret);
    expect((await get(sandbox, `/webhooks/${id}`)).text).not.toContain(reset.body.signing_secret.secret);
    expect((await get(sandbox, `/webhooks/${id}/signing_secret`)).body).toEqual(reset.body);
  });

  it('cursor pagination and filters', async () => {
    for (const name of ['A', 'B', 'C']) await post(sandbox, '/webhooks', body({ name, status: name === 'B' ? 'inactive' : 'active' }));
    const first = await get(sandbox, '/webhooks?page[size]=2');
    expect(first.body.webhooks.map((w: { name: string }) => w.name)).toEqual(['A', 'B']);
    expect(first.body.meta.has_more).toBe(true);
    const second = await get(sandbox, `/webhooks?page[size]=2&page[after]=${encodeURIComponent(first.body.meta.after_cursor)}`);
    expect(second.body.webhooks.map((w: { name: string }) => w.name)).toEqual(['C']);
    expect(second.body.meta.has_more).toBe(false);
    expect((await get(sandbox, '/webhooks?filter[status]=inactive')).body.webhooks.map((w: { name: string }) => w.name)).toEqual(['B']);
    expect((await get(sandbox, '/webhooks?filter[name_contains]=c')).body.webhooks.map((w: { name: string }) => w.name)).toEqual(['C']);
  });

  it('refuses what is not a webhook with the error list, writes nothing; 404 for an unknown id; in use by a trigger', async () => {
    const error = (title: string) => ({ errors: [{ code: 'InvalidValue', title }] });
    const cases: Array<[unknown, unknown]> = [
      [body({ name: '' }), { errors: [{ code: 'InvalidValue', title: 'Name cannot be blank' }] }],
      [body({ endpoint: 'ftp://example.com' }), error('Endpoint: "ftp://example.com" is not an http or https URL')],
      [body({ http_method: 'HEAD' }), error('Http method: "HEAD" is not one of GET, POST, PUT, PATCH, DELETE')],
      [body({ request_format: 'yaml' }), error('Request format: "yaml" is not one of json, xml, form_encoded')],
      [body({ status: 'on' }), error('Status: "on" is not one of active, inactive')],
      [body({ subscriptions: ['conditional_ticket_events', 'zen:event-type:user.deleted'] }), error('Subscriptions: conditional_ticket_events cannot be combined with event subscriptions')],
      [body({ authentication: { type: 'basic_auth', add_position: 'header', data: { username: 'u' } } }), error('Authentication: data.password required for basic_auth')],
      [body({ authentication: { type: 'oauth', add_position: 'header' } }), error('Authentication: type "oauth" is not one of basic_auth, bearer_token, api_key')],
      [body({ custom_headers: { 'X-A': 1 } }), error('Custom headers: must map header names to text')],
    ];
    for (const [request, expected] of cases) {
      const answer = await post(sandbox, '/webhooks', request);
      expect([answer.status, answer.body]).toEqual([400, expected]);
    }
    expect(writes()).toEqual([]);
    expect((await get(sandbox, '/webhooks/01HNOTHERE000000000000000')).body).toEqual({ errors: [{ code: 'WebhookNotFound', title: 'Webhook not found' }] });
    const { id } = (await post(sandbox, '/webhooks', body())).body.webhook;
    const trigger = (await post(sandbox, '/triggers', validTrigger('Notify', { actions: [{ field: 'notification_webhook', value: [id, '{}'] }] }))).body.trigger;
    const refused = await del(sandbox, `/webhooks/${id}`);
    expect([refused.status, refused.body]).toEqual([400, { errors: [{ code: 'InUse', title: `Base: is in use by trigger "Notify" (id ${trigger.id})` }] }]);
    await del(sandbox, `/triggers/${trigger.id}`);
    expect((await del(sandbox, `/webhooks/${id}`)).status).toBe(204);
  });
});
