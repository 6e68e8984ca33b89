import type { Violation } from '../http.js';
import type { Rule } from '../resources/descriptor.js';
import { OPTION_FIELD_TYPES, optionsOf } from './options.js';

/** Drop-down options need a name and a value, and values are unique within the field. */
export const optionValues: Rule = (candidate) => {
  if (!OPTION_FIELD_TYPES.has(String(candidate.type))) return [];
  const problems: Violation[] = [];
  const seen = new Set<string>();
  const options = optionsOf(candidate);
  if (options.length === 0) {
    problems.push({ field: 'custom_field_options', description: 'Custom field options: cannot be blank', error: 'BlankValue' });
  }
  for (const option of options) {
    const value = typeof option.value === 'string' ? option.value.trim() : '';
    const name = typeof option.name === 'string' ? option.name.trim() : '';
    if (name === '' || value === '') {
      problems.push({ field: 'custom_field_options', description: 'Custom field options: name and value cannot be blank', error: 'BlankValue' });
    } else if (seen.has(value)) {
      problems.push({ field: 'custom_field_options', description: `Custom field options: the value "${value}" is used more than once`, error: 'DuplicateValue' });
    }
    seen.add(value);
  }
  return problems;
};
