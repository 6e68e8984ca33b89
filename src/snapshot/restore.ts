// Restore: a snapshot becomes a desired state, which the planner compares with the target's live
// state like any instance folder. Names are the bridge between the two accounts: the snapshot's
// ids are read as names with the snapshot's own lookups, and resolved to the target's ids when
// the plan is applied (fields and options first, then forms, categories and rules).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { error, warning, type Diagnostic, type SourceLocation } from '../model/diagnostics.js';
import type { DesiredObject, UnmanagedPolicy } from '../model/instance.js';
import { parseYaml, type PathSegment, type YamlFile } from '../model/yaml-file.js';
import type { DesiredEntry, DesiredState } from '../plan/desired.js';
import type { OrderValue } from '../plan/types.js';
import { liveToFile, newFileForm } from '../resources/file-form.js';
import { DESCRIPTORS, MANAGED_TYPES, type ManagedType } from '../resources/index.js';
import { liveKeyOf, NameIndex, type ApiObject } from '../resources/live.js';
import { liveCategorizedOrder, liveListOrder } from '../import/live-order.js';
import { objectsFile } from './format.js';
import type { Snapshot } from './read.js';

export interface RestoreTarget {
  instance: string;
  subdomain: string;
  /** Set when the target is reached at another URL than https://<subdomain>.zendesk.com (a sandbox). */
  baseUrl?: string;
  policyOf(type: ManagedType): UnmanagedPolicy;
  /** The types the target manages; the snapshot's objects of other types serve only as names. Default: all. */
  managedTypes?: readonly ManagedType[];
  /** The target instance's own file of an object, if it has one: the environment variables it names for secrets. */
  fileOf?: (type: ManagedType, key: string) => Record<string, unknown> | undefined;
}

/**
 * The snapshot as a desired state for `target`: every managed object but the system ones, in
 * file form with names; each type's order from the snapshot's positions. Objects live in the
 * target but not in the snapshot are left to the target's `unmanaged` policy.
 */
export function desiredFromSnapshot(snapshot: Snapshot, snapshotDir: string, target: RestoreTarget): { desired: DesiredState; diagnostics: Diagnostic[] } {
  const names = NameIndex.fromLive(snapshot.live);
  // Into the instance it was taken from, the snapshot's ids are the objects' identity: a title
  // changed in the UI since is a rename back, not a new object and an unmanaged one.
  const sameInstance = snapshot.manifest.subdomain === target.subdomain && snapshot.manifest.base_url === target.baseUrl;
  const diagnostics: Diagnostic[] = [];
  const objects = Object.fromEntries(MANAGED_TYPES.map((type) => [type, [] as DesiredEntry[]])) as Record<ManagedType, DesiredEntry[]>;
  const managedTypes = target.managedTypes ?? MANAGED_TYPES;
  for (const type of managedTypes) {
    const descriptor = DESCRIPTORS[type];
    const source = new SnapshotSource(snapshotDir, objectsFile(type));
    const seen = new Map<string, ApiObject>();
    snapshot.live.objects[type].forEach((live, index) => {
      if (descriptor.isSystem(live) && !descriptor.editableSystem) return;
      const key = liveKeyOf(descriptor, live);
      const yaml = source.objectAt(index);
      const address = `${type}/${key}`;
      const twin = seen.get(key);
      if (twin) {
        diagnostics.push(error('duplicate-in-snapshot', `two ${type} in the snapshot are called "${key}" (ids ${String(twin.id)} and ${String(live.id)})`, { address, source: { ...source.startOf(index), column: 1 }, detail: 'zdctl matches objects by name and cannot restore both; rename one in the source instance and export again' }));
        return;
      }
      seen.set(key, live);
      const { object: whole, unnamed } = liveToFile(descriptor, live, names);
      // A built-in object comes back as what an admin may edit on it, found by its match key.
      // Zendesk never answers secrets: the restore asks for the variables the instance's file names, or import would.
      const object = descriptor.editableSystem && descriptor.isSystem(live) ? pick(whole, [descriptor.naturalKey, descriptor.editableSystem.matchKey, ...descriptor.editableSystem.editable]) : newFileForm(descriptor, whole, target.fileOf?.(type, key));
      for (const reference of unnamed) {
        diagnostics.push(warning('unnamed-id', `${reference.path.join('.')} holds ${reference.kind.toLowerCase()} id ${String(reference.rawId)}, which the snapshot has no name for; it is restored as that raw id`, { address, source: yaml.locate(reference.path) }));
      }
      const origin: DesiredObject = { type, key, file: yaml.file, yaml, data: object };
      objects[type].push({ type, key, previousKeys: [], object, source: source.startOf(index), origin, ...(sameInstance ? { liveId: live.id } : {}) });
    });
  }
  return { desired: { instance: target.instance, subdomain: target.subdomain, objects, orders: ordersOf(snapshot, managedTypes), policyOf: target.policyOf, from: 'snapshot', includePersonal: holdsPersonal(snapshot), managedTypes }, diagnostics };
}

/** A snapshot holds personal macros or views only when its instance opted in: they are configuration, so live ones are compared too. */
function holdsPersonal(snapshot: Snapshot): boolean {
  return MANAGED_TYPES.some((type) => {
    const isPersonal = DESCRIPTORS[type].isPersonal;
    return isPersonal !== undefined && snapshot.live.objects[type].some((object) => isPersonal(object));
  });
}

/** Positions in the snapshot become an order per type; members of categories (triggers) are ordered within them. */
function ordersOf(snapshot: Snapshot, managedTypes: readonly ManagedType[]): Partial<Record<ManagedType, OrderValue>> {
  const orders: Partial<Record<ManagedType, OrderValue>> = {};
  for (const descriptor of managedTypes.map((type) => DESCRIPTORS[type])) {
    const kind = descriptor.ordering.kind;
    if (kind === 'none' || kind === 'category_of') continue;
    const order = kind === 'categories' ? liveCategorizedOrder(snapshot.live, descriptor) : liveListOrder(snapshot.live, descriptor);
    if (order && order.length > 0) orders[descriptor.type] = order;
  }
  return orders;
}

/**
 * Where a snapshot object is, for messages: `objects/<type>.json` line N. The line of each object
 * comes from the writer's layout (two-space JSON, one object a `  {` line); the exact place inside
 * an object is found by parsing the file only when a message needs it.
 */
class SnapshotSource {
  private readonly file: string;
  private readonly absolute: string;
  private lines?: number[];
  private parsed?: YamlFile | null;

  constructor(snapshotDir: string, relative: string) {
    this.absolute = path.join(snapshotDir, relative);
    this.file = `${snapshotDir}/${relative}`;
  }

  objectAt(index: number): YamlFile {
    const locate = (at: readonly PathSegment[]): SourceLocation => this.document()?.locate([index, ...at]) ?? { file: this.file, line: this.lineOf(index), column: 1 };
    return { file: this.file, value: undefined, locate, locateKey: locate };
  }

  startOf(index: number): { file: string; line: number } {
    return { file: this.file, line: this.lineOf(index) };
  }

  private lineOf(index: number): number {
    this.lines ??= readFileSync(this.absolute, 'utf8')
      .split('\n')
      .flatMap((line, number) => (line === '  {' ? [number + 1] : []));
    return this.lines[index] ?? 1;
  }

  private document(): YamlFile | undefined {
    if (this.parsed === undefined) this.parsed = parseYaml(readFileSync(this.absolute, 'utf8'), this.file).yaml ?? null;
    return this.parsed ?? undefined;
  }
}

function pick(object: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((key) => object[key] !== undefined).map((key) => [key, object[key]]));
}
