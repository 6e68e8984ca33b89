import { fileIdentityOf } from '../resources/identity.js';
import { createHash } from 'node:crypto';
import { error, type Diagnostic } from '../model/diagnostics.js';
import { didYouMean } from '../model/suggest.js';
import { locateIn } from '../model/yaml-file.js';
import { changedKeys, liveToFile, withDefaults, type FileObject } from '../resources/file-form.js';
import { DESCRIPTORS, managedTypeOfKind, MANAGED_TYPES, type ManagedType, type ReferenceKind, type ResourceDescriptor } from '../resources/index.js';
import { liveKeyOf, NameIndex, type ApiObject, type LiveState } from '../resources/live.js';
import { findReferences, formatReference, placeholderNote, type FoundReference } from '../resources/references.js';
import { desiredOptionFields, optionValuesInFiles, type FileOptionValues } from '../resources/field-options.js';
import { unknownOption } from '../model/rules/option-references.js';
import type { DesiredEntry, DesiredState } from './desired.js';
import { addDependencies } from './dependencies.js';

export { changeRef } from './dependencies.js';
import { orderChanges } from './order.js';
import { selectTargets } from './targets.js';
import { PLAN_FORMAT_VERSION, summarize, type Change, type Plan, type UnmanagedObject } from './types.js';

export interface PlanOptions {
  zdctlVersion: string;
  now?: Date;
  /** `TYPE` or `TYPE/NAME`: only these changes and what they depend on. */
  targets?: string[];
  /** The base URL the live state was read from, when not the instance's own. */
  baseUrl?: string;
}

export interface PlanResult {
  plan: Plan;
  diagnostics: Diagnostic[];
}

/** Which live object each desired one is, per type; built once, read by every step after. */
export interface Matching {
  live: Map<DesiredEntry, ApiObject>;
  unmatchedLive: Map<ManagedType, ApiObject[]>;
}

const addressOf = (type: ManagedType, key: string) => `${type}/${key}`;

/** desired + live → the changes that make live match desired. Pure: no I/O, no clock unless given. */
export function buildPlan(desired: DesiredState, live: LiveState, options: PlanOptions): PlanResult {
  const diagnostics: Diagnostic[] = [];
  const matching = matchObjects(desired, live, diagnostics);
  const names = namesAsPlanned(NameIndex.fromLive(live), matching);
  diagnostics.push(...unresolvedNames(desired, names), ...missingBuiltIns(desired, matching));

  const wording = WORDING[desired.from ?? 'files'];
  const changes: Change[] = [];
  const unmanaged: UnmanagedObject[] = [];
  for (const type of MANAGED_TYPES) {
    for (const entry of desired.objects[type]) changes.push(...changesFor(entry, matching.live.get(entry), names, wording));
    for (const object of matching.unmatchedLive.get(type) ?? []) {
      const { change, listing } = unmanagedChange(DESCRIPTORS[type], object, desired.policyOf(type), names, staysDefault(object, desired.objects[type]), wording);
      unmanaged.push(listing);
      if (change) changes.push(change);
    }
  }
  changes.push(...orderChanges(desired, live, matching));
  diagnostics.push(...addDependencies(changes, desired, live));

  const known = (type: ManagedType) => [...desired.objects[type].map((entry) => entry.key), ...(matching.unmatchedLive.get(type) ?? []).map((object) => liveKeyOf(DESCRIPTORS[type], object))];
  const selected = options.targets?.length ? selectTargets(changes, options.targets, diagnostics, known) : changes;
  const ordered = inExecutionOrder(selected);
  return {
    plan: {
      format_version: PLAN_FORMAT_VERSION,
      zdctl_version: options.zdctlVersion,
      instance: desired.instance,
      subdomain: desired.subdomain,
      ...(options.baseUrl ? { base_url: options.baseUrl } : {}),
      created_at: (options.now ?? new Date()).toISOString(),
      changes: ordered,
      unmanaged,
      summary: summarize(ordered),
      live_fingerprint: fingerprint(ordered, live),
    },
    diagnostics,
  };
}

