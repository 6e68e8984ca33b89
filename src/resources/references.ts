import { namedPlaceholder, placeholdersIn, type PlaceholderSpan } from './placeholders.js';
import type { FieldEncoding, ManagedType, PathPattern, ReferenceKind, ReferenceSlot, ResourceDescriptor } from './types.js';

/** A reference found in an object: where it is, what it names, how the id is written there. */
export interface FoundReference {
  path: (string | number)[];
  kind: ReferenceKind;
  /**
   * The name (or email) as written, or undefined for a raw id. An `Option` written as digits has
   * both: it is the option with that value if the field has one, else the option with that id.
   */
  name?: string;
  /** The raw id when the file gives one (escape hatch). */
  rawId?: string | number;
  encoding: 'id' | FieldEncoding;
  /** For an `Option`: the field whose option it is, as its address (`user_fields/<key>`). */
  scope?: string;
  /** A placeholder inside the text at `path` (`{{ticket.ticket_field_<id>}}`), not the whole value. */
  inText?: PlaceholderSpan;
}

/**
 * Which user and organization fields are drop-downs, by address (`user_fields/<key>`): a condition or
 * action on one holds an option id (salto triggers/definitions, `requester.custom_fields.dropdown_25`
 * lists option ids), on any other type a literal value. Live state, desired files or both decide.
 */
export interface OptionFields {
  isOptionField(address: string): boolean;
}

/** How conditions and actions name user and organization fields. */
export const RULE_FIELD_PREFIXES: Readonly<Partial<Record<ManagedType, string>>> = {
  user_fields: 'requester.custom_fields.',
  organization_fields: 'organization.custom_fields.',
};

/** `requester.custom_fields.tier` → `user_fields/tier`; undefined for any other condition or action field. */
export function customerFieldAddressOf(ruleField: unknown): string | undefined {
  if (typeof ruleField !== 'string') return undefined;
  for (const [type, prefix] of Object.entries(RULE_FIELD_PREFIXES)) {
    if (ruleField.startsWith(prefix) && ruleField.length > prefix.length) return `${type}/${ruleField.slice(prefix.length)}`;
  }
  return undefined;
}

const PREFIXED = /^(Field|Form|Category|Group|Brand|Schedule|Webhook|Target|Status): (.+)$/s;
const CUSTOM_FIELD = /^(?:custom|ticket)_fields_(\d+)$/;
const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** Condition/action fields whose value is an id of a looked-up or managed object. */
export const RULE_VALUE_KINDS: Readonly<Record<string, ReferenceKind>> = {
  group_id: 'Group',
  brand_id: 'Brand',
  ticket_form_id: 'Form',
  schedule_id: 'Schedule',
  set_schedule: 'Schedule',
  within_schedule: 'Schedule',
  custom_status_id: 'Status',
  assignee_id: 'User',
  requester_id: 'User',
  submitter_id: 'User',
  follower: 'User',
};

/** Notification actions whose value is a list that starts with an id. */
export const RULE_FIRST_ELEMENT_KINDS: Readonly<Record<string, ReferenceKind>> = {
  notification_group: 'Group',
  notification_webhook: 'Webhook',
  notification_target: 'Target',
  notification_user: 'User',
};

export function formatReference(kind: ReferenceKind, name: string): string {
  return kind === 'User' || kind === 'Option' ? name : `${kind}: ${name}`;
}

/** A reference for a message: `Group: Billing`, `option "gold" of user_fields/tier`. */
export function describeReference(reference: Pick<FoundReference, 'kind' | 'name' | 'rawId' | 'scope'>): string {
  const written = reference.name ?? String(reference.rawId);
  return reference.kind === 'Option' ? `option "${written}" of ${reference.scope}` : formatReference(reference.kind, written);
}

/** What a message adds for a reference inside a text: ` (in the placeholder ticket.ticket_field[X])`. */
export function placeholderNote(reference: Pick<FoundReference, 'inText' | 'name' | 'rawId'>): string {
  if (!reference.inText) return '';
  const written = reference.name !== undefined ? namedPlaceholder(reference.inText.placeholder, reference.name) : `${reference.inText.placeholder}_${String(reference.rawId)}`;
  return ` (in the placeholder ${written})`;
}

