import { existsSync, statSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deepCopy, isManagedType, isObject, isStoredType, STORED_TYPES, type ApiObject, type StoredType } from './model.js';
import { TYPE_PATHS } from './render.js';
import { DESCRIPTORS } from './resources/index.js';
import type { Store } from './store.js';

export type SeedData = Partial<Record<string, unknown[]>>;

/**
 * Loads raw API objects, ids kept. Each type present in `data` replaces that type's current
 * contents (a snapshot's system fields replace the fresh account's, instead of doubling them).
 * Only raw API objects: an instance folder (YAML) is seeded by running zdctl apply against the
 * sandbox, never here.
 */
export function seedObjects(store: Store, data: SeedData): void {
  for (const [type, objects] of Object.entries(data)) {
    if (objects === undefined) continue;
    if (!isStoredType(type)) throw new Error(`seed: unknown type "${type}" (known: ${STORED_TYPES.join(', ')})`);
    store.replaceAll(type, objects.filter(isObject).map((o) => normalize(type, deepCopy(o))));
    for (const object of store.all(type)) for (const nested of nestedObjects(object)) store.observeId(nested.id);
  }
}

/** Objects with ids inside an object (field options, dynamic content variants, holidays): their ids are taken too. */
function nestedObjects(object: ApiObject): ApiObject[] {
  return Object.values(object).flatMap((value) => (Array.isArray(value) ? value.filter(isObject) : []));
}

/** Trigger category ids are strings (salto trigger_categories); so are the triggers' references to them. */
function normalize(type: StoredType, object: ApiObject): ApiObject {
  if (type === 'trigger_categories') object.id = String(object.id);
  if (type === 'triggers' && object.category_id != null) object.category_id = String(object.category_id);
  return object;
}

async function readJson(path: string): Promise<unknown> {
  return JSON.parse(await readFile(path, 'utf8')) as unknown;
}

/**
 * A snapshot folder: `manifest.json`, `objects/<type>.json`, `lookups/<type>.json`, each a JSON
 * array. Any type may sit in either folder: an instance that keeps groups or schedules as lookups
 * exports them under `lookups/`, one that manages them under `objects/`.
 */
export async function readSnapshotFolder(dir: string): Promise<SeedData> {
  if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`${dir}: not a snapshot (no manifest.json)`);
  const data: SeedData = {};
  for (const folder of ['lookups', 'objects']) {
    for (const type of STORED_TYPES) {
      const file = join(dir, folder, `${type}.json`);
      if (!existsSync(file)) continue;
      const list = await readJson(file);
      if (!Array.isArray(list)) throw new Error(`${file}: expected a JSON array of ${type}`);
      data[type] = list;
    }
  }
  return data;
}

const TYPE_BY_PATH = new Map(Object.entries(TYPE_PATHS).map(([type, path]) => [`/api/v2/${path}`, type as StoredType]));

/** The key a list answer holds its objects under (dynamic content: `items`). */
const envelopeOf = (type: StoredType): string => (isManagedType(type) ? (DESCRIPTORS[type].plural ?? type) : type);

/**
 * Recorded fixtures: a salto-style mock-replies file (`[{url, response}]`), a list response
 * (`{"triggers":[...], ...}`), or a folder of such files. Responses for the same type are merged
 * by id, first one wins.
 */
export async function readRecorded(path: string): Promise<SeedData> {
  const files = statSync(path).isDirectory()
    ? (await readdir(path)).filter((f) => f.endsWith('.json')).sort().map((f) => join(path, f))
    : [path];
  const data: Record<string, ApiObject[]> = {};
  for (const file of files) mergeRecorded(data, await readJson(file));
  return data;
}

function mergeRecorded(data: Record<string, ApiObject[]>, content: unknown): void {
  const replies = Array.isArray(content) ? content.filter(isObject) : [];
  const responses = Array.isArray(content)
    ? replies.flatMap((reply) => {
        const type = TYPE_BY_PATH.get(String(reply.url ?? '').replace(/\.json$/, ''));
        return type && isObject(reply.response) ? [{ type, body: reply.response }] : [];
      })
    : isObject(content)
      ? STORED_TYPES.filter((type) => Array.isArray(content[envelopeOf(type)])).map((type) => ({ type, body: content }))
      : [];
  for (const { type, body } of responses) {
    const listed = body[envelopeOf(type)];
    const list = Array.isArray(listed) ? listed.filter(isObject) : [];
    const known = (data[type] ??= []);
    for (const object of list) if (!known.some((k) => String(k.id) === String(object.id))) known.push(object);
  }
  for (const reply of replies) attachNested(data, reply);
}

/** A recorded sub-collection answer (`/business_hours/schedules/{id}/holidays`) goes onto its parent object. */
function attachNested(data: Record<string, ApiObject[]>, reply: ApiObject): void {
  const url = String(reply.url ?? '').replace(/\.json$/, '');
  for (const descriptor of Object.values(DESCRIPTORS)) {
    for (const { path, key } of descriptor.nestedCollections ?? []) {
      const prefix = `/api/v2/${TYPE_PATHS[descriptor.type]}/`;
      const parentId = url.startsWith(prefix) && url.endsWith(`/${path}`) ? url.slice(prefix.length, -path.length - 1) : undefined;
      const items = isObject(reply.response) ? reply.response[path] : undefined;
      if (parentId === undefined || parentId.includes('/') || !Array.isArray(items)) continue;
      data[descriptor.type] = (data[descriptor.type] ?? []).map((o) => (String(o.id) === parentId ? { ...o, [key]: items.filter(isObject) } : o));
    }
  }
}

/** `--seed PATH`: a snapshot folder (has manifest.json), else recorded fixtures. */
export async function readSeed(path: string): Promise<SeedData> {
  if (existsSync(join(path, 'instance.yaml'))) {
    throw new Error(
      `${path} is an instance folder: seed it by running \`zdctl apply\` against the sandbox (ZENDESK_URL), not with --seed`,
    );
  }
  if (existsSync(join(path, 'manifest.json'))) return readSnapshotFolder(path);
  return readRecorded(path);
}