function matchObjects(desired: DesiredState, live: LiveState, diagnostics: Diagnostic[]): Matching {
  const matched = new Map<DesiredEntry, ApiObject>();
  const unmatchedLive = new Map<ManagedType, ApiObject[]>();
  for (const type of MANAGED_TYPES) {
    const descriptor = DESCRIPTORS[type];
    const byKey = new Map<string, ApiObject[]>();
    for (const object of live.objects[type] ?? []) {
      if (descriptor.isSystem(object)) continue;
      const key = liveKeyOf(descriptor, object);
      byKey.set(key, [...(byKey.get(key) ?? []), object]);
    }
    const used = new Set<ApiObject>();
    const byId = new Map((live.objects[type] ?? []).filter((o) => !descriptor.isSystem(o)).map((o) => [String(o.id), o]));
    for (const entry of desired.objects[type]) {
      const sameObject = entry.liveId === undefined ? undefined : byId.get(String(entry.liveId));
      if (sameObject && !used.has(sameObject)) {
        matched.set(entry, sameObject);
        used.add(sameObject);
      }
    }
    matchEditableSystem(descriptor, desired.objects[type], live.objects[type] ?? [], matched, used);
    const claimedById = new Set(used);
    for (const entry of desired.objects[type]) {
      if (matched.has(entry)) continue;
      const candidates = [entry.key, ...entry.previousKeys].map((key) => (byKey.get(key) ?? []).filter((o) => !claimedById.has(o))).find((found) => found.length > 0) ?? [];
      if (candidates.length > 1) {
        diagnostics.push(
          error('duplicate-live', `${candidates.length} live ${type} are called "${liveKeyOf(descriptor, candidates[0]!)}" (ids ${candidates.map((c) => c.id).join(', ')})`, {
            address: addressOf(type, entry.key),
            source: { ...entry.source, column: 1 },
            detail: 'zdctl cannot tell which one this file manages; rename or delete the extra ones in Zendesk first',
          }),
        );
        candidates.forEach((c) => used.add(c));
        continue;
      }
      if (candidates[0]) {
        matched.set(entry, candidates[0]);
        used.add(candidates[0]);
      }
    }
    unmatchedLive.set(type, (live.objects[type] ?? []).filter((o) => !descriptor.isSystem(o) && !used.has(o)));
  }
  return { live: matched, unmatchedLive };
}

/** A file for a built-in object (a system ticket field) is that object, found by its match key whatever its title. */
function matchEditableSystem(descriptor: ResourceDescriptor, entries: DesiredEntry[], liveObjects: ApiObject[], matched: Map<DesiredEntry, ApiObject>, used: Set<ApiObject>): void {
  const system = descriptor.editableSystem;
  if (!system) return;
  const byMatchKey = new Map(liveObjects.filter((o) => descriptor.isSystem(o)).map((o) => [String(o[system.matchKey]), o]));
  for (const entry of entries) {
    if (matched.has(entry) || !descriptor.isSystem(entry.object)) continue;
    const object = byMatchKey.get(String(entry.object[system.matchKey]));
    if (object && !used.has(object)) {
      matched.set(entry, object);
      used.add(object);
    }
  }
}

/**
 * Live ids named as they will be once the plan is applied, so that objects are compared by what
 * they will refer to: an object renamed by its file (previous_title) is known by its new name (a
 * form that lists it has not changed), and a field replaced because its type changes is no longer
 * the object its name means (a form, view or rule that lists its old id must move to the new one).
 */
function namesAsPlanned(names: NameIndex, matching: Matching): NameIndex {
  for (const [entry, object] of matching.live) {
    const descriptor = DESCRIPTORS[entry.type];
    const kind = descriptor.referencedAs;
    if (!kind) continue;
    if (isReplaced(descriptor, entry, object)) names.rename(kind, object.id, `${liveKeyOf(descriptor, object)} (id ${String(object.id)}, replaced)`);
    else if (liveKeyOf(descriptor, object) !== entry.key) names.rename(kind, object.id, entry.key);
  }
  return names;
}

/** Zendesk cannot change a field's type: the field is deleted and created again. */
function isReplaced(descriptor: ResourceDescriptor, entry: DesiredEntry, live: ApiObject): boolean {
  return descriptor.hasOptions && entry.object.type !== undefined && live.type !== undefined && String(entry.object.type) !== String(live.type);
}

