import { isObject, type ApiObject } from '../model.js';

export const OPTION_FIELD_TYPES = new Set(['dropdown', 'tagger', 'multiselect']);

export function optionsOf(field: ApiObject): ApiObject[] {
  const options = field.custom_field_options;
  return Array.isArray(options) ? options.filter(isObject) : [];
}

/** The tags a ticket field writes on tickets: its checkbox tag and its option values. */
export function tagsOf(field: ApiObject): string[] {
  const tags = optionsOf(field).flatMap((o) => (typeof o.value === 'string' ? [o.value] : []));
  if (typeof field.tag === 'string' && field.tag !== '') tags.push(field.tag);
  return tags;
}
