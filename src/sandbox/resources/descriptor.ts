import type { Account } from '../crud.js';
import type { ApiRequest, ApiResponse, Violation } from '../http.js';
import type { ApiObject, ManagedType, StoredType } from '../model.js';
import type { Store } from '../store.js';

export type SortValue = string | number;

/** What a write knows besides the request body. */
export interface WriteContext {
  store: Store;
  now: string;
  /** the stored object on update, undefined on create */
  existing?: ApiObject;
  /** strict references: an id that names no object is refused (see `referenceRules`) */
  strictReferences: boolean;
  /** an update that replaces every writable key (webhooks' PUT) rather than merging */
  replace?: boolean;
}

/** A validation rule: a small pure function over the object as it would be stored. */
export type Rule = (candidate: ApiObject, context: WriteContext) => Violation[];

/** An id another object names, and where (for the in-use error). */
export interface Reference {
  type: StoredType;
  id: string;
  where: string;
}

/** An endpoint of its own (sub-collections, definitions); the pattern is relative to /api/v2. */
export interface ExtraRoute {
  method: string;
  pattern: string;
  handle(request: ApiRequest, params: string[], account: Account): ApiResponse;
}

/**
 * Everything the generic CRUD mechanism needs to know about one Zendesk type.
 * Code lives here only for the exceptions (hooks); the rest is data.
 */
export interface ResourceDescriptor {
  type: ManagedType;
  /** envelope key of one object: `trigger` */
  singular: string;
  /** envelope key of a list, when it is not the type's name (dynamic content: `items`) */
  plural?: string;
  idKind: 'number' | 'string';
  /** a new object's id, when it is not the next number (webhooks: ULID-like strings) */
  newId?(store: Store): string;
  /** cursor types also accept offset parameters; offset types ignore `page[size]`; `none` ignores both */
  pagination: 'cursor' | 'offset' | 'none';
  /** shape of a list request that carries no pagination parameters (`bare`: the envelope alone) */
  unpaginated: 'offset' | 'cursor' | 'all' | 'bare';
  /** the last cursor page answers null cursors and links (recorded for dynamic content) */
  nullCursorsOnLastPage?: boolean;
  /** top-level keys a write may set; anything else is dropped with x-zendesk-api-warn */
  writable: readonly string[];
  /** keys accepted on create only (a field's `type`, `key`) */
  createOnly: readonly string[];
  /** a new object's defaults, in the key order Zendesk answers with */
  template(context: WriteContext): ApiObject;
  /** [raw key, source key]: `raw_title` mirrors `title` whenever `title` is written */
  mirrors: ReadonlyArray<readonly [string, string]>;
  /** position of a new object when the write gives none; types without positions leave it out */
  newPosition?(store: Store): number;
  /** default list order */
  listOrder(object: ApiObject, store: Store): SortValue[];
  /** order under cursor pagination, when it differs (ticket fields: by id) */
  cursorOrder?(object: ApiObject, store: Store): SortValue[];
  rules: readonly Rule[];
  /** checks that the ids a write names exist; applied in strict-references mode only */
  referenceRules: readonly Rule[];
  /**
   * A write-only key that creates an object of another type and links the written object to it
   * (spec TriggerObject.category: "A category to create and assign to the trigger").
   */
  linkedCreate?: { key: string; idKey: string; descriptor: ResourceDescriptor };
  /** turns accepted input into the stored shape (views: output → execution; fields: option sets) */
  prepare?(input: ApiObject, context: WriteContext): ApiObject;
  /** keeps invariants across objects after a write (one default ticket form) */
  afterWrite?(object: ApiObject, store: Store): void;
  /** refuses or cascades a delete */
  beforeDelete?(object: ApiObject, store: Store): ApiResponse | undefined;
  /** ids of other objects this one names: a type with `refuseDeleteWhileUsed` is not deleted while named */
  refersTo?(object: ApiObject): Reference[];
  refuseDeleteWhileUsed?: boolean;
  /** a delete only marks the object (`deleted: true`): gone from lists, still shown by id */
  softDelete?: string;
  /**
   * Sub-collections kept on the stored object under `key` (a schedule's holidays): recorded
   * `GET /{type}/{id}/{path}` answers are seeded there.
   */
  nestedCollections?: ReadonlyArray<{ path: string; key: string }>;
  /** dotted paths stored but never answered (webhook secrets, a schedule's holidays) */
  hidden?: readonly string[];
  /** the answered object's nested links (variant urls), after `url` is set */
  present?(object: ApiObject, baseUrl: string): ApiObject;
  /** the newer error list's 404 for this type */
  notFound?: { code: string; title: string };
  /** what an update answers: the object (default) or 204 without a body (webhooks) */
  updateAnswer?: 'object' | 'empty';
  /** a second update method that replaces the whole object instead of merging (webhooks' PUT) */
  replaceMethod?: 'PUT';
  /** endpoints of its own, added before the generic `/{id}` routes */
  routes?: readonly ExtraRoute[];
  /** list filters from the query string (`active`, `category_id`) */
  filter?(object: ApiObject, query: URLSearchParams): boolean;
  /** classic `{"error","description"}` bodies, or the newer `{"errors":[...]}` */
  errorStyle: 'classic' | 'list';
  updateMethod: 'PUT' | 'PATCH';
  createStatus: 200 | 201;
  /** user and organization fields accept their key in place of the id in paths */
  keyInPath: boolean;
  /** `PUT /{type}/update_many`: the keys each item may change */
  updateMany?: readonly string[];
  destroyMany: boolean;
  showMany: boolean;
  activeList: boolean;
  /** `PUT /{type}/reorder` with this body (or query) key */
  reorder?: string;
  /** the position a reorder gives the first object (SLA policies count from 1) */
  firstPosition?: number;
  /** what a reorder answers: the whole list (ticket forms, spec) or an empty 200 (fields, spec) */
  reorderAnswer?: 'list' | 'empty';
  /** `/{type}/{id}/options` endpoints */
  optionEndpoints: boolean;
}

/** Next position after the highest one: what the recordings show for new automations, views, macros, forms. */
export function appendPosition(type: ManagedType, first = 0) {
  // The store keeps the highest position (a non-number counts as -1; an empty type gives `first`).
  return (store: Store): number => Math.max(store.maxPosition(type) + 1, first);
}

/**
 * Creation order, then id: recorded for schedules and dynamic content items (salto lists them by
 * created_at, not by id), and what the groups, statuses and webhooks recordings show too.
 */
export const byCreation = (object: ApiObject): SortValue[] => [String(object.created_at ?? ''), numberOr(object.id, 0), String(object.id)];

/** Lookup-style order: by id, numeric ids before string ones. */
export const byId = (object: ApiObject): SortValue[] => [numberOr(object.id, 0), String(object.id)];

export const byPositionThenId = (object: ApiObject): SortValue[] => [
  numberOr(object.position, 0),
  numberOr(object.id, 0),
];

export function numberOr(value: unknown, fallback: number): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return fallback;
}

/** `?active=true|false` filter shared by the rule types. */
export function activeFilter(object: ApiObject, query: URLSearchParams): boolean {
  const active = query.get('active');
  if (active === 'true') return object.active === true;
  if (active === 'false') return object.active === false;
  return true;
}