/** Reads a slot's value as a reference of `kind`; undefined for values that are not references (`current_user`, `""`). */
export function parseReference(value: unknown, kind: ReferenceKind): { name?: string; rawId?: string | number } | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return { rawId: value };
  if (typeof value !== 'string') return undefined;
  if (kind === 'Option') return parseOption(value);
  const prefixed = PREFIXED.exec(value);
  if (prefixed) return prefixed[1] === kind ? { name: prefixed[2]! } : undefined;
  if (/^\d+$/.test(value)) return { rawId: value };
  // Webhook ids are opaque strings (01FTBADQMTH2C95HAE0FTSXNN5 in salto webhooks), never names.
  if (kind === 'Webhook' && value !== '') return { rawId: value };
  if (kind === 'User' && EMAIL.test(value)) return { name: value };
  const custom = CUSTOM_FIELD.exec(value);
  if (kind === 'Field' && custom) return { rawId: Number(custom[1]) };
  return undefined;
}

/** An option is named by its value (a tag, which may be all digits: salto organization_fields `dropdown_26` has `123`); `__NULL__` is Zendesk's "none". */
function parseOption(value: string): { name?: string; rawId?: string } | undefined {
  if (value === '' || value === '__NULL__') return undefined;
  return /^\d+$/.test(value) ? { name: value, rawId: value } : { name: value };
}

/** The `Kind:` prefix a string carries, whatever slot it sits in (to report a reference of the wrong kind). */
export function prefixOf(value: unknown): ReferenceKind | undefined {
  return typeof value === 'string' ? (PREFIXED.exec(value)?.[1] as ReferenceKind | undefined) : undefined;
}

/**
 * Every reference in `object`, by the descriptor's reference slots. Options of user and organization
 * drop-down fields are found only when `optionFields` says which fields are drop-downs.
 */
export function findReferences(descriptor: ResourceDescriptor, object: unknown, optionFields?: OptionFields): FoundReference[] {
  const found: FoundReference[] = [];
  for (const slot of descriptor.references) {
    for (const { value, path } of valuesAt(object, slot.path, [])) {
      found.push(...referencesInSlot(slot, value, path, optionFields));
    }
  }
  return found;
}

/** Every text the descriptor's `text` slots hold in `object` (a string, or each string of a list), with its path. */
export function textsOf(descriptor: ResourceDescriptor, object: unknown): { text: string; path: (string | number)[] }[] {
  return descriptor.references
    .filter((slot) => 'text' in slot)
    .flatMap((slot) => [...valuesAt(object, slot.path, [])])
    .flatMap(({ value, path }) => (typeof value === 'string' ? [{ text: value, path }] : []));
}

/** Every condition and action (`rule` slot) of `object`, with its path: business rules' conditions and actions, SLA filters. */
export function rulesOf(descriptor: ResourceDescriptor, object: unknown): { rule: Record<string, unknown>; path: (string | number)[] }[] {
  return descriptor.references
    .filter((slot) => 'rule' in slot)
    .flatMap((slot) => [...valuesAt(object, slot.path, [])])
    .flatMap(({ value, path }) => (isRecord(value) ? [{ rule: value, path }] : []));
}

/** The user and organization fields (addresses) that the conditions and actions of `object` name, whatever their type. */
export function customerFieldsNamed(descriptor: ResourceDescriptor, object: unknown): string[] {
  const addresses = new Set<string>();
  for (const slot of descriptor.references) {
    if (!('rule' in slot)) continue;
    for (const { value } of valuesAt(object, slot.path, [])) {
      const address = isRecord(value) ? customerFieldAddressOf(value.field) : undefined;
      if (address !== undefined) addresses.add(address);
    }
  }
  return [...addresses];
}

function referencesInSlot(slot: ReferenceSlot, value: unknown, path: (string | number)[], optionFields: OptionFields | undefined): FoundReference[] {
  if ('text' in slot) return placeholdersIn(value).map(({ reference, span }) => ({ path, kind: 'Field', encoding: 'id', ...reference, inText: span }));
  if ('ref' in slot) return one(value, path, slot.ref, slot.encoding ?? 'id');
  if ('restriction' in slot) return restrictionReferences(value, path);
  return ruleReferences(value, path, optionFields, slot.fieldEncoding ?? 'custom_fields_id');
}

function one(value: unknown, path: (string | number)[], kind: ReferenceKind, encoding: FoundReference['encoding'], scope?: string): FoundReference[] {
  const parsed = parseReference(value, kind);
  return parsed ? [{ path, kind, encoding, ...parsed, ...(scope === undefined ? {} : { scope }) }] : [];
}

