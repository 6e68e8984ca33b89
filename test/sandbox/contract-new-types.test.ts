import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSeed, startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { call } from './helpers.js';
import { loadSpecValidator, type ResponseValidator } from './openapi.js';

const RECORDED = '../shared/zendesk-reference/recorded';
const SALTO = `${RECORDED}/salto/myBrand_mock_replies.json`;
let sandbox: Sandbox;
let spec: ResponseValidator;

beforeAll(async () => {
  spec = loadSpecValidator();
  sandbox = await startSandbox({ port: 0, rateLimitPerMinute: null });
}, 30_000);
afterAll(async () => {
  await sandbox.stop();
});

/** Calls the sandbox and checks its answer against the spec's schema for that operation. */
async function conforms(method: string, template: string, path: string, body?: unknown): Promise<any> {
  const answer = await call(sandbox, method, path, body);
  expect([method, path, spec.check(method, `/api/v2/${template}`, answer.status, answer.body)]).toEqual([method, path, []]);
  return answer.body;
}

describe('answers for the new types match support-api.yaml (groups, custom statuses, dynamic content, SLA policies)', () => {
  it('groups', async () => {
    sandbox.reset();
    await conforms('GET', 'groups', '/groups');
    const { group } = await conforms('POST', 'groups', '/groups', { group: { name: 'Tier 2' } });
    await conforms('GET', 'groups/{group_id}', `/groups/${group.id}`);
    await conforms('PUT', 'groups/{group_id}', `/groups/${group.id}`, { group: { description: 'Second line' } });
  });

  it('custom statuses', async () => {
    sandbox.reset();
    await conforms('GET', 'custom_statuses', '/custom_statuses');
    const { custom_status } = await conforms('POST', 'custom_statuses', '/custom_statuses', { custom_status: { status_category: 'hold', agent_label: 'Waiting on vendor' } });
    await conforms('GET', 'custom_statuses/{custom_status_id}', `/custom_statuses/${custom_status.id}`);
    await conforms('PUT', 'custom_statuses/{custom_status_id}', `/custom_statuses/${custom_status.id}`, { custom_status: { active: false } });
  });

  it('dynamic content items and variants', async () => {
    sandbox.reset();
    const { item } = await conforms('POST', 'dynamic_content/items', '/dynamic_content/items', { item: { name: 'Greeting', default_locale_id: 1, variants: [{ locale_id: 1, content: 'Hi' }] } });
    await conforms('GET', 'dynamic_content/items', '/dynamic_content/items');
    await conforms('GET', 'dynamic_content/items', '/dynamic_content/items?page[size]=1');
    await conforms('GET', 'dynamic_content/items/{dynamic_content_item_id}', `/dynamic_content/items/${item.id}`);
    await conforms('PUT', 'dynamic_content/items/{dynamic_content_item_id}', `/dynamic_content/items/${item.id}`, { item: { name: 'Hello' } });
    const variants = 'dynamic_content/items/{dynamic_content_item_id}/variants';
    await conforms('GET', variants, `/dynamic_content/items/${item.id}/variants`);
    const [variant] = item.variants;
    await conforms('GET', `${variants}/{dynamic_content_variant_id}`, `/dynamic_content/items/${item.id}/variants/${variant.id}`);
    await conforms('PUT', `${variants}/{dynamic_content_variant_id}`, `/dynamic_content/items/${item.id}/variants/${variant.id}`, { variant: { content: 'Hey' } });
    await conforms('PUT', `${variants}/update_many`, `/dynamic_content/items/${item.id}/variants/update_many`, { variants: [{ id: variant.id, content: 'Hi' }] });
  });

  it('SLA policies and their definitions', async () => {
    sandbox.reset();
    const body = { sla_policy: { title: 'Urgent', filter: { all: [{ field: 'type', operator: 'is', value: 'incident' }] }, policy_metrics: [{ priority: 'urgent', metric: 'first_reply_time', target: 10 }] } };
    const { sla_policy } = await conforms('POST', 'slas/policies', '/slas/policies', body);
    await conforms('GET', 'slas/policies', '/slas/policies');
    await conforms('GET', 'slas/policies/{sla_policy_id}', `/slas/policies/${sla_policy.id}`);
    await conforms('PUT', 'slas/policies/{sla_policy_id}', `/slas/policies/${sla_policy.id}`, { sla_policy: { title: 'Very urgent' } });
    // The spec says a definition value is a string; the recording (salto) holds numbers: the recording wins.
    const { definitions } = (await call(sandbox, 'GET', '/slas/policies/definitions')).body;
    const replies = JSON.parse(readFileSync(SALTO, 'utf8')) as Array<{ url: string; response: { definitions: { all: object[] } } }>;
    const recorded = replies.find((r) => r.url === '/api/v2/slas/policies/definitions')!.response.definitions;
    expect(Object.keys(definitions)).toEqual(Object.keys(recorded));
    expect(Object.keys(definitions.all[0])).toEqual(Object.keys(recorded.all[0]!));
  });
});