function desiredFileForm(descriptor: ResourceDescriptor, entry: DesiredEntry): FileObject {
  const object = { ...entry.object };
  for (const key of descriptor.localOnly) delete object[key];
  return object;
}

/** How reasons name where the desired state comes from: a plan of files speaks of files, a restore of its snapshot. */
const WORDING = {
  files: { missingLive: 'no live object has this name', notDesired: 'no file manages it' },
  snapshot: { missingLive: 'in the snapshot, not live', notDesired: 'the snapshot does not have it' },
} as const;
type Wording = (typeof WORDING)[keyof typeof WORDING];

function changesFor(entry: DesiredEntry, liveObject: ApiObject | undefined, names: NameIndex, wording: Wording): Change[] {
  const descriptor = DESCRIPTORS[entry.type];
  const address = addressOf(entry.type, entry.key);
  const after = desiredFileForm(descriptor, entry);
  const source = entry.source;
  if (!liveObject && descriptor.isSystem(after)) return [];
  if (liveObject && descriptor.editableSystem && descriptor.isSystem(liveObject)) return systemChangesFor(descriptor, descriptor.editableSystem.editable, entry, liveObject, names, address, after);
  if (!liveObject) {
    return [{ address, type: entry.type, action: 'create', key: entry.key, after, reason: wording.missingLive, depends_on: [], source }];
  }
  const before = liveToFile(descriptor, liveObject, names).object;
  const changed = changedKeys(descriptor, after, before);
  if (changed.length === 0) return [];
  // A changed key the file leaves out goes back to Zendesk's default.
  const defaulted = withDefaults(descriptor, after);
  const merged = { ...before, ...after, ...Object.fromEntries(changed.filter((key) => after[key] === undefined).map((key) => [key, defaulted[key]])) };
  if (isReplaced(descriptor, entry, liveObject)) {
    const reason = `Zendesk cannot change a field's type (${String(before.type)} → ${String(after.type)}); it is deleted and created again, which loses the values stored in it`;
    return [
      { address, type: entry.type, action: 'delete', key: entry.key, id: liveObject.id, before, replace: true, reason, depends_on: [], source },
      { address, type: entry.type, action: 'create', key: entry.key, after, replace: true, reason, depends_on: [`delete ${address}`], source },
    ];
  }
  const renamed = fileIdentityOf(descriptor, before) !== entry.key ? ` (renamed from "${String(before[descriptor.naturalKey])}")` : '';
  return [{ address, type: entry.type, action: 'update', key: entry.key, id: liveObject.id, before, after: merged, changed_keys: changed, reason: `changed: ${changed.join(', ')}${renamed}`, depends_on: [], source }];
}

/** A file for a built-in object that the live instance does not have: zdctl never creates one. */
function missingBuiltIns(desired: DesiredState, matching: Matching): Diagnostic[] {
  return MANAGED_TYPES.flatMap((type) =>
    desired.objects[type]
      .filter((entry) => DESCRIPTORS[type].isSystem(entry.object) && !matching.live.has(entry))
      .map((entry) => {
        const matchKey = DESCRIPTORS[type].editableSystem?.matchKey ?? DESCRIPTORS[type].naturalKey;
        return error('built-in-missing', `no built-in ${type} with ${matchKey} "${String(entry.object[matchKey])}" exists live`, {
          address: addressOf(type, entry.key),
          source: { ...entry.source, column: 1 },
          detail: 'Zendesk creates its built-in objects itself and zdctl never creates or deletes them; a file may only change what an admin can edit on them',
        });
      }),
  );
}

