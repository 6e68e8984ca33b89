import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { DESCRIPTORS, isManagedType, managedTypesOf, orderSchemaOf, schemaFileOf, type ManagedType, MANAGED_TYPES } from '../resources/index.js';
import { isRecord } from '../resources/references.js';
import { fileIdentityOf } from '../resources/identity.js';
import { inlineContentFiles } from './content.js';
import { error, warning, type Diagnostic } from './diagnostics.js';
import { isInside, readUtf8File, resolveInside } from './safe-fs.js';
import type { SchemaSet } from './schemas.js';
import { ParseCache } from './parse-cache.js';
import { parseYaml, type YamlFile } from './yaml-file.js';

export type UnmanagedPolicy = 'ignore' | 'deactivate' | 'delete';

/** Names of environment variables holding one credential (src/zendesk/environment.ts reads them). */
export interface CredentialNames {
  email_env?: string;
  token_env?: string;
  oauth_token_env?: string;
}

export interface InstanceConfig {
  subdomain: string;
  url?: string;
  auth?: CredentialNames & { read?: CredentialNames; write?: CredentialNames };
  /** false: not one of the instances the CI pipeline runs for (e.g. a disaster-recovery target). */
  ci?: boolean;
  unmanaged?: UnmanagedPolicy | Partial<Record<ManagedType, UnmanagedPolicy>>;
  personal?: 'exclude' | 'include';
  /** The opt-in types (groups, custom statuses, schedules) this instance manages; the rest of them are looked up. */
  manage?: ManagedType[];
}

/** One object file as the user wrote it, and with its `{file:}` texts read in. */
export interface DesiredObject {
  type: ManagedType;
  /** The natural key: title, name or key. */
  key: string;
  file: string;
  yaml: YamlFile;
  /** `{file:}` contents inlined; otherwise as written. */
  data: Record<string, unknown>;
}

export type OrderEntries = { kind: 'list'; names: string[] } | { kind: 'categories'; categories: { name: string; titles: string[] }[] };

export interface OrderFile {
  type: ManagedType;
  file: string;
  yaml: YamlFile;
  entries: OrderEntries;
}

export interface LoadedInstance {
  name: string;
  /** Absolute path of the repository root. */
  repoDir: string;
  /** Absolute path of the instance folder. */
  dir: string;
  /** The folder as shown in messages, relative to the repository root. */
  displayDir: string;
  config?: InstanceConfig;
  configYaml?: YamlFile;
  objects: DesiredObject[];
  orders: Partial<Record<ManagedType, OrderFile>>;
  diagnostics: Diagnostic[];
  /**
   * Object files that are not in `objects` because they could not be parsed or broke their schema
   * (errors already reported). Rules count them as present, so one broken file does not cause
   * errors in the files that name it; `key` and `data` when the file parsed.
   */
  unusable?: UnusableObject[];
}

/** The types this instance manages: all but the opt-in types its instance.yaml does not list under `manage:`. */
export function managedTypesOfInstance(instance: Pick<LoadedInstance, 'config'>): ManagedType[] {
  return managedTypesOf(instance.config?.manage);
}

export interface UnusableObject {
  type: ManagedType;
  file: string;
  key?: string;
  yaml?: YamlFile;
  data?: Record<string, unknown>;
}

const ORDER_FILE = '_order.yaml';

/** The order of `String#localeCompare`, without its set-up on every call (sorting 3,400 names: 16 ms → 0.3 ms). */
const collator = new Intl.Collator();
const byName = (a: { name: string }, b: { name: string }) => collator.compare(a.name, b.name);
const OTHER_ALLOWED = new Set(['instance.yaml', 'content', 'README.md', '.gitkeep']);

export function instancesRoot(repoDir: string): string {
  return path.join(repoDir, 'instances');
}

export function listInstances(repoDir: string): string[] {
  const root = instancesRoot(repoDir);
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(root, entry.name, 'instance.yaml')))
    .map((entry) => entry.name)
    .sort();
}

/**
 * Reads an instance folder: instance.yaml, every object file and order file, each checked against its schema.
 * `configOnly`: instance.yaml alone (export and restore need nothing else; parsing 60,000 object
 * files they would throw away took seconds).
 */
