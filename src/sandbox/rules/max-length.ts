import type { Rule } from '../resources/descriptor.js';

const label = (field: string) => field.charAt(0).toUpperCase() + field.slice(1).replace(/_/g, ' ');

/** Spec CustomStatusObject: "Maximum length is 48 characters" (agent and end-user labels). */
export function maxLength(field: string, limit: number): Rule {
  return (candidate) => {
    const value = candidate[field];
    if (typeof value !== 'string' || [...value].length <= limit) return [];
    return [{ field, description: `${label(field)}: is too long (maximum is ${limit} characters)`, error: 'TooLong' }];
  };
}
