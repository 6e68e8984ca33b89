import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { managedTypesOfInstance, type DesiredObject, type LoadedInstance } from '../model/instance.js';
import { liveCategorizedOrder, liveListOrder } from './live-order.js';
import { changedKeys, withDefaults, type FileObject } from '../resources/file-form.js';
import { DESCRIPTORS, MANAGED_TYPES, orderedWith, orderSchemaOf, schemaFileOf, typesPlacedBy, type ManagedType, type ResourceDescriptor } from '../resources/index.js';
import { byPosition, liveKeyOf, NameIndex, type ApiObject, type LiveState } from '../resources/live.js';
import { extractLongTexts } from './long-text.js';
import { importFileForm, isImportable, type ImportNote } from './object-form.js';
import { allocateNames } from './slug.js';
import { newFileText, parsedValue, replacedListText, updatedFileText } from './yaml-doc.js';

/** What import will do to the instance folder; computed first, written after. */
export interface ImportOutcome {
  /** Absolute path → new content, only files whose bytes change. */
  writes: Map<string, string>;
  /** Absolute paths of object and order files whose object no longer exists live. */
  removes: string[];
  counts: { created: number; updated: number; unchanged: number; removed: number };
  notes: ImportNote[];
}

const ORDER_FILE = '_order.yaml';

/**
 * A type ordered in categories and its categories are imported together (triggers and trigger
 * categories): the categories' order and each member's category are both written in the members' _order.yaml.
 */
export function importTypes(requested: readonly ManagedType[], managed: readonly ManagedType[] = MANAGED_TYPES): ManagedType[] {
  const wanted = new Set(requested.length > 0 ? requested : managed);
  for (const type of [...wanted]) {
    const members = orderedWith(DESCRIPTORS[type]);
    for (const together of typesPlacedBy(DESCRIPTORS[members ?? type])) wanted.add(together);
  }
  return MANAGED_TYPES.filter((type) => wanted.has(type));
}

/** The files that make `instance` hold the live objects of `types`, with names for ids. */
export function planImport(instance: LoadedInstance, live: LiveState, types: readonly ManagedType[]): ImportOutcome {
  const outcome: ImportOutcome = { writes: new Map(), removes: [], counts: { created: 0, updated: 0, unchanged: 0, removed: 0 }, notes: [] };
  const names = NameIndex.fromLive(live);
  const fileKeys = keysWithFiles(instance, live, types);
  const managed = managedTypesOfInstance(instance);
  const contentTaken = new Set<string>(instance.objects.flatMap((object) => contentFilesOf(object)));
  const categorized = new Map(types.map((type) => [type, categorizedOrderOf(live, DESCRIPTORS[type])] as const).filter(([, order]) => order !== undefined));
  for (const type of types) {
    const descriptor = DESCRIPTORS[type];
    const form = (object: ApiObject) => {
      // A type the instance does not manage (groups kept elsewhere) is named, never written as an id.
      const result = importFileForm(descriptor, object, names, (kind, key) => !managed.includes(kind) || fileKeys.get(kind)!.has(key));
      outcome.notes.push(...result.notes);
      // A trigger's category is the category it is listed under in triggers/_order.yaml.
      if (descriptor.ordering.kind === 'categories' && categorized.has(type)) delete result.object[descriptor.ordering.categoryKey];
      return result.object;
    };
    importType(instance, descriptor, importableOf(live, descriptor), form, contentTaken, outcome);
    writeOrder(instance, descriptor, orderValueOf(live, descriptor, categorized), outcome);
  }
  return outcome;
}

/** Which natural keys will have a file after the import: live ones for imported types, existing files for the rest. */
function keysWithFiles(instance: LoadedInstance, live: LiveState, types: readonly ManagedType[]): Map<ManagedType, Set<string>> {
  return new Map(
    MANAGED_TYPES.map((type) => {
      const descriptor = DESCRIPTORS[type];
      const keys = types.includes(type) ? importableOf(live, descriptor).map((o) => liveKeyOf(descriptor, o)) : instance.objects.filter((o) => o.type === type).map((o) => o.key);
      return [type, new Set(keys)];
    }),
  );
}

const importableOf = (live: LiveState, descriptor: ResourceDescriptor) => (live.objects[descriptor.type] ?? []).filter((object) => isImportable(descriptor, object));

