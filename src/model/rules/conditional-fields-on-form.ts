import { parseReference } from '../../resources/references.js';
import { error, type Diagnostic } from '../diagnostics.js';
import type { DesiredObject } from '../instance.js';
import { addressOf, type ValidationRule } from './rule.js';

const CONDITION_LISTS = ['agent_conditions', 'end_user_conditions'] as const;

type FieldKey = { by: 'name' | 'id'; key: string };

/** `Field: Invoice number` and `12345` are compared as what they are; other values are not field references. */
function fieldKey(value: unknown): FieldKey | undefined {
  const parsed = parseReference(value, 'Field');
  if (!parsed) return undefined;
  return parsed.name !== undefined ? { by: 'name', key: parsed.name } : { by: 'id', key: String(parsed.rawId) };
}

const written = (value: unknown) => (typeof value === 'string' ? `"${value}"` : String(value));

/** Zendesk: a conditional child field must be one of the form's own fields (`ticket_field_ids`). */
export const conditionalFieldsOnForm: ValidationRule = {
  name: 'conditional-fields-on-form',
  description: "a ticket form's conditional child fields are in its ticket_field_ids",
  check: ({ objectsOf }) => objectsOf('ticket_forms').flatMap(childFieldsMissing),
};

function childFieldsMissing(form: DesiredObject): Diagnostic[] {
  const listed = form.data.ticket_field_ids;
  if (!Array.isArray(listed)) return []; // a form that does not say which fields it has keeps its live ones
  const onForm = listed.map(fieldKey).filter((k): k is FieldKey => k !== undefined);
  const has = (child: FieldKey) => onForm.some((k) => k.by === child.by && k.key === child.key);
  // A name and an id cannot be compared offline: only a form that writes every field one way is checked for the other.
  const comparable = (child: FieldKey) => onForm.every((k) => k.by === child.by);
  const problems: Diagnostic[] = [];
  for (const list of CONDITION_LISTS) {
    const conditions = Array.isArray(form.data[list]) ? (form.data[list] as unknown[]) : [];
    conditions.forEach((condition, index) => {
      const { parent_field_id: parent, child_fields: children } = (condition ?? {}) as { parent_field_id?: unknown; child_fields?: unknown };
      (Array.isArray(children) ? children : []).forEach((child: { id?: unknown } | null, position) => {
        const key = fieldKey(child?.id);
        if (!key || has(key) || !comparable(key)) return;
        problems.push(
          error('conditional-fields-on-form', `conditional child field ${written(child?.id)} is not in this form's ticket_field_ids`, {
            address: addressOf(form),
            source: form.yaml.locate([list, index, 'child_fields', position, 'id']),
            detail: `Zendesk refuses a form whose ${list} entry on ${written(parent)} shows a field the form does not have; add ${written(child?.id)} to ticket_field_ids, or remove it from child_fields`,
          }),
        );
      });
    });
  }
  return problems;
}
