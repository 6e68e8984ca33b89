import type { FileObject } from './file-form.js';
import { RULE_FIELD_PREFIXES, type OptionFields } from './references.js';
import type { ManagedType } from './types.js';

/** The field types whose options conditions and actions name by id (salto triggers/definitions: `dropdown` lists option ids; text, checkbox … take literal values). */
export const OPTION_ID_FIELD_TYPES: ReadonlySet<string> = new Set(['dropdown']);

/** Per user or organization field address (`user_fields/<key>`): a drop-down's option values, or null for a field of another type. */
export type FileOptionValues = ReadonlyMap<string, readonly string[] | null>;

/** The user and organization fields that files define (objects of other types are ignored). */
export function optionValuesInFiles(objects: Iterable<{ type: ManagedType; key: string; object: FileObject }>): FileOptionValues {
  const fields = new Map<string, string[] | null>();
  for (const { type, key, object } of objects) {
    if (RULE_FIELD_PREFIXES[type] === undefined) continue;
    const options = Array.isArray(object.custom_field_options) ? (object.custom_field_options as { value?: unknown }[]) : [];
    fields.set(`${type}/${key}`, OPTION_ID_FIELD_TYPES.has(String(object.type)) ? options.map((option) => String(option.value)) : null);
  }
  return fields;
}

/** Drop-downs as the files want them: a field with a file is what its file says, one without is what it is live. */
export function desiredOptionFields(files: FileOptionValues, live: OptionFields): OptionFields {
  return { isOptionField: (address) => (files.has(address) ? files.get(address) !== null : live.isOptionField(address)) };
}
