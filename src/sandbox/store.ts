import { zendeskTimestamp, type Clock } from './clock.js';
import { StoreIndexes } from './indexes.js';
import { deepCopy, STORED_TYPES, type ApiObject, type StoredType } from './model.js';

/** What `--state` persists: every table plus the id counter. */
export interface StoreSnapshot {
  nextId: number;
  tables: Record<string, ApiObject[]>;
}

// Zendesk ids are large integers; starting high keeps sandbox ids from looking like positions.
const FIRST_ID = 360_000_000_001;

/**
 * The account's data: one table per type, keyed by the id as a string
 * (trigger categories have string ids, everything else numbers).
 * Objects are stored as Zendesk returns them; `url` is rewritten on the way out.
 */
export class Store {
  private tables = new Map<StoredType, Map<string, ApiObject>>();
  private nextId = FIRST_ID;
  private readonly indexes = new StoreIndexes();
  /** Bumped on every change: what a cached list order is checked against. */
  private changes = 0;

  constructor(readonly clock: Clock) {
    this.clear();
  }

  clear(): void {
    this.nextId = FIRST_ID;
    this.indexes.clear();
    this.changes++;
    for (const type of STORED_TYPES) {
      this.tables.set(type, new Map());
      this.indexes.emptied(type);
    }
  }

  /** Changes so far (puts, deletes, clears): equal numbers mean the same contents. */
  get version(): number {
    return this.changes;
  }

  private table(type: StoredType): Map<string, ApiObject> {
    const table = this.tables.get(type);
    if (!table) throw new Error(`unknown type ${type}`);
    return table;
  }

  all(type: StoredType): ApiObject[] {
    return [...this.table(type).values()];
  }

  get(type: StoredType, id: string | number): ApiObject | undefined {
    return this.table(type).get(String(id));
  }

  /** Objects are stored as given and must not be changed in place afterwards (the indexes would go stale). */
  put(type: StoredType, object: ApiObject): void {
    this.observeId(object.id);
    const table = this.table(type);
    const id = String(object.id);
    const previous = table.get(id);
    if (previous) this.indexes.removed(type, previous);
    table.set(id, object);
    this.indexes.added(type, object);
    this.changes++;
  }

  delete(type: StoredType, id: string | number): boolean {
    const table = this.table(type);
    const previous = table.get(String(id));
    if (!previous) return false;
    table.delete(String(id));
    this.indexes.removed(type, previous);
    this.changes++;
    return true;
  }

  replaceAll(type: StoredType, objects: ApiObject[]): void {
    for (const object of this.table(type).values()) this.indexes.removed(type, object);
    this.table(type).clear();
    this.indexes.emptied(type);
    this.changes++;
    for (const object of objects) this.put(type, object);
  }

  /** The ticket fields (in table order) whose options or checkbox tag write `tag`. */
  ticketFieldsWithTag(tag: string): ApiObject[] {
    return this.objectsOf('ticket_fields', this.indexes.tagOwners(tag));
  }

  /** The fields of a keyed type (user / organization fields), in table order, whose key is `key`. */
  fieldsWithKey(type: StoredType, key: string): ApiObject[] {
    return this.objectsOf(type, this.indexes.keyOwners(type, key));
  }

  /** Highest position of the type's objects; a non-number counts as -1, none at all is -1. */
  maxPosition(type: StoredType): number {
    return this.indexes.maxPosition(type, () => this.table(type).values());
  }

  /** Objects by id, in table order (the order a full scan would meet them). */
  private objectsOf(type: StoredType, ids: ReadonlySet<string>): ApiObject[] {
    const table = this.table(type);
    if (ids.size <= 1) return [...ids].flatMap((id): ApiObject[] => { const object = table.get(id); return object ? [object] : []; });
    // Only seeded data can hold a tag or key twice; keep the scan's order there.
    return [...table.values()].filter((o) => ids.has(String(o.id)));
  }

  newId(): number {
    return this.nextId++;
  }

  /** Seeded or restored ids must never be handed out again. */
  observeId(id: unknown): void {
    const numeric = typeof id === 'string' && /^\d+$/.test(id) ? Number(id) : id;
    if (typeof numeric === 'number' && Number.isSafeInteger(numeric) && numeric >= this.nextId) this.nextId = numeric + 1;
  }

  timestamp(): string {
    return zendeskTimestamp(this.clock.now());
  }

  snapshot(): StoreSnapshot {
    const tables: Record<string, ApiObject[]> = {};
    for (const type of STORED_TYPES) tables[type] = deepCopy(this.all(type));
    return { nextId: this.nextId, tables };
  }

  restore(snapshot: StoreSnapshot): void {
    this.clear();
    for (const type of STORED_TYPES) this.replaceAll(type, deepCopy(snapshot.tables[type] ?? []));
    this.nextId = Math.max(this.nextId, snapshot.nextId);
  }
}
