// A synthetic instance of realistic shape, the whole account: fields with many options, forms that
// list them, triggers in categories, automations, views and macros that reference fields, options,
// forms, groups and agents by name; and what those rules depend on — groups, custom statuses,
// business-hours schedules with holidays, dynamic content in three locales, webhooks (secrets
// through environment variables), SLA policies — referenced as `Group:`, `Status:`, `Schedule:`,
// `Webhook:` and `{{dc.*}}`. Deterministic for a given scale, and valid for `zdctl validate`.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { DESCRIPTORS, OPT_IN_TYPES } from '../src/resources/index.js';
import { dynamicContentSlugOf } from '../src/resources/dynamic-content.js';
import { variableNameFor } from '../src/resources/webhooks.js';
// The same seedable PRNG the sandbox's fault injection uses: the same scale gives the same instance.
import { prng } from '../src/sandbox/index.js';

/**
 * Object counts at scale 1 (~6,400 objects): the nine rule and field types as before, and the
 * types of issue 15 in proportion to a large real account (tens of groups and webhooks, a handful
 * of schedules, hundreds of dynamic content items, tens of SLA policies).
 */
export const BASE_COUNTS = {
  groups: 40,
  custom_statuses: 10,
  schedules: 5,
  dynamic_content: 300,
  ticket_fields: 300,
  user_fields: 10,
  organization_fields: 10,
  ticket_forms: 50,
  trigger_categories: 20,
  triggers: 1000,
  automations: 400,
  views: 800,
  macros: 3400,
  webhooks: 30,
  sla_policies: 20,
} as const;

/** Holidays of each schedule (a year's public holidays), at every scale. */
export const HOLIDAYS_PER_SCHEDULE = 10;
/** The account's locales, seeded in the sandbox (a new account has en-US only): every dynamic content item has a variant in each. */
export const LOCALES = [
  { id: 1, locale: 'en-US', name: 'English' },
  { id: 2, locale: 'es', name: 'Español' },
  { id: 8, locale: 'de', name: 'Deutsch' },
] as const;

export type GeneratedType = keyof typeof BASE_COUNTS;
export type Counts = Record<GeneratedType, number>;

const GROUP_NAMES = ['Tier 1', 'Tier 2', 'Billing', 'Security', 'Enterprise', 'Escalations', 'Onboarding', 'Partners'];
export const BRANDS = ['Acme', 'Acme Labs'];
export const AGENT_COUNT = 12;
export const agentEmail = (i: number) => `agent${i}@bench.example`;

type Yaml = Record<string, unknown>;

export interface GeneratedObject {
  type: GeneratedType;
  key: string;
  file: string;
  data: Yaml;
}

export interface GeneratedInstance {
  counts: Counts;
  objects: GeneratedObject[];
  /** `<type>/_order.yaml` contents by type. */
  orders: Partial<Record<GeneratedType, unknown>>;
}

export function countsAt(scale: number): Counts {
  const counts = {} as Counts;
  for (const [type, base] of Object.entries(BASE_COUNTS) as [GeneratedType, number][]) counts[type] = Math.max(2, Math.round(base * scale));
  return counts;
}

