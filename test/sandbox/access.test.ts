import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock, startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { basicAuth, call, get, post, validView } from './helpers.js';

let sandbox: Sandbox;
const clock = manualClock(Date.UTC(2024, 0, 1, 0, 0, 0));

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, token: 'secret', clock, rateLimitPerMinute: 3 });
});
afterAll(async () => {
  await sandbox.stop();
});

const withToken = (token: string) => ({ Authorization: basicAuth('someone@example.com', token) });

describe('credentials', () => {
  it('accept any email with the token, Basic or Bearer, and refuse anything else with 401', async () => {
    sandbox.setRateLimit(null);
    expect((await call(sandbox, 'GET', '/triggers', undefined, withToken('secret'))).status).toBe(200);
    expect((await call(sandbox, 'GET', '/triggers', undefined, { Authorization: 'Bearer secret' })).status).toBe(200);
    for (const headers of [withToken('wrong'), { Authorization: 'Bearer wrong' }, {} as Record<string, string>]) {
      const answer = await call(sandbox, 'GET', '/triggers', undefined, headers);
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual({ error: "Couldn't authenticate you" });
    }
  });

  it('/users/me is no credential check: 200 with an anonymous user', async () => {
    const anonymous = await call(sandbox, 'GET', '/users/me', undefined, withToken('wrong'));
    expect(anonymous.status).toBe(200);
    expect(anonymous.body.user).toMatchObject({ id: null, name: 'Anonymous user', role: 'end-user' });
    const me = await call(sandbox, 'GET', '/users/me.json', undefined, withToken('secret'));
    expect(me.body.user).toMatchObject({ role: 'admin', email: 'admin@sandbox.zendesk.test' });
  });

  it('a non-admin token reads but answers writes with 403', async () => {
    sandbox.setAdminUser(false);
    try {
      expect((await call(sandbox, 'GET', '/views', undefined, withToken('secret'))).status).toBe(200);
      const answer = await call(sandbox, 'POST', '/views', validView(), withToken('secret'));
      expect(answer.status).toBe(403);
      expect(answer.body.error).toBe('Forbidden');
      expect((await call(sandbox, 'GET', '/users/me', undefined, withToken('secret'))).body.user.role).toBe('agent');
    } finally {
      sandbox.setAdminUser(true);
    }
  });
});

describe('lookups', () => {
  it('list groups, brands, schedules, webhooks, targets and custom statuses, and find users by email', async () => {
    sandbox.setRateLimit(null);
    const auth = withToken('secret');
    const names = async (path: string, key: string, field = 'name') =>
      (await call(sandbox, 'GET', path, undefined, auth)).body[key].map((o: Record<string, unknown>) => o[field]);
    expect(await names('/groups', 'groups')).toEqual(['Support']);
    expect(await names('/brands', 'brands')).toEqual(['sandbox']);
    expect(await names('/custom_statuses', 'custom_statuses', 'agent_label')).toEqual(['New', 'Open', 'Pending', 'On-hold', 'Solved']);
    expect((await call(sandbox, 'GET', '/business_hours/schedules', undefined, auth)).body).toEqual({ schedules: [] });
    expect((await call(sandbox, 'GET', '/webhooks', undefined, auth)).body.meta).toEqual({ has_more: false, after_cursor: null, before_cursor: null });
    expect((await call(sandbox, 'GET', '/targets', undefined, auth)).body).toEqual({ targets: [], next_page: null, previous_page: null, count: 0 });
    const found = await call(sandbox, 'GET', '/users/search?query=email:ADMIN@sandbox.zendesk.test', undefined, auth);
    expect(found.body.count).toBe(1);
    expect((await call(sandbox, 'GET', '/users/search?query=nobody@example.com', undefined, auth)).body.users).toEqual([]);
    const [admin] = sandbox.dump().users!;
    const shown = await call(sandbox, 'GET', `/users/show_many?ids=${admin!.id},1`, undefined, auth);
    expect(shown.body).toEqual({ users: [admin], next_page: null, previous_page: null, count: 1 });
    const [group] = sandbox.dump().groups!;
    expect((await call(sandbox, 'GET', `/groups/${group!.id}`, undefined, auth)).body.group.name).toBe('Support');
  });
});

describe('rate limit', () => {
  it('counts down on every answer and answers 429 with Retry-After over the budget, until the minute turns', async () => {
    sandbox.setRateLimit(3);
    const auth = withToken('secret');
    clock.advance(60_000 - (clock.now() % 60_000) + 15_000); // 15 s into a fresh minute
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await call(sandbox, 'GET', '/macros', undefined, auth));
    expect(answers.map((a) => [a.status, a.headers.get('x-rate-limit-remaining'), a.headers.get('ratelimit-remaining')])).toEqual([
      [200, '2', '2'],
      [200, '1', '1'],
      [200, '0', '0'],
      [429, '0', '0'],
    ]);
    expect(answers[0]!.headers.get('x-rate-limit')).toBe('3');
    expect(answers[0]!.headers.get('ratelimit-limit')).toBe('3');
    expect(answers[0]!.headers.get('ratelimit-reset')).toBe('45');
    expect(answers[3]!.headers.get('retry-after')).toBe('45');
    expect(answers[3]!.body).toEqual({ error: 'APIRateLimitExceeded', description: 'Number of allowed API requests per minute exceeded' });
    clock.advance(45_000);
    expect((await call(sandbox, 'GET', '/macros', undefined, auth)).status).toBe(200);
    expect(sandbox.requests.filter((r) => r.fault === 'rate-limit')).toHaveLength(1);
  });
});

describe('request log', () => {
  it('records method, path as sent, query, status and clock times', async () => {
    sandbox.setRateLimit(null);
    sandbox.clearRequests();
    await call(sandbox, 'GET', '/views.json?page=2&per_page=5', undefined, withToken('secret'));
    await post(sandbox, '/views', validView()); // wrong token for this sandbox: 401
    expect(sandbox.requests).toEqual([
      { method: 'GET', path: '/api/v2/views.json', query: { page: '2', per_page: '5' }, body: undefined, status: 200, fault: null, startedAt: clock.now(), finishedAt: clock.now() },
      { method: 'POST', path: '/api/v2/views', query: {}, body: validView(), status: 401, fault: null, startedAt: clock.now(), finishedAt: clock.now() },
    ]);
    expect((await get(sandbox, '/views')).status).toBe(401);
  });
});
