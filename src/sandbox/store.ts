import { zendeskTimestamp, type Clock } from './clock.js';
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

  constructor(readonly clock: Clock) {
    this.clear();
  }

  clear(): void {
    this.nextId = FIRST_ID;
    for (const type of STORED_TYPES) this.tables.set(type, new Map());
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

  put(type: StoredType, object: ApiObject): void {
    this.observeId(object.id);
    this.table(type).set(String(object.id), object);
  }

  delete(type: StoredType, id: string | number): boolean {
    return this.table(type).delete(String(id));
  }

  replaceAll(type: StoredType, objects: ApiObject[]): void {
    this.table(type).clear();
    for (const object of objects) this.put(type, object);
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
