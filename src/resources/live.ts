import type { LookupType, ManagedType, ReferenceKind, ResourceDescriptor } from './types.js';
import { DESCRIPTORS, managedTypeOfKind } from './index.js';

export type ApiId = number | string;
/** An object as Zendesk's API returns it. */
export type ApiObject = Record<string, unknown> & { id: ApiId };

/** What zdctl read from the live instance. */
export interface LiveState {
  objects: Record<ManagedType, ApiObject[]>;
  lookups: Partial<Record<LookupType, ApiObject[]>>;
}

/** The field of a looked-up object that its references name. */
export const LOOKUP_NAME_KEYS: Readonly<Record<LookupType, string>> = {
  groups: 'name',
  brands: 'name',
  schedules: 'name',
  webhooks: 'name',
  targets: 'title',
  custom_statuses: 'agent_label',
  users: 'email',
};

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

/** The natural key of a live object: the raw text where Zendesk keeps one (dynamic content stays a placeholder). */
export function liveKeyOf(descriptor: ResourceDescriptor, live: Record<string, unknown>): string {
  const key = descriptor.naturalKey;
  return String(live[`raw_${key}`] ?? live[key]);
}

/** Both directions between ids and the names references use, for every reference kind. */
export class NameIndex {
  private readonly ids = new Map<ReferenceKind, Map<string, ApiId>>();
  private readonly names = new Map<ReferenceKind, Map<string, string>>();

  static fromLive(live: LiveState): NameIndex {
    const index = new NameIndex();
    for (const kind of ['Field', 'Form', 'Category'] as const) {
      const descriptor = DESCRIPTORS[managedTypeOfKind(kind)!];
      for (const object of live.objects[descriptor.type] ?? []) index.add(kind, object.id, liveKeyOf(descriptor, object));
    }
    for (const [kind, lookup] of Object.entries(LOOKUP_OF_KIND) as [ReferenceKind, LookupType][]) {
      for (const object of live.lookups[lookup] ?? []) {
        const name = object[LOOKUP_NAME_KEYS[lookup]];
        if (typeof name === 'string') index.add(kind, object.id, name);
      }
    }
    return index;
  }

  add(kind: ReferenceKind, id: ApiId, name: string): void {
    if (!this.ids.has(kind)) {
      this.ids.set(kind, new Map());
      this.names.set(kind, new Map());
    }
    const lookupName = kind === 'User' ? name.toLowerCase() : name;
    // The first object with a name wins; duplicates are reported by plan, not resolved silently.
    if (!this.ids.get(kind)!.has(lookupName)) this.ids.get(kind)!.set(lookupName, id);
    this.names.get(kind)!.set(String(id), name);
  }

  idOf(kind: ReferenceKind, name: string): ApiId | undefined {
    return this.ids.get(kind)?.get(kind === 'User' ? name.toLowerCase() : name);
  }

  nameOf(kind: ReferenceKind, id: ApiId): string | undefined {
    return this.names.get(kind)?.get(String(id));
  }

  namesOf(kind: ReferenceKind): string[] {
    return [...(this.names.get(kind)?.values() ?? [])];
  }
}
