import type { LookupType, ManagedType, ReferenceKind, ResourceDescriptor } from './types.js';
import { DESCRIPTORS } from './index.js';
import { OPTION_ID_FIELD_TYPES } from './field-options.js';
import { liveIdentityOf } from './identity.js';
import { RULE_FIELD_PREFIXES, type OptionFields } from './references.js';

export type ApiId = number | string;
/** An object as Zendesk's API returns it. */
export type ApiObject = Record<string, unknown> & { id: ApiId };

/** What zdctl read from the live instance. */
export interface LiveState {
  objects: Record<ManagedType, ApiObject[]>;
  lookups: Partial<Record<LookupType, ApiObject[]>>;
}

/** The field of a looked-up object that its references name, for the types zdctl never manages. */
const PURE_LOOKUP_NAME_KEYS: Readonly<Partial<Record<LookupType, string>>> = {
  brands: 'name',
  targets: 'title',
  users: 'email',
};

/** A type an instance may manage is named by its descriptor's natural key, looked up or not. */
function lookupNameKey(lookup: LookupType): string | undefined {
  return (lookup in DESCRIPTORS ? DESCRIPTORS[lookup as ManagedType].naturalKey : undefined) ?? PURE_LOOKUP_NAME_KEYS[lookup];
}

export const LOOKUP_OF_KIND: Readonly<Partial<Record<ReferenceKind, LookupType>>> = {
  Group: 'groups',
  Brand: 'brands',
  Schedule: 'schedules',
  Webhook: 'webhooks',
  Target: 'targets',
  Status: 'custom_statuses',
  User: 'users',
};

/** Zendesk's order of a list: by position, equal positions by id. */
export const byPosition = (a: ApiObject, b: ApiObject): number =>
  Number(a.position ?? 0) - Number(b.position ?? 0) || String(a.id).localeCompare(String(b.id), 'en', { numeric: true });

/** The identity of a live object: its natural key, `#2`… when several share it (see identity.ts). */
export function liveKeyOf(descriptor: ResourceDescriptor, live: Record<string, unknown>): string {
  return liveIdentityOf(descriptor, live);
}

/**
 * Both directions between ids and the names references use, for every reference kind. Options are
 * kept per field (`scope`, the field's address `user_fields/<key>`): value ↔ option id.
 */
export class NameIndex implements OptionFields {
  private readonly ids = new Map<string, Map<string, ApiId>>();
  private readonly names = new Map<string, Map<string, string>>();
  private readonly optionFields = new Set<string>();

  static fromLive(live: LiveState): NameIndex {
    const index = new NameIndex();
    for (const descriptor of Object.values(DESCRIPTORS)) {
      if (!descriptor.referencedAs) continue;
      for (const object of live.objects[descriptor.type] ?? []) index.add(descriptor.referencedAs, object.id, liveKeyOf(descriptor, object));
    }
    // A type an instance does not manage (groups it keeps elsewhere) is read as a lookup instead.
    for (const [kind, lookup] of Object.entries(LOOKUP_OF_KIND) as [ReferenceKind, LookupType][]) {
      for (const object of live.lookups[lookup] ?? []) {
        const key = lookupNameKey(lookup);
        const name = key === undefined ? undefined : object[key];
        if (typeof name === 'string') index.add(kind, object.id, name);
      }
    }
    for (const type of Object.keys(RULE_FIELD_PREFIXES) as ManagedType[]) {
      for (const field of live.objects[type] ?? []) index.addFieldOptions(type, field);
    }
    return index;
  }

  add(kind: ReferenceKind, id: ApiId, name: string, scope?: string): void {
    const slot = slotOf(kind, scope);
    if (!this.ids.has(slot)) {
      this.ids.set(slot, new Map());
      this.names.set(slot, new Map());
    }
    const lookupName = kind === 'User' ? name.toLowerCase() : name;
    // The first object with a name wins; duplicates are reported by plan, not resolved silently.
    if (!this.ids.get(slot)!.has(lookupName)) this.ids.get(slot)!.set(lookupName, id);
    this.names.get(slot)!.set(String(id), name);
  }

  /** An object that no longer exists (apply deleted it): its name no longer resolves to its id. */
  remove(kind: ReferenceKind, id: ApiId, scope?: string): void {
    const slot = slotOf(kind, scope);
    this.names.get(slot)?.delete(String(id));
    const ids = this.ids.get(slot);
    for (const [name, known] of ids ?? []) if (String(known) === String(id)) ids!.delete(name);
  }

  /** The object `id` is known as `name` from now on (a rename); its earlier name no longer resolves to it. */
  rename(kind: ReferenceKind, id: ApiId, name: string): void {
    this.remove(kind, id);
    this.add(kind, id, name);
  }

  /**
   * A live user or organization field (as listed, or as a write answered it): a drop-down's options
   * become the names of their ids; any other type, or another type of field, holds literal values.
   */
  addFieldOptions(type: ManagedType, field: Record<string, unknown>): void {
    if (RULE_FIELD_PREFIXES[type] === undefined || field.type === undefined) return;
    const scope = `${type}/${String(field.key)}`;
    const isDropdown = OPTION_ID_FIELD_TYPES.has(String(field.type));
    if (isDropdown) this.optionFields.add(scope);
    else this.optionFields.delete(scope);
    // A drop-down answer that leaves its options out keeps what is known of them; one that gives them replaces it.
    if (isDropdown && !Array.isArray(field.custom_field_options)) return;
    this.ids.delete(slotOf('Option', scope));
    this.names.delete(slotOf('Option', scope));
    if (!isDropdown) return;
    for (const option of field.custom_field_options as Record<string, unknown>[]) {
      if (typeof option.value === 'string' && (typeof option.id === 'number' || typeof option.id === 'string')) this.add('Option', option.id, option.value, scope);
    }
  }

  isOptionField(address: string): boolean {
    return this.optionFields.has(address);
  }

  idOf(kind: ReferenceKind, name: string, scope?: string): ApiId | undefined {
    const slot = slotOf(kind, scope);
    const id = this.ids.get(slot)?.get(kind === 'User' ? name.toLowerCase() : name);
    if (id !== undefined || kind !== 'Option') return id;
    // An option may also be written as its id (the escape hatch), if it is an option of that field.
    const value = this.names.get(slot)?.get(name);
    return value === undefined ? undefined : this.ids.get(slot)?.get(value);
  }

  nameOf(kind: ReferenceKind, id: ApiId, scope?: string): string | undefined {
    return this.names.get(slotOf(kind, scope))?.get(String(id));
  }

  namesOf(kind: ReferenceKind, scope?: string): string[] {
    return [...(this.names.get(slotOf(kind, scope))?.values() ?? [])];
  }
}

const slotOf = (kind: ReferenceKind, scope: string | undefined): string => (scope === undefined ? kind : `${kind} ${scope}`);
