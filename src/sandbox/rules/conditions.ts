import { isObject, type ApiObject } from '../model.js';

export interface Condition {
  field: string;
  operator?: string;
  value?: unknown;
}

/** The `all` / `any` arrays of a rule's `conditions`, tolerant of nulls (recorded: go-zendesk organization_fields). */
export function conditionList(object: ApiObject, which: 'all' | 'any'): Condition[] {
  const conditions = object.conditions;
  if (!isObject(conditions)) return [];
  const list = conditions[which];
  return Array.isArray(list) ? list.filter((c): c is Condition => isObject(c) && typeof c.field === 'string') : [];
}

export function actionFields(object: ApiObject): string[] {
  const actions = object.actions;
  if (!Array.isArray(actions)) return [];
  return actions.flatMap((a) => (isObject(a) && typeof a.field === 'string' ? [a.field] : []));
}
