import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { manualClock, startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { call, del, get, post, put, validTrigger } from './helpers.js';

const clock = manualClock(Date.UTC(2024, 4, 1, 12, 0, 0));
const T0 = '2024-05-01T12:00:00Z';
let sandbox: Sandbox;

const SPANISH = { url: null, id: 2, locale: 'es', name: 'Español', native_name: 'español', presentation_name: 'Spanish - español', rtl: false, created_at: null, updated_at: T0, default: false };

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, clock, rateLimitPerMinute: null });
});
afterAll(async () => {
  await sandbox.stop();
});
beforeEach(() => {
  sandbox.reset();
  sandbox.seed({ locales: [...sandbox.dump().locales!, SPANISH] });
  sandbox.clearRequests();
});

const writes = () => sandbox.requests.filter((r) => r.method !== 'GET' && r.status !== null && r.status < 300);
const invalid = (field: string, description: string, error = 'InvalidValue') => ({
  error: 'RecordInvalid', description: 'Record validation errors', details: { [field]: [{ description, error }] },
});

describe('dynamic content', () => {
  const greeting = (extra: Record<string, unknown> = {}) => ({
    item: {
      name: 'Greeting Text', default_locale_id: 1,
      variants: [{ locale_id: 1, content: 'Hello' }, { locale_id: 2, content: 'Hola', active: false }], ...extra,
    },
  });

  it('create answers the recorded shape: placeholder from the name, variant urls, the default locale’s variant is the default', async () => {
    const created = await post(sandbox, '/dynamic_content/items', greeting());
    expect(created.status).toBe(201);
    const item = created.body.item;
    const variantsUrl = `${sandbox.url}/api/v2/dynamic_content/items/${item.id}/variants`;
    expect(item).toEqual({
      url: `${sandbox.url}/api/v2/dynamic_content/items/${item.id}.json`, id: item.id, name: 'Greeting Text',
      placeholder: '{{dc.greeting_text}}', default_locale_id: 1, outdated: false, created_at: T0, updated_at: T0,
      variants: [
        { url: `${variantsUrl}/${item.variants[0].id}.json`, id: item.variants[0].id, content: 'Hello', locale_id: 1, outdated: false, active: true, default: true, created_at: T0, updated_at: T0 },
        { url: `${variantsUrl}/${item.variants[1].id}.json`, id: item.variants[1].id, content: 'Hola', locale_id: 2, outdated: false, active: false, default: false, created_at: T0, updated_at: T0 },
      ],
    });
  });

  it('PUT of the item changes the name only; the placeholder stays (spec example)', async () => {
    const item = (await post(sandbox, '/dynamic_content/items', greeting())).body.item;
    const answer = await put(sandbox, `/dynamic_content/items/${item.id}`, { item: { name: 'Welcome', default_locale_id: 2, variants: [] } });
    expect(answer.status).toBe(200);
    expect(answer.body.item).toMatchObject({ name: 'Welcome', placeholder: '{{dc.greeting_text}}', default_locale_id: 1 });
    expect(answer.body.item.variants).toHaveLength(2);
    expect(answer.headers.get('x-zendesk-api-warn')).toBe('Removed restricted keys ["default_locale_id", "variants"] from parameters according to whitelist');
  });

  it('variants: list, create, show, update, create_many, update_many, delete', async () => {
    sandbox.seed({ locales: [...sandbox.dump().locales!, { ...SPANISH, id: 16, locale: 'fr' }, { ...SPANISH, id: 8, locale: 'de' }] });
    const item = (await post(sandbox, '/dynamic_content/items', { item: { name: 'Sign-off', default_locale_id: 1, variants: [{ locale_id: 1, content: 'Bye' }] } })).body.item;
    const base = `/dynamic_content/items/${item.id}/variants`;
    const created = await post(sandbox, base, { variant: { locale_id: 2, content: 'Adiós' } });
    expect(created.status).toBe(201);
    const spanish = created.body.variant;
    expect(spanish).toMatchObject({ url: `${sandbox.url}/api/v2${base}/${spanish.id}.json`, locale_id: 2, content: 'Adiós', default: false, active: true });
    expect((await get(sandbox, `${base}/${spanish.id}`)).body).toEqual({ variant: spanish });
    expect((await get(sandbox, base)).body.variants.map((v: { locale_id: number }) => v.locale_id)).toEqual([1, 2]);
    const many = await post(sandbox, `${base}/create_many`, { variants: [{ locale_id: 16, content: 'Au revoir' }, { locale_id: 8, content: 'Tschüss' }] });
    expect(many.status).toBe(201);
    expect(many.body.variants.map((v: { locale_id: number }) => v.locale_id)).toEqual([16, 8]);
    const [french, german] = many.body.variants;
    const updatedMany = await put(sandbox, `${base}/update_many`, { variants: [{ id: french.id, content: 'Salut' }, { id: german.id, active: false }] });
    expect(updatedMany.body.variants.map((v: { content: string; active: boolean }) => [v.content, v.active])).toEqual([['Salut', true], ['Tschüss', false]]);
    expect((await put(sandbox, `${base}/${spanish.id}`, { variant: { default: true } })).body.variant.default).toBe(true);
    const shown = (await get(sandbox, `/dynamic_content/items/${item.id}`)).body.item;
    expect(shown.default_locale_id).toBe(2);
    expect(shown.variants.filter((v: { default: boolean }) => v.default).map((v: { locale_id: number }) => v.locale_id)).toEqual([2]);
    const english = shown.variants.find((v: { locale_id: number }) => v.locale_id === 1);
    expect((await del(sandbox, `${base}/${english.id}`)).status).toBe(204);
    expect((await get(sandbox, base)).body.variants.map((v: { locale_id: number }) => v.locale_id)).toEqual([2, 16, 8]);
  });

  it('a new content of the default variant marks the others outdated (and the item)', async () => {
    const item = (await post(sandbox, '/dynamic_content/items', greeting())).body.item;
    const [english, spanish] = item.variants;
    await put(sandbox, `/dynamic_content/items/${item.id}/variants/${english.id}`, { variant: { content: 'Hello there' } });
    let shown = (await get(sandbox, `/dynamic_content/items/${item.id}`)).body.item;
    expect([shown.outdated, shown.variants.map((v: { outdated: boolean }) => v.outdated)]).toEqual([true, [false, true]]);
    await put(sandbox, `/dynamic_content/items/${item.id}/variants/${spanish.id}`, { variant: { content: 'Hola, ¿qué tal?' } });
    shown = (await get(sandbox, `/dynamic_content/items/${item.id}`)).body.item;
    expect([shown.outdated, shown.variants.map((v: { outdated: boolean }) => v.outdated)]).toEqual([false, [false, false]]);
  });

  it('refuses what the spec refuses; nothing is written', async () => {
    const item = (await post(sandbox, '/dynamic_content/items', greeting())).body.item;
    const [english, spanish] = item.variants;
    const base = `/dynamic_content/items/${item.id}/variants`;
    sandbox.clearRequests();
    const variants = (description: string) => invalid('variants', `Variants: ${description}`);
    const cases: Array<[string, string, unknown, unknown]> = [
      ['POST', '/dynamic_content/items', greeting({ name: 'greeting text' }), {
        error: 'RecordInvalid', description: 'Record validation errors', details: {
          name: [{ description: 'Name: has already been taken', error: 'DuplicateValue' }],
          placeholder: [{ description: 'Placeholder: has already been taken', error: 'DuplicateValue' }],
        },
      }],
      ['POST', '/dynamic_content/items', greeting({ name: 'Greeting_Text', variants: [{ locale_id: 1, content: 'x' }] }), invalid('placeholder', 'Placeholder: has already been taken', 'DuplicateValue')],
      ['POST', '/dynamic_content/items', greeting({ name: 'B', variants: [] }), variants('cannot be blank')],
      ['POST', '/dynamic_content/items', greeting({ name: 'C', variants: [{ locale_id: 2, content: 'Hola' }] }), variants('no variant in the default locale 1')],
      ['POST', '/dynamic_content/items', greeting({ name: 'D', variants: [{ locale_id: 1, content: 'a' }, { locale_id: 1, content: 'b' }] }), variants('locale 1 has more than one variant')],
      ['POST', '/dynamic_content/items', greeting({ name: 'E', variants: [{ locale_id: 1, content: ' ' }] }), variants('variant 0: content cannot be blank')],
      ['POST', '/dynamic_content/items', greeting({ name: 'F', default_locale_id: 30, variants: [{ locale_id: 30, content: 'שלום' }] }), {
        error: 'RecordInvalid', description: 'Record validation errors', details: {
          default_locale_id: [{ description: 'default_locale_id: there is no locale with id 30', error: 'InvalidValue' }],
          variants: [{ description: 'variants[0].locale_id: there is no locale with id 30', error: 'InvalidValue' }],
        },
      }],
      ['POST', base, { variant: { locale_id: 2, content: 'Otra' } }, variants('locale 2 has more than one variant')],
      ['PUT', `${base}/${english.id}`, { variant: { active: false } }, variants('the default variant cannot be deactivated')],
      ['PUT', `${base}/${english.id}`, { variant: { default: false } }, variants('make another variant the default instead')],
      ['PUT', `${base}/${spanish.id}`, { variant: { locale_id: 1 } }, variants('locale 1 has more than one variant')],
      ['DELETE', `${base}/${english.id}`, undefined, variants('the default variant cannot be deleted')],
    ];
    for (const [method, path, body, expected] of cases) {
      const answer = await call(sandbox, method, path, body);
      expect([method, path, answer.status, answer.body]).toEqual([method, path, 422, expected]);
    }
    expect((await get(sandbox, `${base}/999`)).status).toBe(404);
    expect(writes()).toEqual([]);
  });

  it('an item whose placeholder a trigger uses is not deleted', async () => {
    const item = (await post(sandbox, '/dynamic_content/items', greeting())).body.item;
    const comment = { field: 'comment_value', value: ['channel:all', 'Hi {{ dc.greeting_text }}!'] };
    const trigger = (await post(sandbox, '/triggers', validTrigger('Welcome', { actions: [comment] }))).body.trigger;
    const refused = await del(sandbox, `/dynamic_content/items/${item.id}`);
    expect(refused.body).toEqual(invalid('base', `Base: {{dc.greeting_text}} is in use by trigger "Welcome" (id ${trigger.id})`, 'InUse'));
    await del(sandbox, `/triggers/${trigger.id}`);
    expect((await del(sandbox, `/dynamic_content/items/${item.id}`)).status).toBe(204);
  });

  it('with lenient references a locale the account lacks is stored as given', async () => {
    sandbox.setStrictReferences(false);
    try {
      const answer = await post(sandbox, '/dynamic_content/items', { item: { name: 'Shalom', default_locale_id: 30, variants: [{ locale_id: 30, content: 'שלום' }] } });
      expect([answer.status, answer.body.item.default_locale_id]).toEqual([201, 30]);
    } finally {
      sandbox.setStrictReferences(true);
    }
  });

  it('lists with cursor (null cursors on the last page, as recorded) and offset pagination', async () => {
    for (const name of ['One', 'Two', 'Three']) await post(sandbox, '/dynamic_content/items', greeting({ name }));
    const first = await get(sandbox, '/dynamic_content/items?page[size]=2');
    expect(first.body.items.map((i: { name: string }) => i.name)).toEqual(['One', 'Two']);
    expect(first.body.meta.has_more).toBe(true);
    const last = await get(sandbox, `/dynamic_content/items?page[size]=2&page[after]=${encodeURIComponent(first.body.meta.after_cursor)}`);
    expect(last.body).toMatchObject({ meta: { has_more: false, after_cursor: null, before_cursor: null }, links: { prev: null, next: null } });
    expect(last.body.items.map((i: { name: string }) => i.name)).toEqual(['Three']);
    expect((await get(sandbox, '/dynamic_content/items')).body.count).toBe(3);
  });
});

