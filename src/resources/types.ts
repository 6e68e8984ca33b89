/** The types zdctl manages. The order they are created in comes from their descriptors' `dependsOn` (index.ts). */
export const MANAGED_TYPES = [
  'groups',
  'custom_statuses',
  'schedules',
  'dynamic_content',
  'ticket_fields',
  'user_fields',
  'organization_fields',
  'ticket_forms',
  'trigger_categories',
  'triggers',
  'automations',
  'views',
  'macros',
  'webhooks',
  'sla_policies',
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

/** How a condition names a ticket field: `custom_fields_<id>` in business rules, `ticket_fields_<id>` in SLA filters (salto definitions). */
export type FieldEncoding = 'custom_fields_id' | 'ticket_fields_id';

export type PathPattern = readonly (string | '*')[];

/**
 * Where a descriptor's objects hold ids of other objects. `path` walks the object; `'*'` spans an array.
 * - `ref`: the slot holds one reference of `kind`; `encoding` says how a field id is written there.
 * - `rule`: the slot is a condition or action `{field, value}` whose `field` decides what `value` holds;
 *   `fieldEncoding` says how a ticket field is written in `field` (default `custom_fields_id`).
 * - `restriction`: a view or macro `restriction` (`{type: Group, ids}` or `{type: User, id}`).
 * - `text`: the slot is a text (a string, or each string of a list) that may hold ticket field
 *   placeholders (`{{ticket.ticket_field_<id>}}`, see placeholders.ts).
 */
export type ReferenceSlot =
  | { path: PathPattern; text: true }
  | { path: PathPattern; ref: ReferenceKind; encoding?: 'id' | FieldEncoding }
  | { path: PathPattern; rule: true; fieldEncoding?: FieldEncoding }
  | { path: PathPattern; restriction: true };

/**
 * How positions of a type are held and set live, in the fewest calls the API allows.
 * - `none`: Zendesk keeps no order; no `_order.yaml`.
 * - `reorder_endpoint`: `PUT <path>` with every id in order under `bodyKey` (fields, forms, SLA policies).
 * - `position_list`: `PUT <apiPath>/update_many` with `{id, position}` items, 100 a call (automations, views, macros).
 * - `categories`: objects sit in categories of `categoryType` (their `categoryKey`); one `_order.yaml`
 *   (schema `orderSchema`) lists categories → members, and a batch job at `jobPath` moves both (triggers).
 * - `category_of`: this type is the categories of `memberType`; its order is written in the members'
 *   `_order.yaml` when that exists, otherwise in its own (trigger categories).
 */
export type Ordering =
  | { kind: 'none' }
  | { kind: 'reorder_endpoint'; path: string; bodyKey: string }
  | { kind: 'position_list' }
  | { kind: 'categories'; categoryType: ManagedType; categoryKey: string; jobPath: string; orderSchema: string }
  | { kind: 'category_of'; memberType: ManagedType; jobPath: string };

/**
 * Child objects with endpoints of their own (a dynamic content item's variants, a schedule's
 * holidays). A file holds them as a list under `key`; plan compares them as a set matched by
 * `matchKey` and shows their changes inside the parent's update; apply creates, updates and deletes
 * them at `<apiPath>/<parent id>/<path>` after the parent's own write.
 */
export interface SubCollection {
  key: string;
  matchKey: string;
  path: string;
  singular: string;
  plural: string;
  /** `embedded`: the parent's live object holds them (its list read gives all); `listed`: one read a parent. */
  read: 'embedded' | 'listed';
  /** Sent inside the parent's create (variants), or created one by one after it (holidays). */
  createdWithParent: boolean;
  readOnly: readonly string[];
  /** What a child's omitted key means (compared as such, never written by import). */
  defaults: Readonly<Record<string, unknown>>;
  /**
   * A flag one child holds (the default variant): Zendesk moves it when another child takes it and
   * refuses to take it away, so the child that takes it is written first and `false` is never sent.
   */
  soleFlag?: string;
}

/** A key Zendesk sets through an endpoint of its own: `PUT <apiPath>/<id>/<path>` with `{<envelope>: {<key>: value}}`. */
export interface SeparateKey {
  key: string;
  path: string;
  envelope: string;
}

/**
 * Texts anywhere refer to this type's objects by a placeholder that Zendesk derives from the name
 * when it creates one and keeps through renames (dynamic content: `{{dc.<slug>}}`).
 */
export interface TextPlaceholder {
  /** Where a live object holds its placeholder. */
  liveKey: string;
  /** Finds placeholders in a text; the first group is the slug. Global. */
  pattern: RegExp;
  /** The slug Zendesk gives a new object of this name. */
  slugOf(name: string): string;
  /** How a message writes one (`{{dc.greeting}}`). */
  format(slug: string): string;
}

/**
 * Account settings the objects hold by id and zdctl neither manages nor names (a variant's locale:
 * ids are the same in every account, but the language must be enabled): restore reads `list` and
 * puts the ones the target lacks on its checklist before anything is written.
 */
export interface AccountSetting {
  path: PathPattern;
  list: string;
  envelope: string;
  noun: string;
}

export interface ResourceDescriptor {
  type: ManagedType;
  /** Envelope key of one object (`{"trigger": {...}}`). */
  singular: string;
  /** Envelope key of a list (`{"triggers": [...]}`), also the key of bulk bodies. */
  plural: string;
  /** The schema of one object file, `schemas/<schema>.schema.json`; the singular unless it differs. */
  schema?: string;
  /** API collection path under /api/v2. */
  apiPath: string;
  paging: 'cursor' | 'offset' | 'none';
  naturalKey: 'title' | 'name' | 'key' | 'agent_label';
  /** Where a file names the object's earlier natural keys. */
  renameKey?: 'previous_title' | 'previous_name' | 'previous_agent_label';
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
  /**
   * Managed types whose objects must exist before this type's are created (and outlive them on
   * delete): the create order of all types is derived from these (see type-order.ts).
   */
  dependsOn: readonly ManagedType[];
  /** Names of built-in objects that exist in every account, so a reference may use them without a file. */
  builtInNames?: readonly string[];
  updateMethod: 'PUT' | 'PATCH';
  ordering: Ordering;
  bulk: { updateMany: boolean; destroyMany: boolean };
  /**
   * Keys Zendesk sets only on create (a field's `type`): a file that changes one makes the plan a
   * replace (delete + create), shown with what it loses.
   */
  createOnly?: {
    keys: readonly string[];
    noun: string;
    replaceLoses: string;
    /** What of a key's value Zendesk fixes at create, when not the whole value (a webhook's kind of subscriptions). */
    fixedPart?(key: string, value: unknown): string;
  };
  /** Changes of a key that Zendesk refuses in one direction (a private group cannot become public): refused by plan. */
  oneWay?: readonly { key: string; from: unknown; to: unknown; why: string; instead: string }[];
  /** Has `custom_field_options`. */
  hasOptions: boolean;
  /**
   * Keys holding an object of which a file may give only some sub-keys (the rest are left
   * as they are live), e.g. a view's `output`.
   */
  partialKeys?: readonly string[];
  /** The exception to the generic live → file mapping, if the type needs one (views: execution → output). */
  adaptLive?(live: Record<string, unknown>): Record<string, unknown>;
  /** The reverse of `adaptLive` for what is sent (a schedule's weekday hours → minutes of the week). */
  adaptFile?(payload: Record<string, unknown>): Record<string, unknown>;
  subCollections?: readonly SubCollection[];
  /** Keys set apart from the object's own create and update (a schedule's intervals: `PUT <id>/workweek`). */
  separateKeys?: readonly SeparateKey[];
  textPlaceholder?: TextPlaceholder;
  accountSettings?: readonly AccountSetting[];
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
  /**
   * Managed only where the instance opts in (`manage:` in instance.yaml); otherwise its objects are
   * only looked up by name (groups, custom statuses, schedules: a team may keep them elsewhere).
   */
  optIn?: boolean;
  /**
   * false: the identity is the natural key as displayed, not its `raw_` form. Built-in custom
   * statuses hold Zendesk's own placeholders there (`{{zd.status_open}}`), and are named "Open".
   */
  identityFromRaw?: false;
  /** Soft-deleted objects that Zendesk still lists (a group with `deleted: true`): treated as gone. */
  isDeleted?(live: Record<string, unknown>): boolean;
  /**
   * Credentials Zendesk takes but never answers (a webhook's authentication): the file names the
   * environment variables that hold them, and only apply reads their values (see SecretSlots).
   */
  secrets?: SecretSlots;
  /** Default or system objects that zdctl never creates or deletes (and never changes, unless `editableSystem`). */
  isSystem(live: Record<string, unknown>): boolean;
}

/**
 * Write-only parts of a type. Zendesk never answers them, so plan cannot see them change: they are
 * left out of comparisons, sent on create and whenever a key that holds them is sent, and their
 * values come from the environment at apply, never from a file, plan or snapshot.
 */
export interface SecretSlots {
  /** Top-level file keys that hold variable names (in whole or in part). */
  keys: readonly string[];
  /** Of those, the ones an update may send again (`--rotate-secrets`). */
  rotatable: readonly string[];
  /** The object without what Zendesk never answers (compared with the live object). */
  answered(object: Record<string, unknown>): Record<string, unknown>;
  /** The environment variables the given keys of a file object name. */
  variablesOf(object: Record<string, unknown>, keys: readonly string[]): string[];
  /** A request body with each variable name replaced by its value (`read` gives a set variable's value). */
  reveal(payload: Record<string, unknown>, read: (variable: string) => string): Record<string, unknown>;
  /** The object as a plan shows it: `(secret from $VAR)` where the file names a variable. */
  shown(object: Record<string, unknown>): Record<string, unknown>;
  /** Import and restore: a live object's file form, naming the variables its secrets must come from. */
  withVariables(object: Record<string, unknown>): Record<string, unknown>;
}

export function schemaFileOf(descriptor: ResourceDescriptor): string {
  return `${descriptor.schema ?? descriptor.singular}.schema.json`;
}
