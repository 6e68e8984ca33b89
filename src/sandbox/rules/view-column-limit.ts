import { isObject } from '../model.js';
import type { Rule } from '../resources/descriptor.js';

const MAX_COLUMNS = 10;

/** A view shows at most 10 columns (README: "views are written with output (columns ≤ 10 …)"). */
export const viewColumnLimit: Rule = (candidate) => {
  const execution = candidate.execution;
  const columns = isObject(execution) && Array.isArray(execution.columns) ? execution.columns : [];
  if (columns.length <= MAX_COLUMNS) return [];
  return [{ field: 'base', description: `A view can have at most ${MAX_COLUMNS} columns`, error: 'InvalidValue' }];
};
