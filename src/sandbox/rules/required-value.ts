import type { Rule } from '../resources/descriptor.js';

const label = (field: string) => field.charAt(0).toUpperCase() + field.slice(1).replace(/_/g, ' ');

/** `title` / `name` / `key` must be a non-empty string: 422 BlankValue (README "Errors"). */
export function requiredValue(field: string, code = 'InvalidTriggerCategory'): Rule {
  return (candidate) => {
    const value = candidate[field];
    if (typeof value === 'string' && value.trim() !== '') return [];
    // The title is the spec's trigger category wording: {"code":"InvalidTriggerCategory","title":"Name cannot be blank"}.
    return [
      {
        field,
        description: `${label(field)}: cannot be blank`,
        error: 'BlankValue',
        code,
        title: `${label(field)} cannot be blank`,
      },
    ];
  };
}

/** Rules must do something: an empty `actions` array is refused. */
export const actionsRequired: Rule = (candidate) => {
  const actions = candidate.actions;
  if (Array.isArray(actions) && actions.length > 0) return [];
  return [{ field: 'actions', description: 'Actions: cannot be blank', error: 'BlankValue' }];
};