function ruleReferences(item: unknown, path: (string | number)[], optionFields: OptionFields | undefined, fieldEncoding: FieldEncoding): FoundReference[] {
  if (!isRecord(item)) return [];
  const found = one(item.field, [...path, 'field'], 'Field', fieldEncoding);
  // A user or organization drop-down field: the value (each element of a list) is an option of that field.
  const customerField = customerFieldAddressOf(item.field);
  if (customerField !== undefined && optionFields?.isOptionField(customerField)) {
    const values = Array.isArray(item.value) ? item.value.map((element, index) => ({ element, at: [...path, 'value', index] })) : [{ element: item.value, at: [...path, 'value'] }];
    for (const { element, at } of values) found.push(...one(element, at, 'Option', 'id', customerField));
    return found;
  }
  // Zendesk's rule definitions also name variants such as `assignee_id#all_agents`; the part before # decides.
  const field = typeof item.field === 'string' ? item.field.split('#')[0]! : '';
  const valueKind = RULE_VALUE_KINDS[field];
  if (valueKind && Array.isArray(item.value)) {
    item.value.forEach((element, index) => found.push(...one(element, [...path, 'value', index], valueKind, 'id')));
  } else if (valueKind) {
    found.push(...one(item.value, [...path, 'value'], valueKind, 'id'));
  }
  const firstKind = RULE_FIRST_ELEMENT_KINDS[field];
  if (firstKind && Array.isArray(item.value)) found.push(...one(item.value[0], [...path, 'value', 0], firstKind, 'id'));
  return found;
}

function restrictionReferences(restriction: unknown, path: (string | number)[]): FoundReference[] {
  if (!isRecord(restriction)) return [];
  const kind: ReferenceKind = restriction.type === 'User' ? 'User' : 'Group';
  const found = one(restriction.id, [...path, 'id'], kind, 'id');
  if (Array.isArray(restriction.ids)) {
    restriction.ids.forEach((id, index) => found.push(...one(id, [...path, 'ids', index], kind, 'id')));
  }
  return found;
}

/** Every value at `pattern` in `value` (`'*'` spans an array), with its path. */
export function* valuesAt(value: unknown, pattern: PathPattern, path: (string | number)[] = []): Generator<{ value: unknown; path: (string | number)[] }> {
  if (pattern.length === 0) {
    if (value !== undefined) yield { value, path };
    return;
  }
  const [head, ...rest] = pattern;
  if (head === '*') {
    if (Array.isArray(value)) for (let i = 0; i < value.length; i++) yield* valuesAt(value[i], rest, [...path, i]);
  } else if (isRecord(value)) {
    yield* valuesAt(value[head!], rest, [...path, head!]);
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Returns a copy of `object` with `reference` written as `written`: a name (`Field: X`, an email …)
 * or an id in the slot's encoding. A reference inside a text rewrites only its placeholder; callers
 * rewrite the references of one object last to first, so the spans of the earlier ones still hold.
 */
export function writeReference<T>(object: T, reference: FoundReference, written: { name: string } | { id: string | number }): T {
  if (reference.inText) {
    const text = valueAt(object, reference.path) as string;
    const placeholder = 'name' in written ? namedPlaceholder(reference.inText.placeholder, written.name) : `${reference.inText.placeholder}_${String(written.id)}`;
    return replaceAt(object, reference.path, text.slice(0, reference.inText.start) + placeholder + text.slice(reference.inText.end));
  }
  if ('name' in written) return replaceAt(object, reference.path, formatReference(reference.kind, written.name));
  return replaceAt(object, reference.path, reference.encoding === 'id' ? written.id : `${FIELD_PREFIXES[reference.encoding]}${String(written.id)}`);
}

const FIELD_PREFIXES: Readonly<Record<FieldEncoding, string>> = { custom_fields_id: 'custom_fields_', ticket_fields_id: 'ticket_fields_' };

function valueAt(object: unknown, path: readonly (string | number)[]): unknown {
  return path.reduce<unknown>((value, step) => (value as Record<string | number, unknown> | undefined)?.[step], object);
}

/** Returns a copy of `object` with the value at `path` replaced. */
export function replaceAt<T>(object: T, path: readonly (string | number)[], replacement: unknown): T {
  if (path.length === 0) return replacement as T;
  const [head, ...rest] = path;
  if (Array.isArray(object)) {
    const copy = [...object];
    copy[head as number] = replaceAt(copy[head as number], rest, replacement);
    return copy as T;
  }
  const record = object as Record<string, unknown>;
  return { ...record, [head!]: replaceAt(record[head as string], rest, replacement) } as T;
}
