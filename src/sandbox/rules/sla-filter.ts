import type { Violation } from '../http.js';
import { isObject } from '../model.js';
import type { Rule } from '../resources/descriptor.js';
import { filterDefinitions } from '../resources/sla-definitions.js';

/**
 * Spec SLAPolicyObject: `filter` is required, with `all` / `any` lists of conditions. Assumed, no
 * recording of a refusal: a condition's field is one `GET /slas/policies/definitions` lists, and
 * its operator one that definition allows.
 */
export const slaFilter: Rule = (policy, { store }) => {
  const filter = policy.filter;
  if (!isObject(filter)) return [{ field: 'filter', description: 'Filter: cannot be blank', error: 'BlankValue' }];
  const definitions = new Map(filterDefinitions(store).map((d) => [d.value, d]));
  const problems: Violation[] = [];
  for (const part of ['all', 'any'] as const) {
    const conditions = filter[part] ?? [];
    if (!Array.isArray(conditions)) {
      problems.push({ field: 'filter', description: `Filter: ${part} must be a list`, error: 'InvalidValue' });
      continue;
    }
    conditions.forEach((condition, index) => {
      const where = `filter.${part}[${index}]`;
      const field = isObject(condition) ? condition.field : undefined;
      const definition = typeof field === 'string' ? definitions.get(field) : undefined;
      if (!definition) problems.push({ field: 'filter', description: `Filter: ${where}: ${JSON.stringify(field ?? null)} is not a condition SLA policies support`, error: 'InvalidValue' });
      else if (!definition.operators.includes(String(condition.operator))) {
        problems.push({ field: 'filter', description: `Filter: ${where}: operator ${JSON.stringify(condition.operator ?? null)} is not one of ${definition.operators.join(', ')}`, error: 'InvalidValue' });
      }
    });
  }
  return problems;
};
