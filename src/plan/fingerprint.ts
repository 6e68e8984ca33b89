import { createHash } from 'node:crypto';
import { DESCRIPTORS, typesPlacedBy, type ManagedType } from '../resources/index.js';
import { liveKeyOf, type ApiObject, type LiveState } from '../resources/live.js';
import type { Change } from './types.js';

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
  const ordering = DESCRIPTORS[type].ordering;
  const categoryKey = ordering.kind === 'categories' ? ordering.categoryKey : undefined;
  const positions = (objects: ApiObject[]) => objects.map((o) => (categoryKey ? [o.id, o.position, o[categoryKey] ?? null] : [o.id, o.position]));
  return typesPlacedBy(DESCRIPTORS[type]).map((placed) => positions(live.objects[placed] ?? []));
}
