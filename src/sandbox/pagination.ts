import { ApiError, errorList, json, type ApiResponse } from './http.js';
import type { ApiObject } from './model.js';
import type { SortValue } from './resources/descriptor.js';

export type ListMode = 'offset' | 'cursor' | 'all' | 'bare';

export interface SortedEntry {
  object: ApiObject;
  key: SortValue[];
}

export interface Listing {
  /** envelope key: `triggers` */
  envelope: string;
  /** absolute URL of the list, `.json` included: links and next_page point here */
  listUrl: string;
  query: URLSearchParams;
  supportsCursor: boolean;
  /** the list has no pagination at all: page parameters are ignored */
  ignoresPageParameters?: boolean;
  /** the answer's shape when the request has no pagination parameter */
  unpaginated: ListMode;
  /** the last cursor page answers null cursors and links (recorded: dynamic content items) */
  nullCursorsOnLastPage?: boolean;
  /** the entries in the order of the given mode */
  entries(mode: ListMode): SortedEntry[];
  /** turns a stored object into the answered one; applied to the objects of the answered page only */
  render?(object: ApiObject): ApiObject;
}

const MAX_PAGE_SIZE = 100;
// README: offset pagination answers 400 past 10,000 records.
const OFFSET_RECORD_LIMIT = 10_000;

export function listResponse(listing: Listing): ApiResponse {
  const mode = chooseMode(listing);
  if (mode === 'cursor') return cursorPage(listing);
  if (mode === 'offset') return offsetPage(listing);
  const objects = rendered(listing, listing.entries('all'));
  if (mode === 'bare') return json(200, { [listing.envelope]: objects });
  return json(200, { [listing.envelope]: objects, next_page: null, previous_page: null, count: objects.length });
}

function chooseMode({ query, supportsCursor, unpaginated, ignoresPageParameters }: Listing): ListMode {
  if (ignoresPageParameters) return unpaginated;
  const hasCursorParam = [...query.keys()].some((k) => k.startsWith('page['));
  if (hasCursorParam && supportsCursor) return 'cursor';
  if (query.has('page') || query.has('per_page') || hasCursorParam) return 'offset';
  return unpaginated;
}

function positiveInt(text: string | null, fallback: number): number {
  const value = text === null ? NaN : Number(text);
  return Number.isInteger(value) && value >= 1 ? value : fallback;
}

function offsetPage(listing: Listing): ApiResponse {
  const page = positiveInt(listing.query.get('page'), 1);
  const perPage = Math.min(positiveInt(listing.query.get('per_page'), MAX_PAGE_SIZE), MAX_PAGE_SIZE);
  if (page * perPage > OFFSET_RECORD_LIMIT) {
    throw new ApiError(
      json(400, {
        error: 'InvalidPaginationParameter',
        description: `Offset pagination is limited to the first ${OFFSET_RECORD_LIMIT} records. Use cursor pagination instead.`,
      }),
    );
  }
  const all = listing.entries('offset');
  const start = (page - 1) * perPage;
  const pageLink = (n: number) => withParams(listing, { page: String(n), per_page: String(perPage) }, ['page', 'per_page']);
  return json(200, {
    [listing.envelope]: rendered(listing, all.slice(start, start + perPage)),
    next_page: start + perPage < all.length ? pageLink(page + 1) : null,
    previous_page: page > 1 ? pageLink(page - 1) : null,
    count: all.length,
  });
}

function cursorPage(listing: Listing): ApiResponse {
  const { query } = listing;
  const size = query.has('page[size]') ? Number(query.get('page[size]')) : MAX_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) throw invalidParameter('page[size]');
  const entries = listing.entries('cursor');
  const after = query.get('page[after]');
  const before = query.get('page[before]');
  let page: SortedEntry[];
  let hasMore: boolean;
  if (before !== null) {
    const bound = decodeCursor(before, 'page[before]');
    // Entries are sorted by key: the ones before the bound are a prefix, the ones after a suffix.
    const earlier = entries.slice(0, firstIndex(entries, (e) => compareKeys(e.key, bound) >= 0));
    page = earlier.slice(-size);
    hasMore = earlier.length > size;
  } else {
    const bound = after === null ? undefined : decodeCursor(after, 'page[after]');
    const later = bound === undefined ? entries : entries.slice(firstIndex(entries, (e) => compareKeys(e.key, bound) > 0));
    page = later.slice(0, size);
    hasMore = later.length > size;
  }
  const first = page[0];
  const last = page[page.length - 1];
  const nullCursors = listing.nullCursorsOnLastPage === true && !hasMore;
  const afterCursor = last && !nullCursors ? encodeCursor(last.key) : null;
  const beforeCursor = first && !nullCursors ? encodeCursor(first.key) : null;
  const cursorLink = (name: string, cursor: string | null) =>
    cursor === null ? null : withParams(listing, { [name]: cursor }, ['page[after]', 'page[before]']);
  return json(200, {
    [listing.envelope]: rendered(listing, page),
    meta: { has_more: hasMore, after_cursor: afterCursor, before_cursor: beforeCursor },
    // Recorded quirk (salto trigger_categories, has_more false): links.next is set whenever the page is
    // not empty, so a client must stop on meta.has_more, never on links.next.
    links: { prev: cursorLink('page[before]', beforeCursor), next: cursorLink('page[after]', afterCursor) },
  });
}

function rendered(listing: Listing, entries: SortedEntry[]): ApiObject[] {
  const render = listing.render;
  return render ? entries.map((e) => render(e.object)) : entries.map((e) => e.object);
}

/** The first index whose entry satisfies `past` (false for a prefix, true for the rest), by bisection. */
function firstIndex(entries: SortedEntry[], past: (entry: SortedEntry) => boolean): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (past(entries[middle]!)) high = middle;
    else low = middle + 1;
  }
  return low;
}

function withParams(listing: Listing, set: Record<string, string>, drop: string[]): string {
  const params = new URLSearchParams();
  for (const [key, value] of listing.query) if (!drop.includes(key) && !(key in set)) params.append(key, value);
  for (const [key, value] of Object.entries(set)) params.set(key, value);
  return `${listing.listUrl}?${params.toString()}`;
}

function invalidParameter(name: string): ApiError {
  return new ApiError(errorList(400, [{ code: 'InvalidPaginationParameter', title: `${name} is not valid` }]));
}

// Cursors look like Zendesk's (base64 JSON {"o": order, "v": value}) and are opaque to clients.
export function encodeCursor(key: SortValue[]): string {
  return Buffer.from(JSON.stringify({ o: 'sort_key', v: key })).toString('base64');
}

function decodeCursor(cursor: string, name: string): SortValue[] {
  try {
    const decoded = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as { v?: unknown };
    const value = decoded.v;
    if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) return value;
  } catch {
    // falls through to the error below
  }
  throw invalidParameter(name);
}

export function compareKeys(a: SortValue[], b: SortValue[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (typeof x !== typeof y) return typeof x === 'number' ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

export function sortEntries(objects: ApiObject[], key: (o: ApiObject) => SortValue[]): SortedEntry[] {
  return objects.map((object) => ({ object, key: key(object) })).sort((a, b) => compareKeys(a.key, b.key));
}
