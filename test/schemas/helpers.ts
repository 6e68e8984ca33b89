// Test helpers for the JSON Schemas in schemas/: load them all into one ajv,
// pick the schema a shipped file's path implies, and turn the real recorded
// Zendesk objects (../shared/zendesk-reference/recorded) into the file form
// of docs/FORMAT.md. The conversion lives here on purpose: it is test
// support, not the importer.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { DESCRIPTORS, MANAGED_TYPES, type ManagedType } from '../../src/resources/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(here, '..', '..');
export const SCHEMA_DIR = path.join(REPO_ROOT, 'schemas');
export const INSTANCES_DIR = path.join(REPO_ROOT, 'instances');
export const RECORDED_DIR = path.resolve(REPO_ROOT, '..', 'shared', 'zendesk-reference', 'recorded');
export const SCHEMA_BASE = 'https://zdctl.dev/schemas/';

/** The nine managed types and their singular (schema) names, as zdctl's descriptors define them. */
export const TYPES = MANAGED_TYPES;
export type TypeName = ManagedType;

/** The schema name of each type (`dynamic_content_item`: its envelope key is `item`). */
export const SINGULAR: Record<TypeName, string> = Object.fromEntries(TYPES.map((type) => [type, DESCRIPTORS[type].schema ?? DESCRIPTORS[type].singular])) as Record<TypeName, string>;

export function schemaFiles(): string[] {
  return fs
    .readdirSync(SCHEMA_DIR)
    .filter((f) => f.endsWith('.schema.json'))
    .sort();
}

// ajv-formats is CommonJS; under NodeNext its default import is the module object.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** A strict ajv (draft 2020-12) holding every schema in schemas/. */
export function loadAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  for (const f of schemaFiles()) {
    ajv.addSchema(JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, f), 'utf8')) as object);
  }
  return ajv;
}

export function validatorFor(ajv: Ajv2020, schemaFile: string): ValidateFunction {
  const v = ajv.getSchema(SCHEMA_BASE + schemaFile);
  if (!v) throw new Error(`no schema ${schemaFile}`);
  return v;
}

/**
 * The schema a file in instances/<instance>/ must match, from its path
 * relative to the instance folder; undefined for files that are not YAML
 * objects (content/**, README.md).
 */
export function schemaForInstancePath(rel: string): string | undefined {
  const parts = rel.split(/[\\/]/);
  if (!rel.endsWith('.yaml') && !rel.endsWith('.yml')) return undefined;
  if (parts.length === 1) return parts[0] === 'instance.yaml' ? 'instance.schema.json' : undefined;
  const type = parts[0] as TypeName;
  if (!TYPES.includes(type)) return undefined;
  if (parts.length === 2 && /^_order\.ya?ml$/.test(parts[1] ?? '')) {
    return type === 'triggers' ? 'trigger-order.schema.json' : 'order.schema.json';
  }
  return `${SINGULAR[type]}.schema.json`;
}

export function walk(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out.sort();
}

/** Short form of ajv errors for assertions and failure messages. */
export function brief(errors: ErrorObject[] | null | undefined): { keyword: string; instancePath: string }[] {
  return (errors ?? []).map((e) => ({ keyword: e.keyword, instancePath: e.instancePath }));
}

// ---------------------------------------------------------------- recordings

export interface RecordedObject {
  type: TypeName;
  source: string;
  object: JsonObject;
}


function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function collect(source: string, body: unknown, out: RecordedObject[]): void {
  if (!isObject(body)) return;
  for (const type of TYPES) {
    const list = body[DESCRIPTORS[type].plural];
    if (Array.isArray(list)) {
      list.forEach((o, i) => {
        if (isObject(o)) out.push({ type, source: `${source} ${type}[${i}]`, object: o });
      });
    }
    const one = body[DESCRIPTORS[type].singular];
    if (isObject(one)) out.push({ type, source: `${source} ${DESCRIPTORS[type].singular}`, object: one });
  }
}

/**
 * Every object of the nine managed types that Zendesk returned in the
 * recordings (responses only: request bodies are partial updates, not
 * objects). Only objects carrying an `id` count — that is what a real read
 * returns.
 */
