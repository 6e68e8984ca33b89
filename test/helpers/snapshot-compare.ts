import { findReferences, isRecord, writeReference } from '../../src/resources/references.js';
import { DESCRIPTORS, MANAGED_TYPES } from '../../src/resources/index.js';
import { liveKeyOf, NameIndex, type ApiObject } from '../../src/resources/live.js';
import { readSnapshot } from '../../src/snapshot/read.js';
import { liveToFile } from '../../src/resources/file-form.js';

/** An object with every id read back as a name, and ids, urls, timestamps and positions dropped. */
function comparable(type: (typeof MANAGED_TYPES)[number], object: ApiObject, names: NameIndex): unknown {
  const descriptor = DESCRIPTORS[type];
  let named: unknown = executionFieldsNamed(object, names);
  // Last to first: placeholders in one text are rewritten without moving the ones before them.
  for (const reference of findReferences(descriptor, object).reverse()) {
    const name = reference.rawId === undefined ? undefined : names.nameOf(reference.kind, reference.rawId);
    if (name !== undefined) named = writeReference(named, reference, { name });
  }
  return withoutIds(named);
}

/** A view's `execution` holds ticket field ids outside the reference slots (which are on `output`). */
function executionFieldsNamed(object: ApiObject, names: NameIndex): ApiObject {
  const execution = object.execution as Record<string, unknown> | undefined;
  if (!execution) return object;
  const field = (id: unknown) => (typeof id === 'number' ? (names.nameOf('Field', id) ?? id) : id);
  const named = (item: unknown) => (isRecord(item) ? { ...item, id: field(item.id) } : item);
  const list = (items: unknown) => (Array.isArray(items) ? items.map(named) : items);
  return { ...object, execution: { ...execution, group_by: field(execution.group_by), sort_by: field(execution.sort_by), group: named(execution.group), sort: named(execution.sort), columns: list(execution.columns), custom_fields: list(execution.custom_fields) } };
}

function withoutIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutIds);
  if (!isRecord(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => !['id', 'url', 'created_at', 'updated_at', 'position'].includes(key)).map(([key, item]) => [key, withoutIds(item)]));
}

export function byName(snapshotDir: string) {
  const { snapshot } = readSnapshot(snapshotDir);
  const names = NameIndex.fromLive(snapshot!.live);
  return Object.fromEntries(
    MANAGED_TYPES.map((type) => {
      const descriptor = DESCRIPTORS[type];
      const objects = snapshot!.live.objects[type].map((o) => [liveKeyOf(descriptor, o), comparable(type, o, names)] as const);
      return [type, Object.fromEntries(objects.sort(([a], [b]) => (a < b ? -1 : 1)))];
    }),
  );
}


/**
 * What zdctl manages of a snapshot, by type and identity: each object in the form a file holds it
 * (names for ids, only the keys the schemas know), system objects left out. Two accounts that
 * zdctl sees as equal give equal results, whatever read-only keys their answers carry.
 */
export function fileFormsByName(snapshotDir: string): Record<string, Record<string, unknown>> {
  const { snapshot } = readSnapshot(snapshotDir);
  const names = NameIndex.fromLive(snapshot!.live);
  return Object.fromEntries(
    MANAGED_TYPES.map((type) => {
      const descriptor = DESCRIPTORS[type];
      const objects = snapshot!.live.objects[type].filter((o) => !descriptor.isSystem(o)).map((o) => [liveKeyOf(descriptor, o), liveToFile(descriptor, o, names).object] as const);
      return [type, Object.fromEntries(objects.sort(([a], [b]) => (a < b ? -1 : 1)))];
    }),
  );
}
