import {
  ApiError,
  errorList,
  json,
  noContent,
  parameterMissing,
  recordInvalid,
  recordNotFound,
  type ApiResponse,
  type Violation,
} from './http.js';
import { isObject, type ApiObject } from './model.js';
import { listResponse, sortEntries, type ListMode, type SortedEntry } from './pagination.js';
import { render, resourceUrl, TYPE_PATHS } from './render.js';
import type { ResourceDescriptor, WriteContext } from './resources/descriptor.js';
import type { Store } from './store.js';

/** What every handler needs: the data, where the sandbox lives, and a hook to persist after writes. */
export interface Account {
  store: Store;
  baseUrl: string;
  changed(): void;
  /** refuse writes that name an id no object has (on unless turned off) */
  strictReferences: boolean;
  /** every writable type: what a delete asks whether anything still names the object */
  descriptors: readonly ResourceDescriptor[];
}

export const plural = (d: ResourceDescriptor) => d.plural ?? d.type;

// Spec: trigger categories answer 404 with the newer error list.
const CATEGORY_NOT_FOUND = { code: 'TriggerCategoryNotFound', title: 'Category can’t be found. Check the ID and try again.' };

export function notFound(descriptor: ResourceDescriptor): ApiError {
  if (descriptor.errorStyle === 'list') return new ApiError(errorList(404, [descriptor.notFound ?? CATEGORY_NOT_FOUND]));
  return new ApiError(recordNotFound());
}

export function invalid(descriptor: ResourceDescriptor, violations: Violation[]): ApiError {
  if (descriptor.errorStyle === 'classic') return new ApiError(recordInvalid(violations));
  return new ApiError(
    errorList(400, violations.map((v) => ({ code: v.code ?? 'InvalidValue', title: v.title ?? v.description }))),
  );
}

const isSoftDeleted = (descriptor: ResourceDescriptor, object: ApiObject) =>
  descriptor.softDelete !== undefined && object[descriptor.softDelete] === true;

/**
 * The stored object for a path segment: an id, or (user / organization fields) a key. A
 * soft-deleted object is found only when `includeDeleted` (a show); writes to it are 404.
 */
export function find(descriptor: ResourceDescriptor, account: Account, segment: string, includeDeleted = false): ApiObject {
  const byId = account.store.get(descriptor.type, segment);
  if (byId && !includeDeleted && isSoftDeleted(descriptor, byId)) throw notFound(descriptor);
  if (byId && (descriptor.idKind === 'string' || /^\d+$/.test(segment))) return byId;
  if (descriptor.keyInPath) {
    const [byKey] = account.store.fieldsWithKey(descriptor.type, segment);
    if (byKey) return byKey;
  }
  throw notFound(descriptor);
}

/** The object as the API answers it: links to this sandbox, hidden keys (secrets) left out. */
export function present(descriptor: ResourceDescriptor, object: ApiObject, baseUrl: string): ApiObject {
  const rendered = render(descriptor.type, object, baseUrl);
  for (const path of descriptor.hidden ?? []) removePath(rendered, path.split('.'));
  return descriptor.present ? descriptor.present(rendered, baseUrl) : rendered;
}

function removePath(object: ApiObject, [head, ...rest]: string[]): void {
  if (head === undefined) return;
  if (rest.length === 0) delete object[head];
  else if (isObject(object[head])) removePath(object[head], rest);
}

/** What a list answers: every object but the soft-deleted ones. */
export const listed = (descriptor: ResourceDescriptor, object: ApiObject) => !isSoftDeleted(descriptor, object);

const renderOne = (d: ResourceDescriptor, account: Account, o: ApiObject) => present(d, o, account.baseUrl);

export function ordered(descriptor: ResourceDescriptor, store: Store, mode: ListMode = 'offset'): ApiObject[] {
  return sortedEntries(descriptor, store, mode).map((e) => e.object);
}

interface CachedOrder {
  version: number;
  entries: SortedEntry[];
}
const orderCache = new WeakMap<Store, Map<string, CachedOrder>>();

