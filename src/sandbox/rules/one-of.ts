import type { Rule } from '../resources/descriptor.js';

const label = (field: string) => field.charAt(0).toUpperCase() + field.slice(1).replace(/_/g, ' ');

/** An enumerated key holds one of its values (spec enums: status_category, http_method, …). */
export function oneOf(field: string, values: readonly string[]): Rule {
  return (candidate) => {
    const value = candidate[field];
    if (typeof value === 'string' && values.includes(value)) return [];
    const description = `${label(field)}: ${JSON.stringify(value ?? null)} is not one of ${values.join(', ')}`;
    return [{ field, description, error: 'InvalidValue', code: 'InvalidValue', title: description }];
  };
}