describe('recorded answers load into the sandbox and read back equal', () => {
  const json = (path: string) => JSON.parse(readFileSync(`${RECORDED}/${path}`, 'utf8'));
  const withoutUrls = (value: unknown): unknown =>
    Array.isArray(value) ? value.map(withoutUrls)
      : typeof value === 'object' && value !== null ? Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'url').map(([k, v]) => [k, withoutUrls(v)]))
        : value;

  it('go-zendesk dynamic content items (list and show) and webhook', async () => {
    sandbox.reset();
    const recorded = json('go-zendesk/GET/dynamic_content/items.json').items as Array<{ id: number }>;
    sandbox.seed({ dynamic_content: recorded });
    expect(withoutUrls((await call(sandbox, 'GET', '/dynamic_content/items')).body.items)).toEqual(withoutUrls(recorded));
    for (const item of recorded) expect(withoutUrls((await call(sandbox, 'GET', `/dynamic_content/items/${item.id}`)).body.item)).toEqual(withoutUrls(item));
    const webhook = json('go-zendesk/GET/webhook.json').webhook;
    sandbox.seed({ webhooks: [webhook] });
    expect((await call(sandbox, 'GET', `/webhooks/${webhook.id}`)).body).toEqual({ webhook });
  });

  it('salto: schedules, webhooks, custom statuses, groups, dynamic content and SLA policies', async () => {
    sandbox.reset();
    sandbox.seed(await readSeed(SALTO));
    const replies = JSON.parse(readFileSync(SALTO, 'utf8')) as Array<{ url: string; response: Record<string, unknown> }>;
    const recorded = (url: string, key: string) => replies.find((r) => r.url === url)!.response[key] as unknown[];
    const answered = async (path: string, key: string) => (await call(sandbox, 'GET', path)).body[key] as unknown[];
    expect(await answered('/business_hours/schedules', 'schedules')).toEqual(recorded('/api/v2/business_hours/schedules', 'schedules'));
    expect(await answered('/webhooks', 'webhooks')).toEqual(recorded('/api/v2/webhooks', 'webhooks'));
    expect(withoutUrls(await answered('/custom_statuses', 'custom_statuses'))).toEqual(withoutUrls(recorded('/api/v2/custom_statuses', 'custom_statuses')));
    expect(withoutUrls(await answered('/groups', 'groups'))).toEqual(withoutUrls(recorded('/api/v2/groups', 'groups')));
    expect(withoutUrls(await answered('/dynamic_content/items', 'items'))).toEqual(withoutUrls(recorded('/api/v2/dynamic_content/items', 'items')));
    expect(withoutUrls(await answered('/slas/policies', 'sla_policies'))).toEqual(withoutUrls(recorded('/api/v2/slas/policies', 'sla_policies')));
    const holidays = recorded('/api/v2/business_hours/schedules/1900000004365/holidays', 'holidays');
    expect(await answered('/business_hours/schedules/1900000004365/holidays', 'holidays')).toEqual(holidays);
  });
});