export function loadInstance(repoDir: string, name: string, schemas: SchemaSet, { configOnly = false, cache = ParseCache.none() }: { configOnly?: boolean; cache?: ParseCache } = {}): LoadedInstance {
  const dir = path.join(instancesRoot(repoDir), name);
  const displayDir = toDisplay(path.relative(repoDir, dir));
  const loaded: LoadedInstance = { name, repoDir, dir, displayDir, objects: [], orders: {}, diagnostics: [], unusable: [] };
  if (!/^[A-Za-z0-9._-]+$/.test(name) || !existsSync(dir) || !statSync(dir).isDirectory()) {
    loaded.diagnostics.push(error('instance', `no instance "${name}": ${displayDir} is not a folder`, { detail: `instances here: ${listInstances(repoDir).join(', ') || 'none'}` }));
    return loaded;
  }
  loadConfig(loaded, schemas);
  if (configOnly) return loaded;
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort(byName)) {
    if (isManagedType(entry.name)) {
      const problem = typeFolderProblem(loaded, entry.name) ?? notManagedProblem(loaded, entry.name);
      if (problem) loaded.diagnostics.push(error('file', problem, { source: { file: `${displayDir}/${entry.name}`, line: 1, column: 1 } }));
      else loadTypeFolder(loaded, entry.name, schemas, cache);
    } else if (!OTHER_ALLOWED.has(entry.name) && !entry.name.startsWith('.')) {
      loaded.diagnostics.push(
        warning('unknown-entry', `${displayDir}/${entry.name} is not a type folder zdctl knows; it is ignored`, {
          source: { file: `${displayDir}/${entry.name}`, line: 1, column: 1 },
          detail: `type folders: ${MANAGED_TYPES.join(', ')}`,
        }),
      );
    }
  }
  return loaded;
}

/** Files of an opt-in type that instance.yaml does not opt into would silently do nothing. */
function notManagedProblem(loaded: LoadedInstance, type: ManagedType): string | undefined {
  if (managedTypesOfInstance(loaded).includes(type)) return undefined;
  return `${type}/ holds ${type} files, but this instance does not manage ${type}: add "manage: [${type}]" to instance.yaml (without it zdctl only looks ${type} up by name), or remove the folder`;
}

/** A type folder must be a folder inside the instance (a symlink to one inside is fine). */
function typeFolderProblem(loaded: LoadedInstance, name: string): string | undefined {
  const inside = resolveInside(loaded.dir, name);
  if ('problem' in inside) return `${inside.problem}; symlinks may only point inside the instance folder`;
  return statSync(inside.absolute, { throwIfNoEntry: false })?.isDirectory() ? undefined : `${name} must be a folder of ${name} files`;
}

function loadConfig(loaded: LoadedInstance, schemas: SchemaSet): void {
  const file = `${loaded.displayDir}/instance.yaml`;
  // Same rule as object and content files: a symlink may not lead outside the instance folder.
  const inside = resolveInside(loaded.dir, 'instance.yaml');
  if ('problem' in inside) {
    loaded.diagnostics.push(error('file', inside.problem, { source: { file, line: 1, column: 1 }, detail: 'symlinks may only point inside the instance folder' }));
    return;
  }
  const yaml = readYaml(loaded, path.join(loaded.dir, 'instance.yaml'), file);
  if (!yaml) return;
  const problems = schemas.check('instance.schema.json', yaml);
  loaded.diagnostics.push(...problems);
  if (problems.length === 0) {
    loaded.config = yaml.value as InstanceConfig;
    loaded.configYaml = yaml;
  }
}

function loadTypeFolder(loaded: LoadedInstance, type: ManagedType, schemas: SchemaSet, cache: ParseCache): void {
  const typeDir = path.join(loaded.dir, type);
  for (const relative of yamlFilesUnder(loaded, typeDir)) {
    const absolute = path.join(typeDir, relative);
    const file = toDisplay(path.relative(loaded.repoDir, absolute));
    const yaml = readYaml(loaded, absolute, file, (text) => cache.parse(text, file));
    if (!yaml) {
      if (relative !== ORDER_FILE) loaded.unusable?.push({ type, file });
      continue;
    }
    const check = (schemaFile: string, address: string) => checkSchema(schemas, cache, schemaFile, yaml, address);
    if (relative === ORDER_FILE) loadOrder(loaded, type, yaml, check);
    else loadObject(loaded, type, yaml, check);
  }
}

type SchemaCheck = (schemaFile: string, address: string) => Diagnostic[];

/** The schema's diagnostics for a file, unless the parse cache knows that the same text passed the same schema. */
function checkSchema(schemas: SchemaSet, cache: ParseCache, schemaFile: string, yaml: YamlFile, address: string): Diagnostic[] {
  if (cache.passedBefore(yaml, schemaFile)) return [];
  const problems = schemas.check(schemaFile, yaml, address);
  if (problems.length === 0) cache.recordPassed(yaml, schemaFile);
  return problems;
}