describe('SLA policies', () => {
  const policy = (title: string, extra: Record<string, unknown> = {}) => ({
    sla_policy: {
      title, filter: { all: [{ field: 'type', operator: 'is', value: 'incident' }] },
      policy_metrics: [{ priority: 'urgent', metric: 'first_reply_time', target: 10 }], ...extra,
    },
  });

  it('create answers the recorded shape, positions from 1, reorder answers an empty 200', async () => {
    const created = await post(sandbox, '/slas/policies', policy('Incidents'));
    expect(created.status).toBe(201);
    const { id, url } = created.body.sla_policy;
    expect(created.body.sla_policy).toEqual({
      url, id, title: 'Incidents', description: null, position: 1,
      filter: { all: [{ field: 'type', operator: 'is', value: 'incident' }], any: [] },
      policy_metrics: [{ business_hours: false, priority: 'urgent', metric: 'first_reply_time', target: 10 }], created_at: T0, updated_at: T0,
    });
    expect(url).toBe(`${sandbox.url}/api/v2/slas/policies/${id}.json`);
    const second = (await post(sandbox, '/slas/policies', policy('VIP'))).body.sla_policy;
    expect(second.position).toBe(2);
    const list = await get(sandbox, '/slas/policies?page=2');
    expect(list.body).toMatchObject({ next_page: null, previous_page: null, count: 2 });
    const reordered = await put(sandbox, '/slas/policies/reorder', { sla_policy_ids: [second.id, id] });
    expect([reordered.status, reordered.text]).toEqual([200, '']);
    expect((await get(sandbox, '/slas/policies')).body.sla_policies.map((p: { title: string; position: number }) => [p.title, p.position])).toEqual([['VIP', 1], ['Incidents', 2]]);
    await call(sandbox, 'PUT', `/slas/policies/reorder?sla_policy_ids=${id},${second.id}`);
    expect(sandbox.dump().sla_policies!.map((p) => p.title)).toEqual(['Incidents', 'VIP']);
    const updated = await put(sandbox, `/slas/policies/${id}`, { sla_policy: { description: 'Fast' } });
    expect(updated.body.sla_policy).toMatchObject({ description: 'Fast', filter: created.body.sla_policy.filter });
    expect((await del(sandbox, `/slas/policies/${id}`)).status).toBe(204);
  });

  it('definitions list the account’s groups, forms, drop-down fields and user fields', async () => {
    const group = (await post(sandbox, '/groups', { group: { name: 'Tier 2' } })).body.group;
    const field = (await post(sandbox, '/ticket_fields', { ticket_field: { type: 'tagger', title: 'Plan', custom_field_options: [{ name: 'Gold', value: 'gold' }] } })).body.ticket_field;
    await post(sandbox, '/user_fields', { user_field: { type: 'date', key: 'renewal', title: 'Renewal' } });
    const { definitions } = (await get(sandbox, '/slas/policies/definitions')).body;
    expect(definitions.any).toEqual(definitions.all);
    const byValue = new Map(definitions.all.map((d: { value: string }) => [d.value, d]));
    expect(byValue.get('group_id')).toMatchObject({ title: 'Group', values: { type: 'list', list: [{ value: null, title: '-' }, { value: expect.any(Number), title: 'Support' }, { value: group.id, title: 'Tier 2' }] } });
    expect(byValue.get(`ticket_fields_${field.id}`)).toEqual({
      title: 'Plan', values: { type: 'list', list: [{ value: 'gold', title: 'Gold' }] }, value: `ticket_fields_${field.id}`,
      operators: [{ value: 'includes', title: 'Contains at least one of the following' }, { value: 'not_includes', title: 'Contains none of the following' }],
      group: 'ticket', title_for_field: 'Plan', output_key: String(field.id),
    });
    expect((byValue.get('requester.custom_fields.renewal') as { operators: Array<{ value: string }> }).operators.map((o) => o.value)).toEqual([
      'is', 'is_not', 'less_than', 'less_than_equal', 'greater_than', 'greater_than_equal',
    ]);
  });

  it('refuses bad filters, metrics and references; nothing is written; a group in a filter is in use', async () => {
    const metrics = (m: unknown) => policy('X', { policy_metrics: m });
    const metricError = (text: string) => invalid('policy_metrics', `Policy metrics: ${text}`);
    const cases: Array<[unknown, unknown]> = [
      [policy(''), invalid('title', 'Title: cannot be blank', 'BlankValue')],
      [{ sla_policy: { title: 'X' } }, invalid('filter', 'Filter: cannot be blank', 'BlankValue')],
      [policy('X', { filter: { all: [{ field: 'subject', operator: 'is', value: 'x' }] } }), invalid('filter', 'Filter: filter.all[0]: "subject" is not a condition SLA policies support')],
      [policy('X', { filter: { any: [{ field: 'group_id', operator: 'includes', value: null }] } }), invalid('filter', 'Filter: filter.any[0]: operator "includes" is not one of is, is_not')],
      [policy('X', { filter: { all: [{ field: 'group_id', operator: 'is', value: 42 }] } }), invalid('base', 'filter.all[0] (group_id): there is no group with id 42')],
      [policy('X', { filter: { all: [{ field: 'custom_status_id', operator: 'includes', value: ['42'] }] } }), invalid('base', 'filter.all[0] (custom_status_id): there is no custom status with id 42')],
      [metrics([{ priority: 'critical', metric: 'first_reply_time', target: 5 }]), metricError('0: priority "critical" is not one of low, normal, high, urgent')],
      [metrics([{ priority: 'low', metric: 'reply_time', target: 5 }]), metricError('0: metric "reply_time" is not one of agent_work_time, first_reply_time, next_reply_time, pausable_update_time, periodic_update_time, requester_wait_time, total_resolution_time')],
      [metrics([{ priority: 'low', metric: 'first_reply_time', target: 0 }]), metricError('0: target must be a whole number of minutes above 0')],
      [metrics([{ priority: 'low', metric: 'first_reply_time', target: 5 }, { priority: 'low', metric: 'first_reply_time', target: 6 }]), metricError('1: low/first_reply_time has more than one target')],
    ];
    for (const [body, expected] of cases) {
      const answer = await post(sandbox, '/slas/policies', body);
      expect([answer.status, answer.body]).toEqual([422, expected]);
    }
    expect(writes()).toEqual([]);
    const field = (await post(sandbox, '/ticket_fields', { ticket_field: { type: 'tagger', title: 'Plan', custom_field_options: [{ name: 'Gold', value: 'gold' }] } })).body.ticket_field;
    const option = (value: string) => policy('Plan', { filter: { all: [{ field: `ticket_fields_${field.id}`, operator: 'includes', value: [value] }] } });
    expect((await post(sandbox, '/slas/policies', option('platinum'))).body).toEqual(invalid('base', `filter.all[0] (ticket_fields_${field.id}): "platinum" is no option (by value) of field ${field.id}`));
    expect((await post(sandbox, '/slas/policies', option('gold'))).status).toBe(201);
    const group = (await post(sandbox, '/groups', { group: { name: 'VIP desk' } })).body.group;
    const sla = (await post(sandbox, '/slas/policies', policy('VIP', { filter: { all: [{ field: 'group_id', operator: 'is', value: group.id }] } }))).body.sla_policy;
    expect((await del(sandbox, `/groups/${group.id}`)).body).toEqual(invalid('base', `Base: is in use by sla policy "VIP" (id ${sla.id})`, 'InUse'));
  });
});
