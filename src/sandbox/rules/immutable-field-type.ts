import type { Rule } from '../resources/descriptor.js';

/** README: a field's `type` is set on create only; changing it is refused. */
export const immutableFieldType: Rule = (candidate, { existing }) => {
  if (!existing || existing.type === candidate.type) return [];
  return [{ field: 'type', description: 'Type: cannot be changed', error: 'InvalidValue' }];
};
