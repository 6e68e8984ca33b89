import { DESCRIPTORS, MANAGED_TYPES, type ManagedType, type ReferenceKind } from '../resources/index.js';
import type { FileObject } from '../resources/file-form.js';
import type { LiveState } from '../resources/live.js';
import { findReferences } from '../resources/references.js';
import type { DesiredState } from './desired.js';
import type { Plan } from './types.js';

/** What of the live instance a plan needs: every type the instance manages, and the lookups the files name. */
export function liveNeedsOf(desired: DesiredState) {
  const objects = MANAGED_TYPES.flatMap((type) => desired.objects[type].map((entry) => ({ type, object: entry.object })));
  return { ...needsOfObjects(objects), types: desired.managedTypes ?? MANAGED_TYPES, includePersonal: desired.includePersonal === true };
}

/** The same for carrying out a saved plan: the lookups its changes name. */
export function liveNeedsOfPlan(plan: Plan) {
  return needsOfObjects(plan.changes.flatMap((change) => (change.after ? [{ type: change.type, object: change.after }] : [])));
}

function needsOfObjects(objects: { type: ManagedType; object: FileObject }[]) {
  const lookupKinds = new Set<ReferenceKind>();
  const userEmails = new Set<string>();
  for (const { type, object } of objects) {
    for (const reference of findReferences(DESCRIPTORS[type], object)) {
      lookupKinds.add(reference.kind);
      if (reference.kind === 'User' && reference.name) userEmails.add(reference.name);
    }
  }
  return { types: MANAGED_TYPES, lookupKinds, userEmails: [...userEmails], userIdsOf: liveUserIds };
}

/** User ids that live managed objects hold, so a diff can show them as emails. */
export function liveUserIds(objects: LiveState['objects']): string[] {
  const ids = new Set<string>();
  for (const type of MANAGED_TYPES) {
    for (const object of objects[type] ?? []) {
      for (const reference of findReferences(DESCRIPTORS[type], object)) if (reference.kind === 'User' && reference.rawId !== undefined) ids.add(String(reference.rawId));
    }
  }
  return [...ids];
}