/**
 * Every object of the type with its sort key, sorted; kept until the store changes, so paging
 * through a list of n objects sorts once, not once per page. The order of one type can depend on
 * another (triggers on their categories' positions), hence the store-wide version.
 */
function sortedEntries(descriptor: ResourceDescriptor, store: Store, mode: ListMode): SortedEntry[] {
  const useCursorOrder = mode === 'cursor' && descriptor.cursorOrder !== undefined;
  const order = useCursorOrder && descriptor.cursorOrder ? descriptor.cursorOrder : descriptor.listOrder;
  let cache = orderCache.get(store);
  if (!cache) orderCache.set(store, (cache = new Map()));
  const name = `${descriptor.type}:${useCursorOrder ? 'cursor' : 'list'}`;
  const hit = cache.get(name);
  if (hit && hit.version === store.version) return hit.entries;
  const entries = sortEntries(store.all(descriptor.type), (o) => order(o, store));
  cache.set(name, { version: store.version, entries });
  return entries;
}

export function list(
  descriptor: ResourceDescriptor,
  account: Account,
  query: URLSearchParams,
  only: (o: ApiObject) => boolean = () => true,
): ApiResponse {
  const { store } = account;
  // Spec ListGroups `exclude_deleted`: soft-deleted objects are listed only when asked for.
  const visible = (o: ApiObject) => listed(descriptor, o) || query.get('exclude_deleted') === 'false';
  const keep = (o: ApiObject) => visible(o) && only(o) && (descriptor.filter?.(o, query) ?? true);
  return listResponse({
    envelope: plural(descriptor),
    listUrl: `${account.baseUrl}/api/v2/${TYPE_PATHS[descriptor.type]}.json`,
    query,
    supportsCursor: descriptor.pagination === 'cursor',
    ignoresPageParameters: descriptor.pagination === 'none',
    nullCursorsOnLastPage: descriptor.nullCursorsOnLastPage,
    unpaginated: descriptor.unpaginated,
    // Filtering keeps the sorted order; only the objects on the answered page are rendered.
    entries: (mode) => sortedEntries(descriptor, store, mode).filter((e) => keep(e.object)),
    render: (o) => renderOne(descriptor, account, o),
  });
}

export function show(descriptor: ResourceDescriptor, account: Account, segment: string): ApiResponse {
  return json(200, { [descriptor.singular]: renderOne(descriptor, account, find(descriptor, account, segment, true)) });
}

interface Accepted {
  accepted: ApiObject;
  removed: string[];
}

/**
 * Keys outside the type's whitelist are dropped and named in `x-zendesk-api-warn`.
 * Recorded (cassettes, PUT of triggers / automations / views): an empty `conditions.any` is
 * reported as removed too — "Removed restricted keys [\"any\", \"output\"] ...".
 */
function acceptWritable(descriptor: ResourceDescriptor, input: ApiObject, creating: boolean): Accepted {
  const accepted: ApiObject = {};
  const removed: string[] = [];
  for (const [key, value] of Object.entries(input)) {
    // A create-only key on update (a user field's `key`) is ignored like any other, and named.
    if (!descriptor.writable.includes(key) || (!creating && descriptor.createOnly.includes(key))) removed.push(key);
    else accepted[key] = value;
  }
  if (isObject(input.conditions) && descriptor.writable.includes('conditions')) {
    for (const part of ['all', 'any']) {
      const value = input.conditions[part];
      if (Array.isArray(value) && value.length === 0) removed.unshift(part);
    }
  }
  return { accepted, removed };
}

export function warnHeader(removed: string[]): Record<string, string> {
  if (removed.length === 0) return {};
  const keys = removed.map((k) => JSON.stringify(k)).join(', ');
  return { 'X-Zendesk-Api-Warn': `Removed restricted keys [${keys}] from parameters according to whitelist` };
}

