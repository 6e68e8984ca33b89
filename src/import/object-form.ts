import { isDeepStrictEqual } from 'node:util';
import { liveToFile, newFileForm, type FileObject } from '../resources/file-form.js';
import { OCCURRENCE_KEY } from '../resources/identity.js';
import { DESCRIPTORS, managedTypeOfKind, type ManagedType, type ResourceDescriptor } from '../resources/index.js';
import { liveKeyOf, type ApiObject, type NameIndex } from '../resources/live.js';
import { findReferences, formatReference, writeReference } from '../resources/references.js';

/**
 * Objects zdctl never writes a file for: system objects that nothing of theirs is editable (system
 * user fields). Built-in ticket fields get a file of what an admin may edit on them. The default
 * ticket form is written like any other form, with `default: true`: admins edit it, and
 * docs/FORMAT.md lets a form file say it is the default.
 */
export function isImportable(descriptor: ResourceDescriptor, object: ApiObject): boolean {
  return !descriptor.isSystem(object) || descriptor.editableSystem !== undefined;
}

/** Of a built-in object, what a file may manage: its key, the key that finds it, what an admin may edit. */
function editablePart(descriptor: ResourceDescriptor, live: ApiObject, object: FileObject): FileObject {
  const system = descriptor.editableSystem;
  if (!system || !descriptor.isSystem(live)) return object;
  const keys = [descriptor.naturalKey, system.matchKey, ...system.editable];
  return Object.fromEntries(Object.entries(object).filter(([key]) => keys.includes(key)));
}

export interface ImportNote {
  address: string;
  message: string;
}

/**
 * The file form import writes: `liveToFile` (names for ids), with the natural key first, `null`s
 * and values that mean "nothing" left out (see NOTHING), and a reference to
 * a field, form or category that has no file (a system field validate does not know by title) kept as its raw id, so the result validates.
 */
export function importFileForm(descriptor: ResourceDescriptor, live: ApiObject, names: NameIndex, hasFile: (type: ManagedType, key: string) => boolean): { object: FileObject; notes: ImportNote[] } {
  const address = `${descriptor.type}/${liveKeyOf(descriptor, live)}`;
  const { object: whole, unnamed } = liveToFile(descriptor, live, names);
  const named = newFileForm(descriptor, editablePart(descriptor, live, whole));
  const notes: ImportNote[] = unnamed.map((reference) => ({ address, message: `${reference.path.join('.')}: no ${reference.kind.toLowerCase()} with id ${String(reference.rawId)} exists; the raw id is kept` }));
  let object = named;
  const written: ImportNote[] = [];
  // Last to first: a text may hold several placeholders, and each rewrite shifts what follows it.
  for (const reference of findReferences(descriptor, named).reverse()) {
    const target = managedTypeOfKind(reference.kind);
    if (!target || reference.name === undefined || hasFile(target, reference.name)) continue;
    if (DESCRIPTORS[target].builtInNames?.includes(reference.name)) continue;
    const id = names.idOf(reference.kind, reference.name)!;
    object = writeReference(object, reference, { id });
    written.unshift({ address, message: `${reference.path.join('.')}: ${formatReference(reference.kind, reference.name)} has no file (zdctl does not manage it); written as its id ${String(id)}` });
  }
  notes.push(...written);
  return { object: withoutDefaults(descriptor, naturalKeyFirst(descriptor, object)), notes };
}

/** The natural key first, and right under it the occurrence that tells duplicates apart. */
function naturalKeyFirst(descriptor: ResourceDescriptor, object: FileObject): FileObject {
  const { [descriptor.naturalKey]: key, [OCCURRENCE_KEY]: occurrence, ...rest } = object;
  return { [descriptor.naturalKey]: key, ...(occurrence === undefined ? {} : { [OCCURRENCE_KEY]: occurrence }), ...rest };
}

/**
 * Keys holding Zendesk's default (`descriptor.defaults`: a file that leaves them out wants exactly
 * that), `null`s, and values that say "nothing" are left out: import writes no defaults, and the
 * plan right after it stays empty.
 */
const NOTHING: Readonly<Record<string, unknown>> = {
  description: '',
  agent_description: '',
  default: false,
  restricted_brand_ids: [],
  agent_conditions: [],
  end_user_conditions: [],
};

const nothingAsNull = (value: unknown): unknown => (value === undefined || value === '' ? null : value);

function withoutDefaults(descriptor: ResourceDescriptor, object: FileObject): FileObject {
  const isDefault = (key: string, value: unknown) =>
    key in descriptor.defaults ? isDeepStrictEqual(nothingAsNull(descriptor.defaults[key]), nothingAsNull(value)) : value === null || (key in NOTHING && isDeepStrictEqual(NOTHING[key], value));
  return Object.fromEntries(Object.entries(object).filter(([key, value]) => !isDefault(key, value)));
}
