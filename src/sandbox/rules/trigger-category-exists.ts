import type { Rule } from '../resources/descriptor.js';

/** A trigger may only point at an existing category (spec BatchJobResponse example: "category_id is not valid"). */
export const triggerCategoryExists: Rule = (candidate, { store }) => {
  const id = candidate.category_id;
  if (id === null || id === undefined) return [];
  if (store.get('trigger_categories', String(id))) return [];
  return [{ field: 'category_id', description: 'Category: is not valid', error: 'InvalidValue' }];
};