function envelopeOf(descriptor: ResourceDescriptor, body: unknown): ApiObject {
  const root = isObject(body) ? body[descriptor.singular] : undefined;
  if (!isObject(root)) throw new ApiError(parameterMissing(descriptor.singular));
  return root;
}

const sameContent = (a: ApiObject, b: ApiObject) => {
  const strip = ({ updated_at: _u, ...rest }: ApiObject) => JSON.stringify(rest);
  return strip(a) === strip(b);
};

function violationsOf(descriptor: ResourceDescriptor, candidate: ApiObject, context: WriteContext): Violation[] {
  const rules = context.strictReferences ? [...descriptor.rules, ...descriptor.referenceRules] : descriptor.rules;
  return rules.flatMap((rule) => rule(candidate, context));
}

/** What an update starts from: the stored object, or (a replacing update) the defaults with its identity and hidden keys. */
function base(descriptor: ResourceDescriptor, context: WriteContext, replace: boolean): ApiObject {
  const { existing } = context;
  if (!existing) return descriptor.template(context);
  if (!replace) return existing;
  const kept = Object.fromEntries(Object.entries(existing).filter(([key]) => !descriptor.writable.includes(key)));
  return { ...descriptor.template(context), ...kept };
}

/** The object a write would store (id, timestamps, position filled in), not yet checked nor stored. */
function build(descriptor: ResourceDescriptor, context: WriteContext, accepted: ApiObject, replace = false): ApiObject {
  const { store, now, existing } = context;
  const prepared = descriptor.prepare ? descriptor.prepare(accepted, context) : accepted;
  const candidate: ApiObject = { ...base(descriptor, context, replace), ...prepared };
  for (const [raw, source] of descriptor.mirrors) if (source in prepared) candidate[raw] = candidate[source];
  if (!existing) {
    if (descriptor.newId) candidate.id = descriptor.newId(store);
    else candidate.id = descriptor.idKind === 'string' ? String(store.newId()) : store.newId();
    candidate.created_at = now;
    if (descriptor.newPosition && typeof prepared.position !== 'number') candidate.position = descriptor.newPosition(store);
  }
  if (!existing || !sameContent(candidate, existing)) candidate.updated_at = now;
  return candidate;
}

/**
 * Stores the object a linked-create key describes (a trigger's `category`) and puts its id in
 * the write; answers how to take it back if the write itself is then refused.
 */
function createLinked(descriptor: ResourceDescriptor, context: WriteContext, accepted: ApiObject): { accepted: ApiObject; undo(): void } {
  const link = descriptor.linkedCreate;
  if (!link || !(link.key in accepted)) return { accepted, undo: () => {} };
  const { [link.key]: given, ...rest } = accepted;
  const refuse = (description: string) => new ApiError(recordInvalid([{ field: link.key, description, error: 'InvalidValue' }]));
  if (!isObject(given)) throw refuse(`${link.key} must be an object`);
  if (link.idKey in rest) throw refuse(`give either ${link.key} or ${link.idKey}, not both`);
  const fields = Object.fromEntries(Object.entries(given).filter(([key]) => link.descriptor.writable.includes(key)));
  const linkedContext = { ...context, existing: undefined };
  const linked = build(link.descriptor, linkedContext, fields);
  const problems = violationsOf(link.descriptor, linked, linkedContext);
  if (problems.length > 0) throw refuse(problems.map((p) => `${link.key}: ${p.description}`).join('; '));
  context.store.put(link.descriptor.type, linked);
  return { accepted: { ...rest, [link.idKey]: linked.id }, undo: () => context.store.delete(link.descriptor.type, String(linked.id)) };
}

/**
 * The one write path: whitelist, linked creates, type hooks, defaults, mirrors, rules, store.
 * `replace`: an update that sets every writable key (webhooks' PUT), not only the given ones.
 */
