/** The nine types zdctl manages, in the order they are created (dependencies first). */
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
] as const;
export type ManagedType = (typeof MANAGED_TYPES)[number];

/** Looked up by name, never changed. */
export const LOOKUP_TYPES = ['groups', 'brands', 'schedules', 'webhooks', 'targets', 'custom_statuses', 'users'] as const;
export type LookupType = (typeof LOOKUP_TYPES)[number];

/**
 * The `Kind: name` prefixes of SPEC.md; `User` is written as a bare email. `Option` is an option of a
 * user or organization drop-down field, written as its bare `value`; which field's options it names
 * comes from the condition or action it sits in (`FoundReference.scope`).
 */
export type ReferenceKind = 'Field' | 'Form' | 'Category' | 'Group' | 'Brand' | 'Schedule' | 'Webhook' | 'Target' | 'Status' | 'User' | 'Option';

export type PathPattern = readonly (string | '*')[];

/**
 * Where a descriptor's objects hold ids of other objects. `path` walks the object; `'*'` spans an array.
 * - `ref`: the slot holds one reference of `kind`; `encoding` says how a field id is written there.
 * - `rule`: the slot is a condition or action `{field, value}` whose `field` decides what `value` holds.
 * - `restriction`: a view or macro `restriction` (`{type: Group, ids}` or `{type: User, id}`).
 * - `text`: the slot is a text (a string, or each string of a list) that may hold ticket field
 *   placeholders (`{{ticket.ticket_field_<id>}}`, see placeholders.ts).
 */
export type ReferenceSlot =
  | { path: PathPattern; text: true }
  | { path: PathPattern; ref: ReferenceKind; encoding?: 'id' | 'custom_fields_id' }
  | { path: PathPattern; rule: true }
  | { path: PathPattern; restriction: true };

/** How positions of a type are set live, in the fewest calls the API allows. */
export type Ordering =
  | { kind: 'reorder'; path: string; bodyKey: string }
  | { kind: 'update_many' }
  | { kind: 'trigger_category_jobs' };

export interface ResourceDescriptor {
  type: ManagedType;
  /** Envelope key of one object, and the schema's name: `trigger` → `schemas/trigger.schema.json`. */
  singular: string;
  /** API collection path under /api/v2. */
  apiPath: string;
  paging: 'cursor' | 'offset' | 'none';
  naturalKey: 'title' | 'name' | 'key';
  /** Where a file names the object's earlier natural keys. */
  renameKey?: 'previous_title' | 'previous_name';
  /** The prefix other objects use to refer to this type, if any. */
  referencedAs?: ReferenceKind;
  /**
   * What Zendesk gives an object created without the key (spec and recordings). A file that leaves
   * such a key out wants this value: a live change to it is drift. A key with no entry here, left
   * out of a file, is not compared (its default depends on other keys, as a portal title on the title).
   */
  defaults: Readonly<Record<string, unknown>>;
  /** Keys Zendesk sets itself; dropped when reading live state, never sent. */
  readOnly: readonly string[];
  /** Keys only zdctl reads (never sent to Zendesk). */
  localOnly: readonly string[];
  references: readonly ReferenceSlot[];
  /** Managed types whose objects must exist before this type's are created. */
  dependsOn: readonly ManagedType[];
  updateMethod: 'PUT' | 'PATCH';
  ordering: Ordering;
  bulk: { updateMany: boolean; destroyMany: boolean };
  /** Has `custom_field_options`. */
  hasOptions: boolean;
  /**
   * Keys holding an object of which a file may give only some sub-keys (the rest are left
   * as they are live), e.g. a view's `output`.
   */
  partialKeys?: readonly string[];
  /** The exception to the generic live → file mapping, if the type needs one (views: execution → output). */
  adaptLive?(live: Record<string, unknown>): Record<string, unknown>;
  /**
   * Objects that belong to one agent rather than to the configuration (a macro or view restricted
   * to one user). Left out of live state unless the instance opts in (`personal: include`).
   */
  isPersonal?(live: Record<string, unknown>): boolean;
  /**
   * Built-in objects an admin may edit but nobody creates or deletes (the system ticket fields):
   * a file names one by `matchKey` (a ticket field's `type`: subject, status …), whatever its
   * title now, and only the `editable` keys it gives are managed.
   */
  editableSystem?: { matchKey: string; editable: readonly string[] };
  /** Default or system objects that zdctl never creates or deletes (and never changes, unless `editableSystem`). */
  isSystem(live: Record<string, unknown>): boolean;
}

export function schemaFileOf(descriptor: ResourceDescriptor): string {
  return `${descriptor.singular}.schema.json`;
}
