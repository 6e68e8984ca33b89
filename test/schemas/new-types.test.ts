// The file formats of the six types zdctl is about to manage (issue 15): every
// example under examples/new-types/ is accepted, by the strict test Ajv and by
// the Ajv zdctl runs (src/model/schema-compiler.ts); each broken example is
// refused with the exact keyword at the exact place, and nowhere else.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ajvWithSchemas, readSchemaFiles } from '../../src/model/schema-compiler.js';
import { RECORDED_DIR, REPO_ROOT, SCHEMA_DIR, brief, loadAjv, validatorFor, type Json, type JsonObject } from './helpers.js';

const EXAMPLES = path.join(REPO_ROOT, 'examples', 'new-types');

/** Folder under an instance (and under examples/new-types) → schema singular. */
const NEW_TYPES = {
  groups: 'group',
  custom_statuses: 'custom_status',
  schedules: 'schedule',
  webhooks: 'webhook',
  dynamic_content: 'dynamic_content_item',
  sla_policies: 'sla_policy',
} as const;
type NewType = keyof typeof NEW_TYPES;

const strictAjv = loadAjv();
const runtimeAjv = ajvWithSchemas(readSchemaFiles(SCHEMA_DIR));

function schemaOf(type: NewType, file: string): string {
  return file === '_order.yaml' ? 'order.schema.json' : `${NEW_TYPES[type]}.schema.json`;
}

function examplesOf(type: NewType): string[] {
  return fs.readdirSync(path.join(EXAMPLES, type)).filter((f) => f.endsWith('.yaml'));
}

function readExample(type: NewType, file: string): Json {
  return parse(fs.readFileSync(path.join(EXAMPLES, type, file), 'utf8')) as Json;
}

/** The one (non-order) example of a type, to break in one place. */
function baseExample(type: NewType): Record<string, any> {
  const [file] = examplesOf(type).filter((f) => f !== '_order.yaml');
  return readExample(type, file!) as Record<string, any>;
}

