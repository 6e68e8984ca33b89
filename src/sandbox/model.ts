/** Plain JSON object as Zendesk sends it. */
export type ApiObject = Record<string, unknown>;

export const MANAGED_TYPES = [
  'ticket_fields',
  'user_fields',
  'organization_fields',
  'ticket_forms',
  'trigger_categories',
  'triggers',
  'automations',
  'views',
  'macros',
  'groups',
  'custom_statuses',
  'schedules',
  'webhooks',
  'dynamic_content',
  'sla_policies',
] as const;
export type ManagedType = (typeof MANAGED_TYPES)[number];

/** Read-only here: no write endpoint is emulated for these. */
export const LOOKUP_TYPES = ['brands', 'targets', 'users', 'locales'] as const;
export type LookupType = (typeof LOOKUP_TYPES)[number];

export type StoredType = ManagedType | LookupType;
export const STORED_TYPES: readonly StoredType[] = [...MANAGED_TYPES, ...LOOKUP_TYPES];

export function isManagedType(name: string): name is ManagedType {
  return (MANAGED_TYPES as readonly string[]).includes(name);
}

export function isStoredType(name: string): name is StoredType {
  return (STORED_TYPES as readonly string[]).includes(name);
}

export function isObject(value: unknown): value is ApiObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function deepCopy<T>(value: T): T {
  return structuredClone(value);
}
