import type { Violation } from '../http.js';
import { isObject } from '../model.js';
import type { Rule } from '../resources/descriptor.js';

export const CONDITION_LISTS = ['agent_conditions', 'end_user_conditions'] as const;

/**
 * README "More facts": a conditional child field must be in the form's `ticket_field_ids`.
 * Not recorded: the wording, and that the error sits under the condition list's name.
 */
export const conditionalFieldsOnForm: Rule = (form) => {
  const onForm = new Set(Array.isArray(form.ticket_field_ids) ? form.ticket_field_ids.map(String) : []);
  const problems: Violation[] = [];
  for (const list of CONDITION_LISTS) {
    for (const child of childFieldsOf(form[list])) {
      if (child.id !== undefined && !onForm.has(String(child.id))) {
        problems.push({
          field: list,
          description: `Child field ${String(child.id)} of a condition on field ${String(child.parent)} is not in the form's ticket_field_ids`,
          error: 'InvalidValue',
        });
      }
    }
  }
  return problems;
};

/** Every child field of a list of conditions, with its condition's parent field id. */
export function childFieldsOf(conditions: unknown): Array<{ id: unknown; parent: unknown }> {
  if (!Array.isArray(conditions)) return [];
  return conditions.filter(isObject).flatMap((condition) =>
    (Array.isArray(condition.child_fields) ? condition.child_fields.filter(isObject) : []).map((child) => ({
      id: child.id,
      parent: condition.parent_field_id,
    })),
  );
}
