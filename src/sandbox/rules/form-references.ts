import type { Violation } from '../http.js';
import { isObject, type ApiObject } from '../model.js';
import type { Rule } from '../resources/descriptor.js';
import type { Store } from '../store.js';
import { CONDITION_LISTS } from './conditional-fields-on-form.js';
import { OPTION_FIELD_TYPES, optionsOf } from './options.js';
import { exists, missing, numericId } from './references.js';

/**
 * Strict references (not recorded): every id a ticket form names exists — its fields, the fields
 * and option values of its conditions, its brands and the custom statuses a child field requires.
 */
export const formReferences: Rule = (form, { store }) => [
  ...listedIds(form.ticket_field_ids).flatMap((id) =>
    exists(store, 'ticket_fields', id) ? [] : [missing('ticket_field_ids', 'ticket_fields', id, 'Ticket field ids')],
  ),
  ...listedIds(form.restricted_brand_ids).flatMap((id) =>
    exists(store, 'brands', id) ? [] : [missing('restricted_brand_ids', 'brands', id, 'Restricted brand ids')],
  ),
  ...CONDITION_LISTS.flatMap((list) => conditionReferences(list, form[list], store)),
];

function conditionReferences(list: string, conditions: unknown, store: Store): Violation[] {
  const problems: Violation[] = [];
  for (const condition of Array.isArray(conditions) ? conditions.filter(isObject) : []) {
    const parentId = numericId(condition.parent_field_id);
    const parent = parentId === undefined ? undefined : store.get('ticket_fields', parentId);
    if (!parent) problems.push(missing(list, 'ticket_fields', String(condition.parent_field_id), 'Parent field'));
    else if (!optionValueExists(parent, condition.value)) {
      problems.push({ field: list, description: `Value: "${String(condition.value)}" is not an option of field ${parentId}`, error: 'InvalidValue' });
    }
    for (const child of Array.isArray(condition.child_fields) ? condition.child_fields.filter(isObject) : []) {
      const childId = numericId(child.id);
      if (childId === undefined || !exists(store, 'ticket_fields', childId)) problems.push(missing(list, 'ticket_fields', String(child.id), 'Child field'));
      const statuses = isObject(child.required_on_statuses) ? child.required_on_statuses.custom_statuses : undefined;
      for (const id of listedIds(statuses)) {
        if (!exists(store, 'custom_statuses', id)) problems.push(missing(list, 'custom_statuses', id, 'Required on statuses'));
      }
    }
  }
  return problems;
}

/** A condition on a drop-down names one of its option values; other parents (checkbox: true) are not checked. */
function optionValueExists(parent: ApiObject, value: unknown): boolean {
  if (!OPTION_FIELD_TYPES.has(String(parent.type)) || typeof value !== 'string') return true;
  return optionsOf(parent).some((option) => option.value === value);
}

function listedIds(value: unknown): string[] {
  return Array.isArray(value) ? value.map((id) => numericId(id) ?? String(id)) : [];
}

