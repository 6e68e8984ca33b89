// Whole-account recovery: what a restore needs that zdctl does not create. Brands, targets and users
// (and the opt-in types an instance does not manage) are looked up by name in the target account;
// a brand-new account lacks them, and a restore that finds out halfway has written half an account.
import { formatReference } from '../resources/references.js';
import { DESCRIPTORS, managedTypeOfKind, MANAGED_TYPES, type ReferenceKind } from '../resources/index.js';
import { findReferences } from '../resources/references.js';
import type { NameIndex } from '../resources/live.js';
import type { DesiredState } from '../plan/desired.js';

export interface MissingLookup {
  kind: ReferenceKind;
  name: string;
  /** Addresses of the snapshot objects that name it (at most a few are shown). */
  usedBy: string[];
}

/** Names the desired state uses of kinds the target only looks up, which its live state does not have. */
export function missingLookups(desired: DesiredState, live: NameIndex): MissingLookup[] {
  const managed = desired.managedTypes ?? MANAGED_TYPES;
  const missing = new Map<string, MissingLookup>();
  for (const type of MANAGED_TYPES) {
    for (const entry of desired.objects[type]) {
      for (const reference of findReferences(DESCRIPTORS[type], entry.object)) {
        if (reference.name === undefined || reference.kind === 'Option' || managedTypeOfKind(reference.kind, managed)) continue;
        if (live.idOf(reference.kind, reference.name) !== undefined) continue;
        const key = `${reference.kind}\u0000${reference.name}`;
        const item = missing.get(key) ?? missing.set(key, { kind: reference.kind, name: reference.name, usedBy: [] }).get(key)!;
        const address = `${type}/${entry.key}`;
        if (!item.usedBy.includes(address)) item.usedBy.push(address);
      }
    }
  }
  return [...missing.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
}

/** The checklist as a person works through it, before anything is written. */
export function renderChecklist(items: readonly MissingLookup[], target: string): string {
  const shown = (usedBy: string[]) => (usedBy.length > 3 ? `${usedBy.slice(0, 3).join(', ')} and ${usedBy.length - 3} more` : usedBy.join(', '));
  const lines = items.map((item) => `  [ ] ${item.kind === 'User' ? `user ${item.name}` : formatReference(item.kind, item.name)}   (used by ${shown(item.usedBy)})`);
  return [
    `${target} lacks ${items.length} thing${items.length === 1 ? '' : 's'} the snapshot names that zdctl does not create (it looks them up by name):`,
    ...lines,
    'Create them in Zendesk (same names; users by email), or manage the type (instance.yaml manage:), then run the restore again.',
    '',
  ].join('\n');
}
