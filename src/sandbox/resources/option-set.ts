import { isObject, type ApiObject } from '../model.js';
import type { Store } from '../store.js';
import { optionsOf } from '../rules/options.js';

/**
 * A write of `custom_field_options` replaces the whole set (README; spec PUT organization_fields):
 * omitted options are deleted; an option keeps its id when matched by id, else by value.
 * Ticket field options carry `default` (salto ticket_fields); user and organization field options do not.
 */
export function replaceOptionSet(
  given: unknown,
  existing: ApiObject | undefined,
  store: Store,
  withDefault: boolean,
): ApiObject[] {
  const current = existing ? optionsOf(existing) : [];
  const list = Array.isArray(given) ? given.filter(isObject) : [];
  return list.map((option) => {
    const match =
      current.find((o) => option.id != null && String(o.id) === String(option.id)) ??
      current.find((o) => o.value === option.value);
    return optionShape(option, match, store, withDefault);
  });
}

export function optionShape(option: ApiObject, match: ApiObject | undefined, store: Store, withDefault: boolean): ApiObject {
  const name = option.name ?? match?.name ?? null;
  const shaped: ApiObject = {
    id: match?.id ?? store.newId(),
    name,
    raw_name: name,
    value: option.value ?? match?.value ?? null,
  };
  if (withDefault) shaped.default = Boolean(option.default ?? match?.default ?? false);
  return shaped;
}