function importType(instance: LoadedInstance, descriptor: ResourceDescriptor, liveObjects: ApiObject[], form: (object: ApiObject) => FileObject, contentTaken: Set<string>, outcome: ImportOutcome): void {
  const type = descriptor.type;
  const typeDir = path.join(instance.dir, type);
  const existing = instance.objects.filter((object) => object.type === type);
  const unused = new Set(existing);
  const fileOf = (key: string) => {
    const found = [...unused].find((object) => object.key === key);
    if (found) unused.delete(found);
    return found;
  };
  const sorted = [...liveObjects].sort((a, b) => compareStrings(liveKeyOf(descriptor, a), liveKeyOf(descriptor, b)) || byPosition(a, b));
  const matched = new Map(sorted.map((object) => [object, fileOf(liveKeyOf(descriptor, object))]));
  const taken = new Set(existing.map((object) => path.relative(typeDir, path.join(instance.repoDir, object.file)).split(path.sep).join('/')));
  const newNames = allocateNames(sorted.filter((object) => !matched.get(object)), (object) => liveKeyOf(descriptor, object), descriptor.singular, taken, '.yaml');

  for (const object of sorted) {
    const current = matched.get(object);
    const file = current ? path.join(instance.repoDir, current.file) : path.join(typeDir, newNames.get(object)!);
    const inline = form(object);
    if (current && unchanged(descriptor, current, inline)) {
      outcome.counts.unchanged += 1;
      continue;
    }
    const currentText = current ? readFileSync(file, 'utf8') : undefined;
    const base = path.basename(file).replace(/\.ya?ml$/, '');
    const { object: withContent, files } = extractLongTexts(inline, currentText === undefined ? undefined : parsedValue(currentText), type, base, contentTaken);
    const text = current ? updatedFileText(currentText!, withContent, { have: withoutLocal(descriptor, current.data), want: inline }, descriptor.localOnly, descriptor.defaults) : newFileText(file, instance.repoDir, schemaFileOf(descriptor), withContent);
    outcome.counts[current ? 'updated' : 'created'] += 1;
    put(outcome, file, text);
    for (const content of files) put(outcome, path.join(instance.dir, content.path), content.text);
  }
  for (const stale of unused) {
    outcome.removes.push(path.join(instance.repoDir, stale.file));
    outcome.counts.removed += 1;
  }
}

/**
 * A file is left as it is (comments and all) when a plan would see no difference: the keys it
 * gives match live, and the keys it leaves out hold Zendesk's defaults live.
 */
function unchanged(descriptor: ResourceDescriptor, current: DesiredObject, inline: FileObject): boolean {
  // `inline` leaves out what holds Zendesk's default: as live, it holds those defaults.
  return changedKeys(descriptor, withoutLocal(descriptor, current.data), withDefaults(descriptor, inline)).length === 0;
}

function withoutLocal(descriptor: ResourceDescriptor, object: FileObject): FileObject {
  return Object.fromEntries(Object.entries(object).filter(([key]) => !descriptor.localOnly.includes(key)));
}

type CategorizedOrder = { [category: string]: string[] }[];

/** triggers/_order.yaml: one-key maps, category name → member titles. */
function categorizedOrderOf(live: LiveState, descriptor: ResourceDescriptor): CategorizedOrder | undefined {
  return liveCategorizedOrder(live, descriptor)?.map(({ category, titles }) => ({ [category]: titles }));
}

/**
 * The order file's value: a list of keys by position; members of categories by category; none for
 * the categories when their members' order file has them, none for a type Zendesk keeps no order of.
 */
function orderValueOf(live: LiveState, descriptor: ResourceDescriptor, categorized: ReadonlyMap<ManagedType, CategorizedOrder | undefined>): unknown[] | undefined {
  const ordering = descriptor.ordering;
  if (ordering.kind === 'none') return undefined;
  if (ordering.kind === 'categories') return categorized.get(descriptor.type);
  if (ordering.kind === 'category_of' && categorized.has(ordering.memberType)) return undefined;
  const keys = liveListOrder(live, descriptor);
  return keys.length > 0 ? keys : undefined;
}

function writeOrder(instance: LoadedInstance, descriptor: ResourceDescriptor, value: unknown[] | undefined, outcome: ImportOutcome): void {
  const file = path.join(instance.dir, descriptor.type, ORDER_FILE);
  const exists = existsSync(file);
  if (value === undefined) {
    if (exists) outcome.removes.push(file);
    return;
  }
  if (!exists) return put(outcome, file, newFileText(file, instance.repoDir, orderSchemaOf(descriptor)!, value));
  const text = readFileSync(file, 'utf8');
  if (!isDeepStrictEqual(parsedValue(text), value)) put(outcome, file, replacedListText(text, value));
}

/** Records a write only when the bytes differ from what is on disk. */
function put(outcome: ImportOutcome, file: string, text: string): void {
  if (existsSync(file) && readFileSync(file, 'utf8') === text) return;
  outcome.writes.set(file, text);
}

function contentFilesOf(object: DesiredObject): string[] {
  const found: string[] = [];
  const visit = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (Object.keys(record).length === 1 && typeof record.file === 'string') found.push(record.file);
      else Object.values(record).forEach(visit);
    }
  };
  visit(object.yaml.value);
  return found;
}

/** Code-point order: the same on every machine, whatever its locale. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Writes the outcome: new and changed files (folders made as needed), then removals. */
export function writeImport(outcome: ImportOutcome): void {
  for (const [file, text] of outcome.writes) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  for (const file of outcome.removes) rmSync(file, { force: true });
}
