import { isObject, type ApiObject, type StoredType } from './model.js';

/** API path of each stored type, relative to /api/v2. */
export const TYPE_PATHS: Record<StoredType, string> = {
  ticket_fields: 'ticket_fields',
  user_fields: 'user_fields',
  organization_fields: 'organization_fields',
  ticket_forms: 'ticket_forms',
  trigger_categories: 'trigger_categories',
  triggers: 'triggers',
  automations: 'automations',
  views: 'views',
  macros: 'macros',
  groups: 'groups',
  custom_statuses: 'custom_statuses',
  schedules: 'business_hours/schedules',
  webhooks: 'webhooks',
  dynamic_content: 'dynamic_content/items',
  sla_policies: 'slas/policies',
  brands: 'brands',
  targets: 'targets',
  users: 'users',
  locales: 'locales',
};

/** Real `url` fields are absolute and end in `.json` (README; every recording). */
export function resourceUrl(baseUrl: string, type: StoredType, id: unknown): string {
  return `${baseUrl}/api/v2/${TYPE_PATHS[type]}/${String(id)}.json`;
}

/**
 * The object as the API answers it: `url` points at this sandbox (seeded objects keep their ids
 * but not their original host), and custom-field columns of views link to their ticket field.
 */
export function render(type: StoredType, object: ApiObject, baseUrl: string): ApiObject {
  const rendered = structuredClone(object);
  if ('url' in rendered) rendered.url = resourceUrl(baseUrl, type, rendered.id);
  if (type === 'views' && isObject(rendered.execution)) linkCustomColumns(rendered.execution, baseUrl);
  return rendered;
}

function linkCustomColumns(execution: ApiObject, baseUrl: string): void {
  for (const key of ['columns', 'custom_fields']) {
    const list = execution[key];
    if (!Array.isArray(list)) continue;
    for (const column of list) {
      if (isObject(column) && typeof column.id === 'number') column.url = resourceUrl(baseUrl, 'ticket_fields', column.id);
    }
  }
}
