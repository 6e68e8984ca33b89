import type { Diagnostic } from '../model/diagnostics.js';
import { error } from '../model/diagnostics.js';
import { DESCRIPTORS, MANAGED_TYPES, type ManagedType, type ResourceDescriptor } from '../resources/index.js';
import { liveKeyOf, NameIndex, type ApiObject, type LiveState } from '../resources/live.js';
import type { DesiredEntry, DesiredState } from './desired.js';

/** Which live object each desired one is, per type; built once, read by every step after. */
export interface Matching {
  live: Map<DesiredEntry, ApiObject>;
  unmatchedLive: Map<ManagedType, ApiObject[]>;
}

export const addressOf = (type: ManagedType, key: string) => `${type}/${key}`;

/**
 * Pairs each desired object with its live object: by the id it had where it came from (a snapshot
 * of this instance), a built-in by its match key, then by name or an earlier name. Two live objects
 * with the name a file wants are a diagnostic: zdctl cannot tell which one the file manages.
 */
export function matchObjects(desired: DesiredState, live: LiveState, diagnostics: Diagnostic[]): Matching {
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
export function namesAsPlanned(names: NameIndex, matching: Matching): NameIndex {
  for (const [entry, object] of matching.live) {
    const descriptor = DESCRIPTORS[entry.type];
    const kind = descriptor.referencedAs;
    if (!kind) continue;
    if (isReplaced(descriptor, entry, object)) names.rename(kind, object.id, `${liveKeyOf(descriptor, object)} (id ${String(object.id)}, replaced)`);
    else if (liveKeyOf(descriptor, object) !== entry.key) names.rename(kind, object.id, entry.key);
  }
  return names;
}

/** Zendesk cannot change a create-only key (a field's type): the object is deleted and created again. */
export function isReplaced(descriptor: ResourceDescriptor, entry: DesiredEntry, live: ApiObject): boolean {
  return replacedKey(descriptor, entry.object, live) !== undefined;
}

/** The create-only key whose change makes the object a replace, if any. */
export function replacedKey(descriptor: ResourceDescriptor, desired: Record<string, unknown>, live: Record<string, unknown>): string | undefined {
  return descriptor.createOnly?.keys.find((key) => desired[key] !== undefined && live[key] !== undefined && fixedAtCreate(descriptor, key, desired[key]) !== fixedAtCreate(descriptor, key, live[key]));
}

/** The part of a create-only key's value that Zendesk fixes at create: the whole value unless the descriptor says which. */
export function fixedAtCreate(descriptor: ResourceDescriptor, key: string, value: unknown): string {
  return descriptor.createOnly?.fixedPart ? descriptor.createOnly.fixedPart(key, value) : String(value);
}