interface Picker {
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

function picker(seed: number): Picker {
  const random = prng(seed);
  return {
    int: (min, max) => min + Math.floor(random() * (max - min + 1)),
    pick: (items) => items[Math.floor(random() * items.length)]!,
    chance: (p) => random() < p,
  };
}

interface DropDown {
  title: string;
  values: string[];
}

const fieldTitle = (i: number) => `Bench field ${String(i).padStart(5, '0')}`;
const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
const FIELD_TYPES_PLAIN = ['text', 'textarea', 'integer', 'decimal', 'date'] as const;

function ticketFields(count: number, p: Picker): { objects: GeneratedObject[]; dropDowns: DropDown[]; checkboxes: string[] } {
  const objects: GeneratedObject[] = [];
  const dropDowns: DropDown[] = [];
  const checkboxes: string[] = [];
  for (let i = 0; i < count; i++) {
    const title = fieldTitle(i);
    const kind = i % 10 < 6 ? 'tagger' : i % 10 === 6 ? 'multiselect' : i % 10 === 7 ? 'checkbox' : p.pick(FIELD_TYPES_PLAIN);
    const data: Yaml = { title, type: kind, description: `Synthetic ${kind} field ${i} for benchmarks`, active: true, visible_in_portal: p.chance(0.5) };
    if (kind === 'tagger' || kind === 'multiselect') {
      const values = Array.from({ length: p.int(10, 200) }, (_, j) => `bf${i}_opt${j}`);
      data.custom_field_options = values.map((value, j) => ({ name: `Option ${j} of field ${i}`, value }));
      if (kind === 'tagger') dropDowns.push({ title, values });
    }
    if (kind === 'checkbox') {
      data.tag = `bf${i}_checked`;
      checkboxes.push(title);
    }
    objects.push({ type: 'ticket_fields', key: title, file: `ticket_fields/${slug(title)}.yaml`, data });
  }
  return { objects, dropDowns, checkboxes };
}

function personFields(type: 'user_fields' | 'organization_fields', count: number): GeneratedObject[] {
  const prefix = type === 'user_fields' ? 'bench_user' : 'bench_org';
  return Array.from({ length: count }, (_, i) => {
    const key = `${prefix}_${i}`;
    const data: Yaml = { key, type: i % 3 === 0 ? 'dropdown' : 'text', title: `${prefix.replace('_', ' ')} ${i}`, active: true };
    if (data.type === 'dropdown') data.custom_field_options = Array.from({ length: 8 }, (_, j) => ({ name: `Choice ${j}`, value: `${key}_choice${j}` }));
    return { type, key, file: `${type}/${slug(key)}.yaml`, data };
  });
}

const SYSTEM_FIELDS = ['Subject', 'Description', 'Status', 'Type', 'Priority', 'Group', 'Assignee'].map((t) => `Field: ${t}`);

function ticketForms(count: number, fields: GeneratedObject[], dropDowns: DropDown[], p: Picker): GeneratedObject[] {
  return Array.from({ length: count }, (_, i) => {
    const name = `Bench form ${String(i).padStart(4, '0')}`;
    const own = new Set<string>();
    const wanted = Math.min(fields.length, p.int(8, 30));
    while (own.size < wanted) own.add(p.pick(fields).key);
    const parent = p.pick(dropDowns);
    own.add(parent.title);
    const children = [...own].filter((t) => t !== parent.title).slice(0, 2);
    const data: Yaml = {
      name,
      display_name: `Bench form ${i}`,
      active: true,
      end_user_visible: p.chance(0.6),
      in_all_brands: true,
      ticket_field_ids: [...SYSTEM_FIELDS, ...[...own].map((t) => `Field: ${t}`)],
      agent_conditions: [{ parent_field_id: `Field: ${parent.title}`, value: parent.values[0], child_fields: children.map((c) => ({ id: `Field: ${c}`, is_required: false, required_on_statuses: { type: 'NO_STATUSES' } })) }],
    };
    return { type: 'ticket_forms', key: name, file: `ticket_forms/${slug(name)}.yaml`, data };
  });
}

interface References {
  dropDowns: DropDown[];
  checkboxes: string[];
  forms: string[];
  groups: string[];
  p: Picker;
  account: AccountReferences;
}

/**
 * Names of the issue-15 types the rules use. Their choices come from a picker of their own, so the
 * nine older types draw the same numbers as before and keep their shape.
 */
interface AccountReferences {
  statuses: string[];
  schedules: string[];
  webhooks: string[];
  /** `{{dc.*}}` placeholders of the dynamic content items. */
  texts: string[];
  q: Picker;
}

function fieldCondition({ dropDowns, p }: References): Yaml {
  const field = p.pick(dropDowns);
  return { field: `Field: ${field.title}`, operator: 'is', value: p.pick(field.values) };
}

function triggers(count: number, categories: string[], refs: References): { objects: GeneratedObject[]; order: Record<string, string[]>[] } {
  const { p } = refs;
  const byCategory = new Map(categories.map((c) => [c, [] as string[]]));
  const objects: GeneratedObject[] = [];
  for (let i = 0; i < count; i++) {
    const title = `Bench trigger ${String(i).padStart(5, '0')}`;
    const category = categories[i % categories.length]!;
    byCategory.get(category)!.push(title);
    const all: Yaml[] = [{ field: 'update_type', operator: 'is', value: p.pick(['Create', 'Change']) }, fieldCondition(refs)];
    if (p.chance(0.3)) all.push({ field: 'ticket_form_id', operator: 'is', value: `Form: ${p.pick(refs.forms)}` });
    const any: Yaml[] = p.chance(0.4) ? [fieldCondition(refs), { field: 'priority', operator: 'is', value: p.pick(['high', 'urgent']) }] : [];
    const actions: Yaml[] = [
      { field: 'group_id', value: `Group: ${p.pick(refs.groups)}` },
      { field: 'current_tags', value: `bench_trigger_${i}` },
    ];
    actions.push(...accountActions(refs.account, i));
    if (p.chance(0.3)) actions.push({ field: 'assignee_id', value: agentEmail(p.int(0, AGENT_COUNT - 1)) });
    if (p.chance(0.3)) actions.push({ field: 'notification_user', value: ['requester_and_ccs', `Update on {{ticket.title}} (${i})`, `Hello {{ticket.requester.first_name}},\n\nBench notification ${i}.\n`] });
    if (refs.checkboxes.length > 0 && p.chance(0.2)) actions.push({ field: `Field: ${p.pick(refs.checkboxes)}`, value: 'true' });
    objects.push({ type: 'triggers', key: title, file: `triggers/${slug(category)}/${slug(title)}.yaml`, data: { title, active: true, conditions: { all, any }, actions } });
  }
  return { objects, order: categories.map((c) => ({ [c]: byCategory.get(c)! })) };
}

const TIME_FIELDS = ['NEW', 'OPEN', 'PENDING', 'HOLD', 'SOLVED', 'updated_at'] as const;
const STATUS_OF_TIME_FIELD: Record<string, string> = { NEW: 'new', OPEN: 'open', PENDING: 'pending', HOLD: 'hold', SOLVED: 'solved', updated_at: 'open' };

function automations(count: number, refs: References): GeneratedObject[] {
  const { p } = refs;
  return Array.from({ length: count }, (_, i) => {
    const title = `Bench automation ${String(i).padStart(5, '0')}`;
    const timeField = p.pick(TIME_FIELDS);
    const tag = `bench_automation_${i}_done`;
    const all: Yaml[] = [
      { field: 'status', operator: 'is', value: STATUS_OF_TIME_FIELD[timeField] },
      { field: timeField, operator: 'greater_than', value: String(p.int(1, 400)) },
      { field: 'current_tags', operator: 'not_includes', value: tag },
    ];
    if (p.chance(0.5)) all.push(fieldCondition(refs));
    const actions: Yaml[] = [{ field: 'current_tags', value: tag }];
    if (p.chance(0.5)) actions.push({ field: 'notification_group', value: [`Group: ${p.pick(refs.groups)}`, `Reminder ${i}: {{ticket.title}}`, `Ticket {{ticket.id}} needs attention (${i}).`] });
    return { type: 'automations', key: title, file: `automations/${slug(title)}.yaml`, data: { title, active: true, conditions: { all, any: [] }, actions } };
  });
}

const VIEW_COLUMNS = ['nice_id', 'description', 'requester', 'assignee', 'group', 'organization', 'status', 'priority', 'created', 'updated'];

function views(count: number, refs: References): GeneratedObject[] {
  const { p } = refs;
  return Array.from({ length: count }, (_, i) => {
    const title = `Bench view ${String(i).padStart(5, '0')}`;
    const group = p.pick(refs.groups);
    const columns = [...VIEW_COLUMNS.slice(0, p.int(4, 7)), ...Array.from({ length: p.int(0, 3) }, () => `Field: ${p.pick(refs.dropDowns).title}`)];
    const data: Yaml = {
      title,
      active: true,
      conditions: {
        all: [
          { field: 'status', operator: 'less_than', value: 'solved' },
          { field: 'group_id', operator: 'is', value: `Group: ${group}` },
        ],
        any: p.chance(0.3) ? [fieldCondition(refs)] : [],
      },
      output: { columns: [...new Set(columns)], sort_by: 'created', sort_order: p.pick(['asc', 'desc']) },
    };
    if (p.chance(0.5)) data.restriction = { type: 'Group', ids: [`Group: ${group}`] };
    return { type: 'views', key: title, file: `views/${slug(title)}.yaml`, data };
  });
}

const MACRO_TOPICS = ['Billing', 'Account access', 'Bugs', 'Onboarding', 'Security', 'Shipping', 'Enterprise', 'General'];

function macros(count: number, refs: References): GeneratedObject[] {
  const { p } = refs;
  return Array.from({ length: count }, (_, i) => {
    const title = `${MACRO_TOPICS[i % MACRO_TOPICS.length]}::Bench macro ${String(i).padStart(5, '0')}`;
    const actions: Yaml[] = [
      { field: 'comment_value', value: `Hello {{ticket.requester.first_name}},\n\nThis is canned answer ${i}. ${'Lorem ipsum dolor sit amet. '.repeat(p.int(2, 12))}\n\nBest regards,\n{{current_user.first_name}}\n` },
      { field: 'status', value: p.pick(['open', 'pending', 'solved']) },
    ];
    if (p.chance(0.5)) actions.push(fieldCondition(refs));
    if (p.chance(0.3)) actions.push({ field: 'group_id', value: `Group: ${p.pick(refs.groups)}` });
    const { q, texts } = refs.account;
    if (q.chance(0.3)) actions[0]!.value = `{{dc.${q.pick(texts)}}}\n\n${String(actions[0]!.value)}`;
    const data: Yaml = { title, active: true, actions: actions.map(({ operator: _operator, ...action }) => action) };
    if (p.chance(0.2)) data.restriction = { type: 'Group', ids: [`Group: ${p.pick(refs.groups)}`] };
    return { type: 'macros', key: title, file: `macros/${slug(title)}.yaml`, data };
  });
}

/** What some triggers do besides: run on a schedule, set a custom status, call a webhook with a dynamic text. */
function accountActions({ statuses, schedules, webhooks, texts, q }: AccountReferences, i: number): Yaml[] {
  const actions: Yaml[] = [];
  if (q.chance(0.2)) actions.push({ field: 'set_schedule', value: `Schedule: ${q.pick(schedules)}` });
  if (q.chance(0.15)) actions.push({ field: 'custom_status_id', value: `Status: ${q.pick(statuses)}` });
  if (q.chance(0.1)) actions.push({ field: 'notification_webhook', value: [`Webhook: ${q.pick(webhooks)}`, JSON.stringify({ ticket: '{{ticket.id}}', text: `{{dc.${q.pick(texts)}}}`, trigger: i })] });
  return actions;
}

const groupName = (i: number) => GROUP_NAMES[i] ?? `Bench group ${String(i).padStart(3, '0')}`;

function groups(count: number, q: Picker): GeneratedObject[] {
  return Array.from({ length: count }, (_, i) => {
    const name = groupName(i);
    return { type: 'groups', key: name, file: `groups/${slug(name)}.yaml`, data: { name, description: `Agents of ${name}`, is_public: q.chance(0.9) } };
  });
}

// Zendesk has no custom status in the `new` category.
const STATUS_CATEGORIES = ['open', 'pending', 'hold', 'solved'] as const;

function customStatuses(count: number): GeneratedObject[] {
  return Array.from({ length: count }, (_, i) => {
    const label = `Bench status ${String(i).padStart(3, '0')}`;
    const data: Yaml = { agent_label: label, status_category: STATUS_CATEGORIES[i % STATUS_CATEGORIES.length], end_user_label: `In progress (${i})`, description: `Synthetic status ${i}`, active: true };
    return { type: 'custom_statuses', key: label, file: `custom_statuses/${slug(label)}.yaml`, data };
  });
}

const TIME_ZONES = ['Eastern Time (US & Canada)', 'Pacific Time (US & Canada)', 'London', 'Berlin', 'Tokyo', 'Sydney', 'UTC'];
const WORKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'];
const hour = (h: number) => `${String(h).padStart(2, '0')}:00`;

function schedules(count: number, q: Picker): GeneratedObject[] {
  return Array.from({ length: count }, (_, i) => {
    const name = `Bench hours ${String(i).padStart(3, '0')}`;
    const opens = q.int(6, 10);
    const intervals: Yaml = Object.fromEntries(WORKDAYS.map((day) => [day, [{ start: hour(opens), end: hour(opens + q.int(8, 10)) }]]));
    if (q.chance(0.4)) intervals.saturday = [{ start: hour(opens), end: hour(opens + 4) }];
    const holidays = Array.from({ length: HOLIDAYS_PER_SCHEDULE }, (_, h) => {
      const day = `2027-${String(h + 1).padStart(2, '0')}-${String(q.int(1, 27)).padStart(2, '0')}`;
      return { name: `Holiday ${h + 1}`, start_date: day, end_date: day };
    });
    const data: Yaml = { name, time_zone: TIME_ZONES[i % TIME_ZONES.length], intervals, holidays };
    return { type: 'schedules', key: name, file: `schedules/${slug(name)}.yaml`, data };
  });
}

const GREETINGS: Record<number, string> = { 1: 'Hello', 2: 'Hola', 8: 'Hallo' };

function dynamicContent(count: number, q: Picker): GeneratedObject[] {
  return Array.from({ length: count }, (_, i) => {
    const name = `Bench text ${String(i).padStart(5, '0')}`;
    const variants = LOCALES.map(({ id }) => ({
      locale_id: id,
      ...(id === LOCALES[0].id ? { default: true } : {}),
      content: `${GREETINGS[id]} {{ticket.requester.first_name}}, text ${i}. ${'Lorem ipsum dolor sit amet. '.repeat(q.int(1, 6))}`,
    }));
    return { type: 'dynamic_content', key: name, file: `dynamic_content/${slug(name)}.yaml`, data: { name, variants } };
  });
}

const AUTHENTICATION_KINDS = ['bearer_token', 'basic_auth', 'api_key', 'none'] as const;

/** The variables named as import and restore name them (`WEBHOOK_<NAME>_TOKEN` …), so one set of values serves apply and restore. */
function webhookAuthentication(name: string, kind: (typeof AUTHENTICATION_KINDS)[number]): Yaml | undefined {
  if (kind === 'bearer_token') return { type: kind, data: { token_env: variableNameFor(name, 'TOKEN') } };
  if (kind === 'basic_auth') return { type: kind, data: { username_env: variableNameFor(name, 'USERNAME'), password_env: variableNameFor(name, 'PASSWORD') } };
  if (kind === 'api_key') return { type: kind, data: { name: 'X-Api-Key', value_env: variableNameFor(name, 'API_KEY') } };
  return undefined;
}

function webhooks(count: number): GeneratedObject[] {
  return Array.from({ length: count }, (_, i) => {
    const name = `Bench webhook ${String(i).padStart(3, '0')}`;
    const data: Yaml = {
      name,
      description: `Synthetic webhook ${i}`,
      endpoint: `https://hooks.bench.example/webhook-${i}`,
      http_method: 'POST',
      request_format: 'json',
      status: 'active',
      subscriptions: ['conditional_ticket_events'],
      custom_headers: { 'X-Source': 'zendesk' },
    };
    const authentication = webhookAuthentication(name, AUTHENTICATION_KINDS[i % AUTHENTICATION_KINDS.length]!);
    if (authentication) data.authentication = authentication;
    return { type: 'webhooks', key: name, file: `webhooks/${slug(name)}.yaml`, data };
  });
}

const SLA_METRICS = ['first_reply_time', 'next_reply_time', 'periodic_update_time', 'requester_wait_time'] as const;
const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;

function slaPolicies(count: number, refs: References): GeneratedObject[] {
  const { q, statuses } = refs.account;
  return Array.from({ length: count }, (_, i) => {
    const title = `Bench SLA ${String(i).padStart(3, '0')}`;
    const field = q.pick(refs.dropDowns);
    const all: Yaml[] = [{ field: 'group_id', operator: 'is', value: `Group: ${q.pick(refs.groups)}` }];
    if (q.chance(0.5)) all.push({ field: 'type', operator: 'is', value: q.pick(['incident', 'problem', 'question']) });
    if (q.chance(0.5)) all.push({ field: `Field: ${field.title}`, operator: 'includes', value: [q.pick(field.values)] });
    // Only custom statuses: with custom_statuses managed, validate refuses a built-in one ("Status: Open")
    // as not defined in this instance (the descriptor has no builtInNames; reported, src/ not bench's).
    const any: Yaml[] = q.chance(0.5) ? [{ field: 'custom_status_id', operator: 'includes', value: [...new Set([`Status: ${q.pick(statuses)}`, `Status: ${q.pick(statuses)}`])] }] : [];
    const policy_metrics = PRIORITIES.slice(0, q.int(1, 4)).flatMap((priority, rank) =>
      SLA_METRICS.slice(0, q.int(1, 3)).map((metric) => ({ priority, metric, target: (rank + 1) * q.int(15, 120), business_hours: q.chance(0.5) })),
    );
    return { type: 'sla_policies', key: title, file: `sla_policies/${slug(title)}.yaml`, data: { title, description: `Synthetic SLA policy ${i}`, filter: { all, any }, policy_metrics } };
  });
}

/** The whole instance at a scale (1 ≈ 6,400 objects). */
export function generateInstance(scale: number): GeneratedInstance {
  const counts = countsAt(scale);
  const p = picker(20240501);
  const q = picker(20261203);
  const fields = ticketFields(counts.ticket_fields, p);
  const forms = ticketForms(counts.ticket_forms, fields.objects, fields.dropDowns, p);
  const categories = Array.from({ length: counts.trigger_categories }, (_, i) => `Bench category ${String(i).padStart(3, '0')}`);
  const groupObjects = groups(counts.groups, q);
  const statusObjects = customStatuses(counts.custom_statuses);
  const scheduleObjects = schedules(counts.schedules, q);
  const textObjects = dynamicContent(counts.dynamic_content, q);
  const webhookObjects = webhooks(counts.webhooks);
  const account: AccountReferences = {
    statuses: statusObjects.map((o) => o.key),
    schedules: scheduleObjects.map((o) => o.key),
    webhooks: webhookObjects.map((o) => o.key),
    texts: textObjects.map((o) => dynamicContentSlugOf(o.key)),
    q,
  };
  const refs: References = { dropDowns: fields.dropDowns, checkboxes: fields.checkboxes, forms: forms.map((f) => f.key), groups: groupObjects.map((g) => g.key), p, account };
  const trig = triggers(counts.triggers, categories, refs);
  const viewObjects = views(counts.views, refs);
  const policies = slaPolicies(counts.sla_policies, refs);
  const objects = [
    ...groupObjects,
    ...statusObjects,
    ...scheduleObjects,
    ...textObjects,
    ...fields.objects,
    ...personFields('user_fields', counts.user_fields),
    ...personFields('organization_fields', counts.organization_fields),
    ...forms,
    ...categories.map((name): GeneratedObject => ({ type: 'trigger_categories', key: name, file: `trigger_categories/${slug(name)}.yaml`, data: { name } })),
    ...trig.objects,
    ...automations(counts.automations, refs),
    ...viewObjects,
    ...macros(counts.macros, refs),
    ...webhookObjects,
    ...policies,
  ];
  return {
    counts,
    objects,
    orders: { triggers: trig.order, ticket_forms: forms.map((f) => f.key), views: viewObjects.map((v) => v.key), sla_policies: policies.map((s) => s.key) },
  };
}

const schemaOf = (type: GeneratedType) => DESCRIPTORS[type].schema ?? DESCRIPTORS[type].singular;

/** Manages every type it can: the opt-in ones (groups, custom statuses, schedules) too. */
export const INSTANCE_CONFIG = { subdomain: 'bench', unmanaged: 'ignore', manage: [...OPT_IN_TYPES] };

/**
 * The environment variables the webhooks' files name, each with a value: what apply and restore
 * read (restore asks for the names import would write, which are the ones the files use here).
 */
export function webhookSecrets(generated: GeneratedInstance): Record<string, string> {
  const secrets: Record<string, string> = {};
  const visit = (value: unknown, key = ''): void => {
    if (key.endsWith('_env') && typeof value === 'string') secrets[value] = `bench-secret-${value.toLowerCase()}`;
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) visit(v, k);
  };
  for (const object of generated.objects) if (DESCRIPTORS[object.type].secrets) visit(object.data);
  return secrets;
}

