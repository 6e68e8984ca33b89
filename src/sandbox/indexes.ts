import type { ApiObject, StoredType } from './model.js';
import { tagsOf } from './rules/options.js';

/**
 * Indexes the store keeps up to date on every put / delete / clear, so that a write's rules and
 * a new object's position cost the same at 10 objects and at 60,000 (Zendesk answers a write in
 * constant time too). Each answers exactly what the full scan it replaces answered:
 * - tags in use by ticket fields → the fields using them (unique-ticket-field-tags),
 * - user / organization field key → the fields with it (unique-field-key, key in path),
 * - highest position per type (a new object's position), recomputed lazily when the highest
 *   one moved down or went away.
 */
export class StoreIndexes {
  /** ticket field tag → ids of the fields that write it */
  private readonly tags = new Map<string, Set<string>>();
  /** user / organization fields: key → ids */
  private readonly keys = new Map<StoredType, Map<string, Set<string>>>();
  /** highest position per type (non-numbers count as -1); undefined: to recompute */
  private readonly maxPositions = new Map<StoredType, number | undefined>();

  clear(): void {
    this.tags.clear();
    this.keys.clear();
    this.maxPositions.clear();
  }

  added(type: StoredType, object: ApiObject): void {
    const id = String(object.id);
    if (type === 'ticket_fields') for (const tag of tagsOf(object)) addTo(this.tags, tag, id);
    if (KEYED_TYPES.has(type) && typeof object.key === 'string') addTo(this.keyTable(type), object.key, id);
    const max = this.maxPositions.get(type);
    if (max !== undefined && positionOf(object) > max) this.maxPositions.set(type, positionOf(object));
  }

  removed(type: StoredType, object: ApiObject): void {
    const id = String(object.id);
    if (type === 'ticket_fields') for (const tag of tagsOf(object)) removeFrom(this.tags, tag, id);
    if (KEYED_TYPES.has(type) && typeof object.key === 'string') removeFrom(this.keyTable(type), object.key, id);
    const max = this.maxPositions.get(type);
    if (max !== undefined && positionOf(object) >= max) this.maxPositions.set(type, undefined);
  }

  /** Ids of the ticket fields whose options or checkbox tag write `tag`. */
  tagOwners(tag: string): ReadonlySet<string> {
    return this.tags.get(tag) ?? EMPTY;
  }

  /** Ids of the fields of `type` with this key. */
  keyOwners(type: StoredType, key: string): ReadonlySet<string> {
    return this.keys.get(type)?.get(key) ?? EMPTY;
  }

  /** The highest position of `type` (-1 for none); `scan` recomputes it when unknown. */
  maxPosition(type: StoredType, scan: () => Iterable<ApiObject>): number {
    const known = this.maxPositions.get(type);
    if (known !== undefined) return known;
    let max = -1;
    for (const object of scan()) max = Math.max(max, positionOf(object));
    this.maxPositions.set(type, max);
    return max;
  }

  /** Called once a type's table is empty: its highest position is known again (-1). */
  emptied(type: StoredType): void {
    this.maxPositions.set(type, -1);
  }

  private keyTable(type: StoredType): Map<string, Set<string>> {
    let table = this.keys.get(type);
    if (!table) this.keys.set(type, (table = new Map()));
    return table;
  }
}

const KEYED_TYPES = new Set<StoredType>(['user_fields', 'organization_fields']);
const EMPTY: ReadonlySet<string> = new Set();

const positionOf = (object: ApiObject) => (typeof object.position === 'number' ? object.position : -1);

function addTo(map: Map<string, Set<string>>, key: string, id: string): void {
  const set = map.get(key);
  if (set) set.add(id);
  else map.set(key, new Set([id]));
}

function removeFrom(map: Map<string, Set<string>>, key: string, id: string): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(id);
  if (set.size === 0) map.delete(key);
}