export function write(descriptor: ResourceDescriptor, account: Account, input: ApiObject, existing?: ApiObject, replace = false) {
  const { store } = account;
  const context: WriteContext = { store, now: store.timestamp(), existing, strictReferences: account.strictReferences, replace };
  const { accepted: whitelisted, removed } = acceptWritable(descriptor, input, !existing);
  const { accepted, undo } = createLinked(descriptor, context, whitelisted);
  const candidate = build(descriptor, context, accepted, replace);
  const violations = violationsOf(descriptor, candidate, context);
  if (violations.length > 0) {
    undo();
    throw invalid(descriptor, violations);
  }
  store.put(descriptor.type, candidate);
  descriptor.afterWrite?.(candidate, store);
  account.changed();
  return { object: candidate, headers: warnHeader(removed) };
}

export function create(descriptor: ResourceDescriptor, account: Account, body: unknown): ApiResponse {
  const { object, headers } = write(descriptor, account, envelopeOf(descriptor, body));
  const rendered = renderOne(descriptor, account, object);
  const location = resourceUrl(account.baseUrl, descriptor.type, object.id);
  return json(descriptor.createStatus, { [descriptor.singular]: rendered }, { ...headers, Location: location });
}

export function update(descriptor: ResourceDescriptor, account: Account, segment: string, body: unknown, replace = false): ApiResponse {
  const existing = find(descriptor, account, segment);
  const { object, headers } = write(descriptor, account, envelopeOf(descriptor, body), existing, replace);
  if (descriptor.updateAnswer === 'empty') return { ...noContent(), headers };
  return json(200, { [descriptor.singular]: renderOne(descriptor, account, object) }, headers);
}

export function remove(descriptor: ResourceDescriptor, account: Account, segment: string): ApiResponse {
  const existing = find(descriptor, account, segment);
  const users = descriptor.refuseDeleteWhileUsed ? usersOf(account, descriptor, existing) : [];
  if (users.length > 0) throw invalid(descriptor, users);
  const refusal = descriptor.beforeDelete?.(existing, account.store);
  if (refusal) return refusal;
  const { softDelete } = descriptor;
  if (softDelete) account.store.put(descriptor.type, { ...existing, [softDelete]: true, updated_at: account.store.timestamp() });
  else account.store.delete(descriptor.type, String(existing.id));
  account.changed();
  return noContent();
}

/**
 * Assumed, no recording: Zendesk refuses to delete an object that a live rule, form or policy
 * still names (each such type is listed in the README), naming every user. Scans the naming
 * types, as deleting a ticket field scans the forms.
 */
function usersOf(account: Account, descriptor: ResourceDescriptor, target: ApiObject): Violation[] {
  const id = String(target.id);
  return account.descriptors.flatMap((other) =>
    other.refersTo
      ? account.store.all(other.type).flatMap((object) =>
          listed(other, object) && other.refersTo!(object).some((r) => r.type === descriptor.type && r.id === id)
            ? [inUse(other, object)]
            : [],
        )
      : [],
  );
}

function inUse(user: ResourceDescriptor, object: ApiObject): Violation {
  const name = String(object.title ?? object.name ?? object.agent_label ?? object.id);
  const description = `Base: is in use by ${user.singular.replace(/_/g, ' ')} "${name}" (id ${String(object.id)})`;
  return { field: 'base', description, error: 'InUse', code: 'InUse', title: description };
}

