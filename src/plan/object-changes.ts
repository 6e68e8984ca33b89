import { fileIdentityOf } from '../resources/identity.js';
import { alignedChildren, changedKeys, liveToFile, withDefaults, withUnansweredFrom, type FileObject } from '../resources/file-form.js';
import { DESCRIPTORS, type ResourceDescriptor } from '../resources/index.js';
import { liveKeyOf, type ApiObject, type NameIndex } from '../resources/live.js';
import type { DesiredEntry } from './desired.js';
import { addressOf, fixedAtCreate, replacedKey } from './match.js';
import type { Change, UnmanagedObject } from './types.js';

// One object's changes: what its file asks of its live object (create, update, replace), and what
// the instance's unmanaged policy asks of a live object no file manages.

function desiredFileForm(descriptor: ResourceDescriptor, entry: DesiredEntry): FileObject {
  const object = { ...entry.object };
  for (const key of descriptor.localOnly) delete object[key];
  return object;
}

/** How reasons name where the desired state comes from: a plan of files speaks of files, a restore of its snapshot. */
export const WORDING = {
  files: { missingLive: 'no live object has this name', notDesired: 'no file manages it' },
  snapshot: { missingLive: 'in the snapshot, not live', notDesired: 'the snapshot does not have it' },
} as const;
export type Wording = (typeof WORDING)[keyof typeof WORDING];

export function changesFor(entry: DesiredEntry, liveObject: ApiObject | undefined, names: NameIndex, wording: Wording, rotateSecrets = false): Change[] {
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
  const rotated = rotateSecrets ? secretKeysNamed(descriptor, after) : [];
  const changed = [...new Set([...changedKeys(descriptor, after, before), ...rotated])];
  if (changed.length === 0) return [];
  // A changed key the file leaves out goes back to Zendesk's default.
  const defaulted = withDefaults(descriptor, after);
  const merged = alignedChildren(descriptor, { ...before, ...after, ...Object.fromEntries(changed.filter((key) => after[key] === undefined).map((key) => [key, defaulted[key]])) }, before);
  const createOnly = replacedKey(descriptor, after, before);
  if (createOnly !== undefined) {
    const reason = `Zendesk cannot change a ${descriptor.createOnly!.noun}'s ${createOnly} (${fixedAtCreate(descriptor, createOnly, before[createOnly])} → ${fixedAtCreate(descriptor, createOnly, after[createOnly])}); it is deleted and created again, which ${descriptor.createOnly!.replaceLoses}`;
    return [
      { address, type: entry.type, action: 'delete', key: entry.key, id: liveObject.id, before, replace: true, reason, depends_on: [], source },
      { address, type: entry.type, action: 'create', key: entry.key, after, replace: true, reason, depends_on: [`delete ${address}`], source },
    ];
  }
  const renamed = fileIdentityOf(descriptor, before) !== entry.key ? ` (renamed from "${String(before[descriptor.naturalKey])}")` : '';
  const rotation = rotated.length > 0 ? ` (--rotate-secrets: ${rotated.join(', ')} sent again)` : '';
  return [{ address, type: entry.type, action: 'update', key: entry.key, id: liveObject.id, before: withUnansweredFrom(descriptor, before, after, changed), after: merged, changed_keys: changed, reason: `changed: ${changed.join(', ')}${renamed}${rotation}`, depends_on: [], source }];
}

/** The secret keys whose variables a file names and that an update can send (a signing secret is set on create only). */
function secretKeysNamed(descriptor: ResourceDescriptor, after: FileObject): string[] {
  const secrets = descriptor.secrets;
  if (!secrets) return [];
  return secrets.rotatable.filter((key) => secrets.variablesOf(after, [key]).length > 0);
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
export function staysDefault(object: ApiObject, entries: DesiredEntry[]): boolean {
  return object.default === true && !entries.some((entry) => entry.object.default === true);
}

export function unmanagedChange(descriptor: ResourceDescriptor, object: ApiObject, policy: UnmanagedObject['policy'], names: NameIndex, isDefault: boolean, wording: Wording): { change?: Change; listing: UnmanagedObject } {
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