function loadObject(loaded: LoadedInstance, type: ManagedType, yaml: YamlFile, check: SchemaCheck): void {
  const descriptor = DESCRIPTORS[type];
  const problems = check(schemaFileOf(descriptor), `${type}/${keyOf(yaml.value, descriptor.naturalKey) ?? '?'}`);
  loaded.diagnostics.push(...problems);
  if (problems.some((d) => d.severity === 'error') || !isRecord(yaml.value)) {
    const key = isRecord(yaml.value) && typeof yaml.value[descriptor.naturalKey] === 'string' ? String(yaml.value[descriptor.naturalKey]) : undefined;
    loaded.unusable?.push({ type, file: yaml.file, yaml, ...(key !== undefined ? { key } : {}), ...(isRecord(yaml.value) ? { data: yaml.value } : {}) });
    return;
  }
  const inlined = inlineContentFiles(yaml.value, yaml, loaded.dir, loaded.displayDir);
  loaded.diagnostics.push(...inlined.diagnostics);
  loaded.objects.push({ type, key: fileIdentityOf(descriptor, yaml.value), file: yaml.file, yaml, data: inlined.value as Record<string, unknown> });
}

function loadOrder(loaded: LoadedInstance, type: ManagedType, yaml: YamlFile, check: SchemaCheck): void {
  const schema = orderSchemaOf(DESCRIPTORS[type]);
  if (!schema) {
    loaded.diagnostics.push(error('order-file', `${type} have no order in Zendesk`, { source: yaml.locate([]), detail: `delete ${type}/_order.yaml` }));
    return;
  }
  const problems = check(schema, `${type}/_order.yaml`);
  loaded.diagnostics.push(...problems);
  if (problems.length > 0) return;
  const entries: OrderEntries =
    DESCRIPTORS[type].ordering.kind === 'categories'
      ? {
          kind: 'categories',
          categories: (yaml.value as Record<string, string[]>[]).map((entry) => {
            const [name, titles] = Object.entries(entry)[0]!;
            return { name, titles: titles ?? [] };
          }),
        }
      : { kind: 'list', names: yaml.value as string[] };
  loaded.orders[type] = { type, file: yaml.file, yaml, entries };
}

function keyOf(value: unknown, key: string): string | undefined {
  return isRecord(value) && typeof value[key] === 'string' ? value[key] : undefined;
}

/** The default parse bypasses the cache: instance.yaml, the one file that may hold a pasted secret by mistake, is never kept. */
function readYaml(loaded: LoadedInstance, absolute: string, file: string, parse = (text: string) => parseYaml(text, file)): YamlFile | undefined {
  const read = readUtf8File(absolute, file);
  if (read.text === undefined) {
    loaded.diagnostics.push(...read.diagnostics);
    return undefined;
  }
  const parsed = parse(read.text);
  loaded.diagnostics.push(...parsed.diagnostics);
  return parsed.yaml;
}

/**
 * YAML files under a type folder, sorted, following no symlink that leads outside the instance
 * and none that leads back into a folder being walked (a loop).
 */
function yamlFilesUnder(loaded: LoadedInstance, typeDir: string, relative = '', walking: ReadonlySet<string> = new Set([realpathSync(typeDir)])): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(path.join(typeDir, relative), { withFileTypes: true }).sort(byName)) {
    const child = relative ? `${relative}/${entry.name}` : entry.name;
    const absolute = path.join(typeDir, child);
    if (entry.name.startsWith('.')) continue;
    if (entry.isSymbolicLink()) {
      const inside = resolveInside(loaded.dir, path.relative(loaded.dir, absolute));
      if ('problem' in inside) {
        const file = toDisplay(path.relative(loaded.repoDir, absolute));
        loaded.diagnostics.push(error('file', inside.problem, { source: { file, line: 1, column: 1 }, detail: 'symlinks may only point inside the instance folder' }));
        continue;
      }
    }
    // A directory entry knows its own kind; only a symlink has to be followed to learn it.
    const stat = entry.isSymbolicLink() ? statSync(absolute, { throwIfNoEntry: false }) : entry;
    if (stat?.isDirectory()) {
      const real = realpathSync(absolute);
      if ([...walking].some((folder) => isInside(real, folder))) {
        const file = toDisplay(path.relative(loaded.repoDir, absolute));
        loaded.diagnostics.push(error('file', `path "${toDisplay(path.relative(loaded.dir, absolute))}" is a symlink to a folder that contains it (a loop)`, { source: { file, line: 1, column: 1 }, detail: 'remove the symlink or point it elsewhere' }));
        continue;
      }
      files.push(...yamlFilesUnder(loaded, typeDir, child, new Set([...walking, real])));
    }
    else if (stat?.isFile() && /\.ya?ml$/.test(entry.name)) files.push(child);
  }
  return files;
}

function toDisplay(p: string): string {
  return p.split(path.sep).join('/');
}