function idsParameter(query: URLSearchParams): string[] {
  const ids = (query.get('ids') ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (ids.length === 0) throw new ApiError(parameterMissing('ids'));
  return ids;
}

/** `DELETE /{type}/destroy_many?ids=1,2`: all or nothing; an unknown id is a 404. */
export function destroyMany(descriptor: ResourceDescriptor, account: Account, query: URLSearchParams): ApiResponse {
  const targets = idsParameter(query).map((id) => find(descriptor, account, id));
  for (const target of targets) account.store.delete(descriptor.type, String(target.id));
  account.changed();
  return noContent();
}

/** `GET /{type}/show_many?ids=1,2`: the ones that exist, in list order. */
export function showMany(descriptor: ResourceDescriptor, account: Account, query: URLSearchParams): ApiResponse {
  const wanted = new Set(idsParameter(query));
  const found = ordered(descriptor, account.store).filter((o) => wanted.has(String(o.id)));
  return json(200, {
    [plural(descriptor)]: found.map((o) => renderOne(descriptor, account, o)),
    next_page: null,
    previous_page: null,
    count: found.length,
  });
}

/**
 * `PUT /{type}/update_many` with `{"<type>":[{id, position, active, ...}]}`: only the listed keys
 * change ("Any additional properties are ignored", spec PUT /triggers/update_many).
 */
export function updateMany(descriptor: ResourceDescriptor, account: Account, body: unknown): ApiResponse {
  const items = isObject(body) ? body[plural(descriptor)] : undefined;
  if (!Array.isArray(items)) throw new ApiError(parameterMissing(plural(descriptor)));
  const allowed = descriptor.updateMany ?? [];
  const ignored = new Set<string>();
  const changes = items.filter(isObject).map((item) => {
    const existing = find(descriptor, account, String(item.id));
    const picked: ApiObject = {};
    for (const [key, value] of Object.entries(item)) {
      if (allowed.includes(key)) picked[key] = value;
      else if (key !== 'id') ignored.add(key);
    }
    return { existing, input: picked };
  });
  checkAll(descriptor, account, changes);
  const updated = changes.map(({ existing, input }) => write(descriptor, account, input, existing).object);
  return json(200, { [plural(descriptor)]: updated.map((o) => renderOne(descriptor, account, o)) }, warnHeader([...ignored]));
}

/** Validates every change before any is stored, so a bulk write is all or nothing. */
function checkAll(descriptor: ResourceDescriptor, account: Account, changes: Array<{ existing: ApiObject; input: ApiObject }>) {
  const { store } = account;
  const violations = changes.flatMap(({ existing, input }) => {
    const context: WriteContext = { store, now: '', existing, strictReferences: account.strictReferences };
    const prepared = descriptor.prepare ? descriptor.prepare(input, context) : input;
    return violationsOf(descriptor, { ...existing, ...prepared }, context);
  });
  if (violations.length > 0) throw invalid(descriptor, violations);
}

/**
 * `PUT /{type}/reorder` with `{"<type>_ids":[...]}`: the listed objects take the first positions,
 * the rest follow in their current order (spec PUT /ticket_fields/reorder). Positions count from 0.
 */
export function reorder(descriptor: ResourceDescriptor, account: Account, body: unknown, query = new URLSearchParams()): ApiResponse {
  const key = descriptor.reorder ?? '';
  const ids = (isObject(body) ? body[key] : undefined) ?? idsInQuery(query, key);
  if (!Array.isArray(ids)) throw new ApiError(parameterMissing(key));
  const named = ids.map((id) => find(descriptor, account, String(id)));
  const listedIds = new Set(named.map((o) => String(o.id)));
  const rest = ordered(descriptor, account.store).filter((o) => !listedIds.has(String(o.id)));
  const first = descriptor.firstPosition ?? 0;
  [...named, ...rest].forEach((object, index) => {
    const position = first + index;
    if (object.position !== position) {
      account.store.put(descriptor.type, { ...object, position, updated_at: account.store.timestamp() });
    }
  });
  account.changed();
  if (descriptor.reorderAnswer === 'list') {
    // Spec TicketFormsResponse: the list alone, no pagination keys.
    const all = ordered(descriptor, account.store).map((o) => renderOne(descriptor, account, o));
    return json(200, { [plural(descriptor)]: all });
  }
  // Spec: the field reorder endpoints answer 200 with an empty body.
  return { status: 200, text: '' };
}

/** Spec PUT /slas/policies/reorder: `sla_policy_ids` is a query parameter (`1,2` or repeated, `[]` or not). */
function idsInQuery(query: URLSearchParams, key: string): string[] | undefined {
  const values = [...query.getAll(key), ...query.getAll(`${key}[]`)].flatMap((v) => v.split(',')).filter((v) => v !== '');
  return values.length > 0 ? values : undefined;
}
