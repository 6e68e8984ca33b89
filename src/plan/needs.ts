import { DESCRIPTORS, MANAGED_TYPES, type ReferenceKind } from '../resources/index.js';
import type { LiveState } from '../resources/live.js';
import { findReferences } from '../resources/references.js';
import type { DesiredState } from './desired.js';

/** What of the live instance a plan needs: every managed type, and the lookups the files name. */
export function liveNeedsOf(desired: DesiredState) {
  const lookupKinds = new Set<ReferenceKind>();
  const userEmails = new Set<string>();
  for (const type of MANAGED_TYPES) {
    for (const entry of desired.objects[type]) {
      for (const reference of findReferences(DESCRIPTORS[type], entry.object)) {
        lookupKinds.add(reference.kind);
        if (reference.kind === 'User' && reference.name) userEmails.add(reference.name);
      }
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