/** A built-in object: only the editable keys its file gives are compared and sent; it is never created, replaced or deleted. */
function systemChangesFor(descriptor: ResourceDescriptor, editable: readonly string[], entry: DesiredEntry, liveObject: ApiObject, names: NameIndex, address: string, after: FileObject): Change[] {
  const before = liveToFile(descriptor, liveObject, names).object;
  const changed = changedKeys({ ...descriptor, defaults: {} }, after, before).filter((key) => editable.includes(key));
  if (changed.length === 0) return [];
  const renamed = fileIdentityOf(descriptor, before) !== entry.key ? ` (renamed from "${String(before[descriptor.naturalKey])}")` : '';
  const merged = { ...before, ...Object.fromEntries(changed.map((key) => [key, after[key]])) };
  return [{ address, type: entry.type, action: 'update', key: entry.key, id: liveObject.id, before, after: merged, changed_keys: changed, reason: `changed: ${changed.join(', ')}${renamed} (a built-in ${descriptor.singular.replace('_', ' ')})`, depends_on: [], source: entry.source }];
}

/** Zendesk keeps one default (ticket form): a live default stays so unless a file makes another one the default. */
function staysDefault(object: ApiObject, entries: DesiredEntry[]): boolean {
  return object.default === true && !entries.some((entry) => entry.object.default === true);
}

function unmanagedChange(descriptor: ResourceDescriptor, object: ApiObject, policy: UnmanagedObject['policy'], names: NameIndex, isDefault: boolean, wording: Wording): { change?: Change; listing: UnmanagedObject } {
  const key = liveKeyOf(descriptor, object);
  const listing: UnmanagedObject = { type: descriptor.type, key, id: object.id, policy };
  const address = addressOf(descriptor.type, key);
  const before = liveToFile(descriptor, object, names).object;
  // Zendesk's default ticket form (and any default object) cannot be deleted or deactivated.
  if (isDefault || policy === 'ignore') return { listing };
  if (policy === 'delete') {
    return { listing, change: { address, type: descriptor.type, action: 'delete', key, id: object.id, before, reason: `${wording.notDesired} and the instance's unmanaged policy for ${descriptor.type} is delete`, depends_on: [] } };
  }
  if (!('active' in object) || object.active === false) return { listing };
  return {
    listing,
    change: { address, type: descriptor.type, action: 'deactivate', key, id: object.id, before, after: { ...before, active: false }, changed_keys: ['active'], reason: `${wording.notDesired} and the instance's unmanaged policy for ${descriptor.type} is deactivate`, depends_on: [] },
  };
}

const LOOKED_UP_AS: Record<ReferenceKind, string> = {
  Group: 'groups up by name',
  Brand: 'brands up by name',
  Schedule: 'schedules up by name',
  Webhook: 'webhooks up by name',
  Target: 'targets up by title',
  Status: 'custom statuses up by agent label',
  User: 'users up by email',
  Field: 'fields up by title',
  Form: 'forms up by name',
  Category: 'categories up by name',
  Option: 'options up by value',
};

/**
 * Looked-up names (groups, brands …) and managed names must exist live or be created by this plan;
 * an option of a drop-down field must be one its file lists or, without a file, one it has live.
 */
function unresolvedNames(desired: DesiredState, names: NameIndex): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const desiredKeys = new Map(MANAGED_TYPES.map((type) => [type, new Set(desired.objects[type].map((e) => e.key))]));
  const fileOptions = optionValuesInFiles(MANAGED_TYPES.flatMap((type) => desired.objects[type]));
  const optionFields = desiredOptionFields(fileOptions, names);
  for (const type of MANAGED_TYPES) {
    for (const entry of desired.objects[type]) {
      for (const reference of findReferences(DESCRIPTORS[type], entry.object, optionFields)) {
        if (reference.name === undefined) continue;
        const problem = reference.kind === 'Option' ? unknownOptionOf(reference, fileOptions, names) : unknownName(reference, desiredKeys, names);
        if (problem) diagnostics.push(error('unknown-name', problem.summary, { address: addressOf(type, entry.key), source: locateIn(entry.origin.yaml, reference.path, reference.inText?.start), detail: problem.detail }));
      }
    }
  }
  return diagnostics;
}