export function recordedObjects(): RecordedObject[] {
  const out: RecordedObject[] = [];
  const go = path.join(RECORDED_DIR, 'go-zendesk');
  for (const f of walk(go).filter((p) => p.endsWith('.json'))) {
    collect(path.relative(RECORDED_DIR, f), JSON.parse(fs.readFileSync(f, 'utf8')), out);
  }
  const salto = path.join(RECORDED_DIR, 'salto', 'myBrand_mock_replies.json');
  const replies = JSON.parse(fs.readFileSync(salto, 'utf8')) as { url: string; response: unknown }[];
  replies.forEach((r, i) => collect(`salto[${i}] ${r.url}`, r.response, out));
  const rb = path.join(RECORDED_DIR, 'zendesk_api_client_rb');
  for (const f of walk(rb).filter((p) => p.endsWith('.json'))) {
    const cassette = JSON.parse(fs.readFileSync(f, 'utf8')) as {
      http_interactions: { request: { method: string }; response: { body: { string?: string; base64_string?: string } } }[];
    };
    cassette.http_interactions.forEach((it, i) => {
      const b = it.response.body;
      const text = b.string ?? (b.base64_string ? Buffer.from(b.base64_string, 'base64').toString('utf8') : '');
      if (!text) return;
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        return;
      }
      collect(`${path.relative(RECORDED_DIR, f)}#${i} ${it.request.method}`, body, out);
    });
  }
  return out.filter((r) => r.object['id'] !== undefined);
}

/** Keys Zendesk returns that a file never holds (docs/FORMAT.md, Objects). */
const READ_ONLY = new Set([
  'id',
  'url',
  'created_at',
  'updated_at',
  'deleted_at',
  'position',
  'default',
  'removable',
  'system',
  'system_field_options',
  'custom_statuses',
  'agent_can_edit',
  'creator_user_id',
  'creator_app_name',
  'watchable',
  'sla_id',
  'usage_1h',
  'usage_24h',
  'usage_7d',
  'usage_30d',
  'app_installation',
  'categories',
  'permissions',
  'attachments',
  'deleted',
  // dynamic content items: derived from the name, the default variant, the variants
  'placeholder',
  'default_locale_id',
  'outdated',
]);
const VARIANT_READ_ONLY = new Set(['id', 'url', 'created_at', 'updated_at', 'outdated']);
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
const clock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** Zendesk's minutes from Sunday 00:00 → {weekday: [{start, end}]} (recorded intervals lie within one day). */
function weekdayHours(intervals: { start_time: number; end_time: number }[]): JsonObject {
  const week: JsonObject = {};
  for (const { start_time, end_time } of intervals) {
    const day = Math.floor(start_time / 1440);
    week[WEEKDAYS[day]!] = [...((week[WEEKDAYS[day]!] as Json[]) ?? []), { start: clock(start_time - day * 1440), end: clock(end_time - day * 1440) }];
  }
  return week;
}

const OPTION_READ_ONLY = new Set(['id', 'url', 'position', 'raw_name']);

/**
 * The file form of a recorded object, as import would write it with ids left
 * raw (the escape hatch): read-only keys dropped, `raw_x` (the text as
 * written, dynamic content unexpanded) in place of `x`, a view's
 * `execution` turned into `output`.
 */
export function toFileForm(type: TypeName, live: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(live)) {
    if (k.startsWith('raw_')) continue;
    if ((READ_ONLY.has(k) || DESCRIPTORS[type].readOnly.includes(k)) && !(k === 'default' && type === 'ticket_forms')) continue;
    if (k === 'execution') continue;
    // Macro attachments are not managed (uploads, not configuration): import writes none.
    if (k === 'attachments' && type === 'macros') continue;
    const raw = live[`raw_${k}`];
    out[k] = typeof raw === 'string' ? raw : v;
  }
  const options = out['custom_field_options'];
  if (Array.isArray(options)) {
    out['custom_field_options'] = options.map((o) =>
      isObject(o) ? Object.fromEntries(Object.entries(o).filter(([k]) => !OPTION_READ_ONLY.has(k))) : o,
    );
  }
  if (Array.isArray(out['variants'])) out['variants'] = out['variants'].map((v) => (isObject(v) ? Object.fromEntries(Object.entries(v).filter(([k]) => !VARIANT_READ_ONLY.has(k))) : v));
  if (Array.isArray(out['intervals'])) out['intervals'] = weekdayHours(out['intervals'] as { start_time: number; end_time: number }[]);
  const exec = live['execution'];
  if (type === 'views' && isObject(exec)) {
    const output: JsonObject = {};
    if (Array.isArray(exec['columns'])) {
      output['columns'] = exec['columns'].map((c) => (isObject(c) ? (c['id'] ?? null) : c));
    }
    for (const k of ['group_by', 'group_order', 'sort_by', 'sort_order']) {
      if (exec[k] !== undefined) output[k] = exec[k] ?? null;
    }
    out['output'] = output;
  }
  // Zendesk never answers secrets: the file names the variables they come from (import does the same).
  return DESCRIPTORS[type].secrets ? (DESCRIPTORS[type].secrets!.withVariables(out) as JsonObject) : out;
}