/** Writes `instances/<name>/` under repoDir: instance.yaml, one file per object, the order files. */
export function writeInstance(repoDir: string, name: string, generated: GeneratedInstance): string {
  const dir = path.join(repoDir, 'instances', name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'instance.yaml'), stringify(INSTANCE_CONFIG));
  const made = new Set<string>();
  for (const object of generated.objects) writeObject(dir, object, made);
  for (const [type, order] of Object.entries(generated.orders)) writeFileSync(path.join(dir, type, '_order.yaml'), stringify(order));
  return dir;
}

export function writeObject(instanceDir: string, object: GeneratedObject, madeDirs = new Set<string>()): void {
  const file = path.join(instanceDir, object.file);
  const folder = path.dirname(file);
  if (!madeDirs.has(folder)) {
    mkdirSync(folder, { recursive: true });
    madeDirs.add(folder);
  }
  const depth = object.file.split('/').length + 1;
  writeFileSync(file, `# yaml-language-server: $schema=${'../'.repeat(depth)}schemas/${schemaOf(object.type)}.schema.json\n${stringify(object.data, { lineWidth: 0 })}`);
}

/** Distinct agent emails the instance's files name (each one a users/search for zdctl). */
export function namedEmails(generated: GeneratedInstance): string[] {
  const found = new Set<string>();
  for (const object of generated.objects) for (const match of JSON.stringify(object.data).matchAll(/agent\d+@bench\.example/g)) found.add(match[0]);
  return [...found];
}