function unknownName(reference: FoundReference, desiredKeys: Map<ManagedType, Set<string>>, names: NameIndex): { summary: string; detail: string } | undefined {
  const name = reference.name!;
  if (names.idOf(reference.kind, name) !== undefined) return undefined;
  const managed = managedTypeOfKind(reference.kind);
  if (managed && desiredKeys.get(managed)!.has(name)) return undefined;
  const close = didYouMean(name, names.namesOf(reference.kind));
  return {
    summary: `${formatReference(reference.kind, name)}${placeholderNote(reference)} does not exist in the live instance`,
    detail: close.length > 0 ? `did you mean ${close.map((c) => `"${formatReference(reference.kind, c)}"`).join(' or ')}?` : managed ? `add a file for it under ${managed}/` : `create it in Zendesk first; zdctl looks ${LOOKED_UP_AS[reference.kind]} and never creates them`,
  };
}

/** The option values the field will have: its file's, or its live ones; an option id (escape hatch) counts when its value stays. */
function unknownOptionOf(reference: FoundReference, fileOptions: FileOptionValues, names: NameIndex): { summary: string; detail: string } | undefined {
  const scope = reference.scope!;
  const values = fileOptions.get(scope) ?? names.namesOf('Option', scope);
  const valueOfId = names.nameOf('Option', reference.name!, scope);
  if (values.includes(reference.name!) || (valueOfId !== undefined && values.includes(valueOfId))) return undefined;
  return unknownOption(scope, reference.name!, values);
}

const PHASE: Record<Change['action'], number> = { create: 0, update: 0, deactivate: 0, reorder: 1, delete: 2 };

/** Creates and updates by type dependency, then reorders, then deletes in reverse; apply follows depends_on. */
function inExecutionOrder(changes: Change[]): Change[] {
  const typeRank = (type: ManagedType) => MANAGED_TYPES.indexOf(type);
  // The delete half of a replace runs right before its create, not with the other deletes.
  const phaseOf = (change: Change) => (change.replace ? 0 : PHASE[change.action]);
  return [...changes].sort((a, b) => {
    const phase = phaseOf(a) - phaseOf(b);
    if (phase !== 0) return phase;
    const rank = a.action === 'delete' ? typeRank(b.type) - typeRank(a.type) : typeRank(a.type) - typeRank(b.type);
    if (rank !== 0) return rank;
    if (a.replace && b.replace && a.address === b.address) return a.action === 'delete' ? -1 : 1;
    return a.key.localeCompare(b.key);
  });
}

export function digest(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

/** What a saved plan checks before apply: each live object it touches, and each live order it changes. */
export function fingerprint(changes: readonly Change[], live: LiveState): Record<string, string> {
  const result: Record<string, string> = {};
  const lookup = liveLookup(live);
  for (const change of changes) {
    if (change.action === 'reorder') {
      result[`${change.type}#order`] = digest(liveOrderSignature(live, change.type));
    } else if (change.id !== undefined) {
      result[`${change.type}/${String(change.id)}`] = digest(lookup.byId(change.type, change.id) ?? null);
    } else {
      result[`${change.address}#absent`] = digest(lookup.hasKey(change.type, change.key));
    }
  }
  return result;
}

/** Live objects by id and the natural keys in use, per type, indexed on first use (not a scan per change). */
function liveLookup(live: LiveState) {
  const ids = new Map<ManagedType, Map<string, ApiObject>>();
  const keys = new Map<ManagedType, Set<string>>();
  return {
    byId(type: ManagedType, id: ApiObject['id']): ApiObject | undefined {
      if (!ids.has(type)) {
        const map = new Map<string, ApiObject>();
        for (const object of live.objects[type] ?? []) if (!map.has(String(object.id))) map.set(String(object.id), object);
        ids.set(type, map);
      }
      return ids.get(type)!.get(String(id));
    },
    hasKey(type: ManagedType, key: string): boolean {
      if (!keys.has(type)) {
        const descriptor = DESCRIPTORS[type];
        keys.set(type, new Set((live.objects[type] ?? []).filter((o) => !descriptor.isSystem(o)).map((o) => liveKeyOf(descriptor, o))));
      }
      return keys.get(type)!.has(key);
    },
  };
}

export function liveOrderSignature(live: LiveState, type: ManagedType): unknown {
  const positions = (objects: ApiObject[]) => objects.map((o) => [o.id, o.position, o.category_id ?? null]);
  return type === 'triggers' ? [positions(live.objects.triggers ?? []), positions(live.objects.trigger_categories ?? [])] : positions(live.objects[type] ?? []);
}
