import type { FileObject } from '../resources/file-form.js';
import { liveToFile } from '../resources/file-form.js';
import { DESCRIPTORS, managedTypeOfKind, MANAGED_TYPES } from '../resources/index.js';
import type { ApiObject, NameIndex } from '../resources/live.js';
import { findReferences } from '../resources/references.js';
import type { DesiredEntry, DesiredState } from './desired.js';
import type { Change } from './types.js';

/**
 * A replace (a field whose type changes) gives the object a new id. Live objects that name it hold
 * the old id, or lost it when Zendesk removed the deleted field from them, and their file form still
 * reads the same name, so the comparison sees no change. Each one is sent again with the keys that
 * name the replaced object; apply resolves the name to the new id (the update waits for the create).
 */
export function resendNamesOfReplaced(
  changes: Change[],
  desired: DesiredState,
  liveOf: (entry: DesiredEntry) => ApiObject | undefined,
  fileFormOf: (entry: DesiredEntry) => FileObject,
  names: NameIndex,
): Change[] {
  const replaced = new Set(changes.filter((c) => c.replace && c.action === 'create').map((c) => c.address));
  if (replaced.size === 0) return [];
  const updates = new Map(changes.filter((c) => c.action === 'update').map((c) => [c.address, c]));
  const added: Change[] = [];
  for (const type of MANAGED_TYPES) {
    const descriptor = DESCRIPTORS[type];
    for (const entry of desired.objects[type]) {
      const address = `${type}/${entry.key}`;
      const liveObject = liveOf(entry);
      if (!liveObject || replaced.has(address)) continue;
      const named = findReferences(descriptor, entry.object).flatMap((reference) => {
        const target = managedTypeOfKind(reference.kind);
        const targetAddress = target && reference.name !== undefined ? `${target}/${reference.name}` : undefined;
        return targetAddress && replaced.has(targetAddress) ? [{ key: String(reference.path[0]), target: targetAddress }] : [];
      });
      if (named.length === 0) continue;
      const keys = [...new Set(named.map((n) => n.key))];
      const existing = updates.get(address);
      if (existing) {
        existing.changed_keys = [...new Set([...(existing.changed_keys ?? []), ...keys])];
        continue;
      }
      const before = liveToFile(descriptor, liveObject, names).object;
      const targets = [...new Set(named.map((n) => n.target))].join(', ');
      added.push({
        address, type, action: 'update', key: entry.key, id: liveObject.id, before, after: { ...before, ...fileFormOf(entry) },
        changed_keys: keys, reason: `names ${targets}, which is replaced: sent again so that it names the new id`, depends_on: [], source: entry.source,
      });
    }
  }
  return added;
}