describe('examples/new-types', () => {
  const files = (Object.keys(NEW_TYPES) as NewType[]).flatMap((type) => examplesOf(type).map((file) => [type, file] as const));

  it('holds an example of every new type', () => {
    expect(new Set(files.map(([type]) => type))).toEqual(new Set(Object.keys(NEW_TYPES)));
  });

  it.each(files)('%s/%s is accepted, by the strict Ajv and by the one zdctl runs', (type, file) => {
    const value = readExample(type, file);
    for (const ajv of [strictAjv, runtimeAjv]) {
      const validate = ajv.getSchema(`https://zdctl.dev/schemas/${schemaOf(type, file)}`)!;
      expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it.each(files)('%s/%s names its schema in its modeline', (type, file) => {
    const firstLine = fs.readFileSync(path.join(EXAMPLES, type, file), 'utf8').split('\n')[0];
    expect(firstLine).toBe(`# yaml-language-server: $schema=../../../schemas/${schemaOf(type, file)}`);
  });

  it.each(files)('%s/%s reads only files that exist under content/', (type, file) => {
    const fileRefs = JSON.stringify(readExample(type, file)).match(/"file":"[^"]+"/g) ?? [];
    for (const ref of fileRefs) expect(fs.existsSync(path.join(EXAMPLES, ref.slice(8, -1))), ref).toBe(true);
  });
});

interface Broken {
  name: string;
  type: NewType;
  change: (o: Record<string, any>) => void;
  keyword: string;
  instancePath: string;
  params?: Record<string, unknown>;
  /** every error must lie at or under this path (default: instancePath) */
  within?: string;
}

const readOnly = (type: NewType, key: string, value: Json): Broken => ({
  name: `read-only ${key}`,
  type,
  change: (o) => {
    o[key] = value;
  },
  keyword: 'additionalProperties',
  instancePath: '',
  params: { additionalProperty: key },
});

const unknownKey = (type: NewType): Broken => ({
  name: 'an unknown top-level key',
  type,
  change: (o) => {
    o.colour = 'blue';
  },
  keyword: 'additionalProperties',
  instancePath: '',
  params: { additionalProperty: 'colour' },
});

const broken: Broken[] = [
  // groups
  readOnly('groups', 'id', 360000100002),
  readOnly('groups', 'default', false),
  readOnly('groups', 'deleted', false),
  unknownKey('groups'),
  { name: 'is_public as a string', type: 'groups', change: (o) => void (o.is_public = 'yes'), keyword: 'type', instancePath: '/is_public' },

  // custom statuses
  readOnly('custom_statuses', 'id', 125),
  readOnly('custom_statuses', 'raw_agent_label', 'Waiting on vendor'),
  readOnly('custom_statuses', 'default', false),
  unknownKey('custom_statuses'),
  { name: 'an unknown status category', type: 'custom_statuses', change: (o) => void (o.status_category = 'closed'), keyword: 'enum', instancePath: '/status_category' },
  { name: 'no status category', type: 'custom_statuses', change: (o) => void delete o.status_category, keyword: 'required', instancePath: '', params: { missingProperty: 'status_category' } },
  { name: 'an agent label over 48 characters', type: 'custom_statuses', change: (o) => void (o.agent_label = 'x'.repeat(49)), keyword: 'maxLength', instancePath: '/agent_label' },

  // schedules
  readOnly('schedules', 'id', 1900000004365),
  readOnly('schedules', 'created_at', '2021-08-08T05:56:22Z'),
  unknownKey('schedules'),
  { name: 'a bad weekday', type: 'schedules', change: (o) => void (o.intervals.funday = [{ start: '09:00', end: '17:00' }]), keyword: 'additionalProperties', instancePath: '/intervals', params: { additionalProperty: 'funday' } },
  { name: 'an hour past 23', type: 'schedules', change: (o) => void (o.intervals.monday[0].start = '25:00'), keyword: 'pattern', instancePath: '/intervals/monday/0/start' },
  { name: 'a time without its leading zero', type: 'schedules', change: (o) => void (o.intervals.monday[0].end = '9:00'), keyword: 'pattern', instancePath: '/intervals/monday/0/end' },
  { name: 'Zendesk\'s raw minutes in place of a weekday map', type: 'schedules', change: (o) => void (o.intervals = [{ start_time: 1980, end_time: 2460 }]), keyword: 'type', instancePath: '/intervals' },
  { name: 'an interval with a key of Zendesk\'s', type: 'schedules', change: (o) => void (o.intervals.tuesday[0].start_time = 1980), keyword: 'additionalProperties', instancePath: '/intervals/tuesday/0', params: { additionalProperty: 'start_time' } },
  { name: 'a holiday date that is no date', type: 'schedules', change: (o) => void (o.holidays[0].start_date = '2026-02-30'), keyword: 'format', instancePath: '/holidays/0/start_date' },
  { name: 'a holiday with its id', type: 'schedules', change: (o) => void (o.holidays[0].id = 4416453812631), keyword: 'additionalProperties', instancePath: '/holidays/0', params: { additionalProperty: 'id' } },

  // webhooks
  readOnly('webhooks', 'id', '01EJFTSCC78X5V07NPY2MHR00M'),
  readOnly('webhooks', 'created_by', '1234567'),
  unknownKey('webhooks'),
  {
    name: 'a bearer token in place of its variable name (token: abc)',
    type: 'webhooks',
    change: (o) => void (o.authentication.data = { token: 'abc' }),
    keyword: 'additionalProperties',
    instancePath: '/authentication/data',
    params: { additionalProperty: 'token' },
    within: '/authentication',
  },
  {
    name: 'a token where the variable name goes (token_env: abc)',
    type: 'webhooks',
    change: (o) => void (o.authentication.data.token_env = 'abc'),
    keyword: 'pattern',
    instancePath: '/authentication/data/token_env',
    within: '/authentication',
  },
  {
    name: 'a basic_auth password in the file',
    type: 'webhooks',
    change: (o) => void (o.authentication = { type: 'basic_auth', data: { username: 'zendesk', password: 'hunter2' } }),
    keyword: 'additionalProperties',
    instancePath: '/authentication/data',
    params: { additionalProperty: 'password' },
    within: '/authentication',
  },
  {
    name: 'an api_key value in the file',
    type: 'webhooks',
    change: (o) => void (o.authentication = { type: 'api_key', data: { name: 'X-Api-Key', value: 'k-123' } }),
    keyword: 'additionalProperties',
    instancePath: '/authentication/data',
    params: { additionalProperty: 'value' },
    within: '/authentication',
  },
  {
    name: 'basic_auth with both a user name and its variable',
    type: 'webhooks',
    change: (o) => void (o.authentication = { type: 'basic_auth', data: { username: 'zendesk', username_env: 'HOOK_USER', password_env: 'HOOK_PASSWORD' } }),
    keyword: 'oneOf',
    instancePath: '/authentication/data',
    within: '/authentication',
  },
  {
    name: 'basic_auth without a user name',
    type: 'webhooks',
    change: (o) => void (o.authentication = { type: 'basic_auth', data: { password_env: 'HOOK_PASSWORD' } }),
    keyword: 'oneOf',
    instancePath: '/authentication/data',
    within: '/authentication',
  },
  { name: 'a signing secret variable that is no variable name', type: 'webhooks', change: (o) => void (o.signing_secret_env = 's3cr3t value'), keyword: 'pattern', instancePath: '/signing_secret_env' },
  { name: 'an unknown authentication type', type: 'webhooks', change: (o) => void (o.authentication.type = 'oauth'), keyword: 'enum', instancePath: '/authentication/type', within: '/authentication' },
  { name: 'an unknown http method', type: 'webhooks', change: (o) => void (o.http_method = 'post'), keyword: 'enum', instancePath: '/http_method' },
  { name: 'an unknown request format', type: 'webhooks', change: (o) => void (o.request_format = 'yaml'), keyword: 'enum', instancePath: '/request_format' },
  { name: 'an unknown subscription', type: 'webhooks', change: (o) => void (o.subscriptions = ['ticket_events']), keyword: 'pattern', instancePath: '/subscriptions/0' },

  // dynamic content
  readOnly('dynamic_content', 'id', 1900000045325),
  readOnly('dynamic_content', 'placeholder', '{{dc.greeting}}'),
  readOnly('dynamic_content', 'default_locale_id', 1),
  unknownKey('dynamic_content'),
  { name: 'a variant with its id', type: 'dynamic_content', change: (o) => void (o.variants[1].id = 1900000263745), keyword: 'additionalProperties', instancePath: '/variants/1', params: { additionalProperty: 'id' } },
  { name: 'a locale by its code', type: 'dynamic_content', change: (o) => void (o.variants[1].locale_id = 'es'), keyword: 'type', instancePath: '/variants/1/locale_id' },
  { name: 'no default variant', type: 'dynamic_content', change: (o) => void delete o.variants[0].default, keyword: 'contains', instancePath: '/variants' },
  { name: 'two default variants', type: 'dynamic_content', change: (o) => void (o.variants[1].default = true), keyword: 'contains', instancePath: '/variants' },
  { name: 'an inactive default variant', type: 'dynamic_content', change: (o) => void (o.variants[0].active = false), keyword: 'const', instancePath: '/variants/0/active', within: '/variants/0' },
  { name: 'no variants', type: 'dynamic_content', change: (o) => void (o.variants = []), keyword: 'minItems', instancePath: '/variants' },

  // SLA policies
  readOnly('sla_policies', 'id', 1900000007885),
  readOnly('sla_policies', 'position', 1),
  unknownKey('sla_policies'),
  { name: 'a bad metric', type: 'sla_policies', change: (o) => void (o.policy_metrics[0].metric = 'first_response_time'), keyword: 'enum', instancePath: '/policy_metrics/0/metric' },
  { name: 'a bad priority', type: 'sla_policies', change: (o) => void (o.policy_metrics[0].priority = 'critical'), keyword: 'enum', instancePath: '/policy_metrics/0/priority' },
  { name: 'a target in hours', type: 'sla_policies', change: (o) => void (o.policy_metrics[0].target = '1h'), keyword: 'type', instancePath: '/policy_metrics/0/target' },
  { name: 'target_in_seconds (not in the spec)', type: 'sla_policies', change: (o) => void (o.policy_metrics[0].target_in_seconds = 900), keyword: 'additionalProperties', instancePath: '/policy_metrics/0', params: { additionalProperty: 'target_in_seconds' } },
  { name: 'no filter', type: 'sla_policies', change: (o) => void delete o.filter, keyword: 'required', instancePath: '', params: { missingProperty: 'filter' } },
  { name: 'a filter key beside all and any', type: 'sla_policies', change: (o) => void (o.filter.none = []), keyword: 'additionalProperties', instancePath: '/filter', params: { additionalProperty: 'none' } },
];

describe.each(Object.keys(NEW_TYPES) as NewType[])('%s', (type) => {
  const validate = validatorFor(strictAjv, `${NEW_TYPES[type]}.schema.json`);
  it.each(broken.filter((b) => b.type === type).map((b) => [b.name, b] as const))('refuses %s', (_name, b) => {
    const o = baseExample(type);
    b.change(o);
    expect(validate(o)).toBe(false);
    const errors = validate.errors ?? [];
    expect(brief(errors)).toContainEqual({ keyword: b.keyword, instancePath: b.instancePath });
    if (b.params) {
      expect(errors.find((e) => e.keyword === b.keyword && e.instancePath === b.instancePath)?.params).toMatchObject(b.params);
    }
    const within = b.within ?? b.instancePath;
    for (const e of errors) {
      expect(e.instancePath === within || e.instancePath.startsWith(`${within}/`), `${e.keyword} at ${e.instancePath}`).toBe(true);
    }
  });
});

describe('webhook authentication forms', () => {
  const validate = validatorFor(strictAjv, 'webhook.schema.json');
  it.each([
    ['basic_auth with the user name written', { type: 'basic_auth', data: { username: 'zendesk', password_env: 'HOOK_PASSWORD' } }],
    ['basic_auth with the user name from the environment', { type: 'basic_auth', add_position: 'header', data: { username_env: 'HOOK_USER', password_env: 'HOOK_PASSWORD' } }],
    ['api_key', { type: 'api_key', data: { name: 'X-Api-Key', value_env: 'HOOK_API_KEY' } }],
    ['none', null],
  ])('accepts %s', (_name, authentication) => {
    const o = { ...baseExample('webhooks'), authentication };
    expect(validate(o), JSON.stringify(validate.errors)).toBe(true);
  });
});

// ---------------------------------------------------------------- recordings
// What Zendesk really answered, turned into the file form the way import will
// (read-only keys dropped; a schedule's minutes written per weekday), must be
// accepted: the formats fit real accounts, not only our examples.

const READ_ONLY: Record<NewType, { object: string[]; nested?: string[] }> = {
  groups: { object: ['id', 'url', 'created_at', 'updated_at', 'default', 'deleted'] },
  custom_statuses: { object: ['id', 'url', 'created_at', 'updated_at', 'default', 'raw_agent_label', 'raw_end_user_label', 'raw_description', 'raw_end_user_description'] },
  schedules: { object: ['id', 'url', 'created_at', 'updated_at'] },
  webhooks: { object: ['id', 'created_at', 'created_by', 'updated_at', 'updated_by'] },
  dynamic_content: { object: ['id', 'url', 'created_at', 'updated_at', 'placeholder', 'default_locale_id', 'outdated'], nested: ['id', 'url', 'created_at', 'updated_at', 'outdated'] },
  sla_policies: { object: ['id', 'url', 'created_at', 'updated_at', 'position'] },
};

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;

function clock(minutesOfDay: number): string {
  return `${String(Math.floor(minutesOfDay / 60)).padStart(2, '0')}:${String(minutesOfDay % 60).padStart(2, '0')}`;
}

/** Zendesk's minutes from Sunday 00:00 → {weekday: [{start, end}]} (intervals within one day, as all recorded ones are). */
function weekdayIntervals(intervals: { start_time: number; end_time: number }[]): JsonObject {
  const week: JsonObject = {};
  for (const { start_time, end_time } of intervals) {
    const day = WEEKDAYS[Math.floor(start_time / 1440)]!;
    const dayStart = WEEKDAYS.indexOf(day) * 1440;
    week[day] = [...((week[day] as Json[]) ?? []), { start: clock(start_time - dayStart), end: clock(end_time - dayStart) }];
  }
  return week;
}

function withoutKeys(o: JsonObject, keys: string[]): JsonObject {
  return Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));
}

function fileForm(type: NewType, live: JsonObject): JsonObject {
  const { object, nested = [] } = READ_ONLY[type];
  const out = withoutKeys(live, object);
  if (Array.isArray(out['variants'])) out['variants'] = out['variants'].map((v) => withoutKeys(v as JsonObject, nested));
  if (Array.isArray(out['intervals'])) out['intervals'] = weekdayIntervals(out['intervals'] as { start_time: number; end_time: number }[]);
  const auth = out['authentication'] as JsonObject | undefined;
  // Zendesk never returns the credential: import names variables for it.
  if (auth?.['type'] === 'bearer_token') out['authentication'] = { ...auth, data: { token_env: 'WEBHOOK_TOKEN' } };
  if (auth?.['type'] === 'basic_auth') out['authentication'] = { ...auth, data: { username_env: 'WEBHOOK_USERNAME', password_env: 'WEBHOOK_PASSWORD' } };
  return out;
}

const salto = JSON.parse(fs.readFileSync(path.join(RECORDED_DIR, 'salto', 'myBrand_mock_replies.json'), 'utf8')) as { url: string; response: JsonObject }[];
const saltoList = (url: string, key: string): JsonObject[] => salto.find((r) => r.url === url)!.response[key] as JsonObject[];
const goZendesk = (file: string, key: string): JsonObject[] => {
  const body = JSON.parse(fs.readFileSync(path.join(RECORDED_DIR, 'go-zendesk', file), 'utf8')) as JsonObject;
  return Array.isArray(body[key]) ? (body[key] as JsonObject[]) : [body[key] as JsonObject];
};

const recorded: [string, NewType, JsonObject][] = [
  ...saltoList('/api/v2/groups', 'groups').map((o, i) => [`salto groups[${i}]`, 'groups', o] as [string, NewType, JsonObject]),
  ...goZendesk('GET/groups.json', 'groups').map((o, i) => [`go-zendesk GET/groups.json[${i}]`, 'groups', o] as [string, NewType, JsonObject]),
  // Built-in statuses (default: true) get no files.
  ...saltoList('/api/v2/custom_statuses', 'custom_statuses').filter((o) => o['default'] === false).map((o, i) => [`salto custom_statuses[${i}]`, 'custom_statuses', o] as [string, NewType, JsonObject]),
  ...saltoList('/api/v2/business_hours/schedules', 'schedules').map((o, i) => [`salto schedules[${i}]`, 'schedules', o] as [string, NewType, JsonObject]),
  ...saltoList('/api/v2/webhooks', 'webhooks').map((o, i) => [`salto webhooks[${i}]`, 'webhooks', o] as [string, NewType, JsonObject]),
  ...goZendesk('GET/webhook.json', 'webhook').map((o) => ['go-zendesk GET/webhook.json', 'webhooks', o] as [string, NewType, JsonObject]),
  ...saltoList('/api/v2/dynamic_content/items', 'items').map((o, i) => [`salto items[${i}]`, 'dynamic_content', o] as [string, NewType, JsonObject]),
  ...goZendesk('GET/dynamic_content/items.json', 'items').map((o, i) => [`go-zendesk GET/dynamic_content/items.json[${i}]`, 'dynamic_content', o] as [string, NewType, JsonObject]),
  ...saltoList('/api/v2/slas/policies', 'sla_policies').map((o, i) => [`salto sla_policies[${i}]`, 'sla_policies', o] as [string, NewType, JsonObject]),
];

describe('recorded Zendesk objects in file form', () => {
  it('covers every new type', () => {
    expect(new Set(recorded.map(([, type]) => type))).toEqual(new Set(Object.keys(NEW_TYPES)));
  });

  it.each(recorded)('%s is accepted', (_source, type, live) => {
    const validate = validatorFor(strictAjv, `${NEW_TYPES[type]}.schema.json`);
    expect(validate(fileForm(type, live)), JSON.stringify(validate.errors)).toBe(true);
  });

  it('a recorded schedule reads as weekday hours (1980-2460 is Monday 09:00-17:00)', () => {
    const [schedule] = saltoList('/api/v2/business_hours/schedules', 'schedules');
    expect(fileForm('schedules', schedule!)['intervals']).toEqual({
      monday: [{ start: '09:00', end: '17:00' }],
      tuesday: [{ start: '09:00', end: '17:00' }],
      wednesday: [{ start: '09:00', end: '17:00' }],
      thursday: [{ start: '09:00', end: '17:00' }],
      friday: [{ start: '08:30', end: '16:30' }],
    });
  });
});
