// A synthetic instance of realistic shape: fields with many options, forms that list them,
// triggers in categories, automations, views and macros that reference fields, options, forms,
// groups and agents by name. Deterministic for a given scale, and valid for `zdctl validate`.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { DESCRIPTORS, MANAGED_TYPES } from '../src/resources/index.js';
// The same seedable PRNG the sandbox's fault injection uses: the same scale gives the same instance.
import { prng } from '../src/sandbox/index.js';

/** Object counts at scale 1 (~6,000 objects), from the issue. */
export const BASE_COUNTS = {
  ticket_fields: 300,
  user_fields: 10,
  organization_fields: 10,
  ticket_forms: 50,
  trigger_categories: 20,
  triggers: 1000,
  automations: 400,
  views: 800,
  macros: 3400,
} as const;

export type GeneratedType = keyof typeof BASE_COUNTS;
export type Counts = Record<GeneratedType, number>;

export const GROUPS = ['Tier 1', 'Tier 2', 'Billing', 'Security', 'Enterprise', 'Escalations', 'Onboarding', 'Partners'];
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
  p: Picker;
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
      { field: 'group_id', value: `Group: ${p.pick(GROUPS)}` },
      { field: 'current_tags', value: `bench_trigger_${i}` },
    ];
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
    if (p.chance(0.5)) actions.push({ field: 'notification_group', value: [`Group: ${p.pick(GROUPS)}`, `Reminder ${i}: {{ticket.title}}`, `Ticket {{ticket.id}} needs attention (${i}).`] });
    return { type: 'automations', key: title, file: `automations/${slug(title)}.yaml`, data: { title, active: true, conditions: { all, any: [] }, actions } };
  });
}

const VIEW_COLUMNS = ['nice_id', 'description', 'requester', 'assignee', 'group', 'organization', 'status', 'priority', 'created', 'updated'];

function views(count: number, refs: References): GeneratedObject[] {
  const { p } = refs;
  return Array.from({ length: count }, (_, i) => {
    const title = `Bench view ${String(i).padStart(5, '0')}`;
    const group = p.pick(GROUPS);
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
    if (p.chance(0.3)) actions.push({ field: 'group_id', value: `Group: ${p.pick(GROUPS)}` });
    const data: Yaml = { title, active: true, actions: actions.map(({ operator: _operator, ...action }) => action) };
    if (p.chance(0.2)) data.restriction = { type: 'Group', ids: [`Group: ${p.pick(GROUPS)}`] };
    return { type: 'macros', key: title, file: `macros/${slug(title)}.yaml`, data };
  });
}

/** The whole instance at a scale (1 ≈ 6,000 objects). */
export function generateInstance(scale: number): GeneratedInstance {
  const counts = countsAt(scale);
  const p = picker(20240501);
  const fields = ticketFields(counts.ticket_fields, p);
  const forms = ticketForms(counts.ticket_forms, fields.objects, fields.dropDowns, p);
  const categories = Array.from({ length: counts.trigger_categories }, (_, i) => `Bench category ${String(i).padStart(3, '0')}`);
  const refs: References = { dropDowns: fields.dropDowns, checkboxes: fields.checkboxes, forms: forms.map((f) => f.key), p };
  const trig = triggers(counts.triggers, categories, refs);
  const viewObjects = views(counts.views, refs);
  const objects = [
    ...fields.objects,
    ...personFields('user_fields', counts.user_fields),
    ...personFields('organization_fields', counts.organization_fields),
    ...forms,
    ...categories.map((name): GeneratedObject => ({ type: 'trigger_categories', key: name, file: `trigger_categories/${slug(name)}.yaml`, data: { name } })),
    ...trig.objects,
    ...automations(counts.automations, refs),
    ...viewObjects,
    ...macros(counts.macros, refs),
  ];
  return {
    counts,
    objects,
    orders: { triggers: trig.order, ticket_forms: forms.map((f) => f.key), views: viewObjects.map((v) => v.key) },
  };
}

const SCHEMA_OF = Object.fromEntries(MANAGED_TYPES.map((type) => [type, DESCRIPTORS[type].singular])) as Record<GeneratedType, string>;

export const INSTANCE_CONFIG = { subdomain: 'bench', unmanaged: 'ignore' };

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
  writeFileSync(file, `# yaml-language-server: $schema=${'../'.repeat(depth)}schemas/${SCHEMA_OF[object.type]}.schema.json\n${stringify(object.data, { lineWidth: 0 })}`);
}

/** Distinct agent emails the instance's files name (each one a users/search for zdctl). */
export function namedEmails(generated: GeneratedInstance): string[] {
  const found = new Set<string>();
  for (const object of generated.objects) for (const match of JSON.stringify(object.data).matchAll(/agent\d+@bench\.example/g)) found.add(match[0]);
  return [...found];
}
