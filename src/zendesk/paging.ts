// Reading a whole collection. Cursor paging asks for page[size]=100 and follows
// meta.after_cursor while meta.has_more is true; links.next is ignored, because Zendesk may leave
// it non-null on the last page. Offset paging asks for per_page=100 and follows next_page, which
// must stay on the same API base (credentials never go elsewhere).
import { UnexpectedAnswerError } from './errors.js';
import type { Query } from './request.js';

export type Paging = 'cursor' | 'offset' | 'none';

export type GetJson = (path: string, query: Query) => Promise<unknown>;

export const PAGE_SIZE = 100;

export async function listAll<T>(getJson: GetJson, apiBaseUrl: string, path: string, envelopeKey: string, paging: Paging): Promise<T[]> {
  switch (paging) {
    case 'none':
      return itemsOf<T>(await getJson(path, {}), envelopeKey, path);
    case 'cursor':
      return listByCursor<T>(getJson, apiBaseUrl, path, envelopeKey);
    case 'offset':
      return listByOffset<T>(getJson, apiBaseUrl, path, envelopeKey);
  }
}

async function listByCursor<T>(getJson: GetJson, apiBaseUrl: string, path: string, envelopeKey: string): Promise<T[]> {
  const items: T[] = [];
  const seenCursors = new Set<string>();
  let query: Query = { 'page[size]': PAGE_SIZE };
  for (;;) {
    const page = await getJson(path, query);
    items.push(...itemsOf<T>(page, envelopeKey, path));
    // Recorded answers (salto mock replies) show Zendesk answering page[size] with the offset shape
    // (next_page, count) on some endpoints: follow next_page then, rather than stop after 100.
    if (isRecord(page) && !isRecord(page.meta) && typeof page.next_page === 'string') {
      return [...items, ...(await listByOffset<T>(getJson, apiBaseUrl, path, envelopeKey, page.next_page))];
    }
    const after = nextCursorOf(page, path);
    if (after === undefined) return items;
    if (seenCursors.has(after)) throw new UnexpectedAnswerError(`GET ${path}: Zendesk returned the cursor ${JSON.stringify(after)} twice; stopping to avoid a loop`);
    seenCursors.add(after);
    query = { 'page[size]': PAGE_SIZE, 'page[after]': after };
  }
}

/** The cursor of the next page, or undefined on the last page (meta.has_more is not true). */
function nextCursorOf(page: unknown, path: string): string | undefined {
  const meta = isRecord(page) && isRecord(page.meta) ? page.meta : undefined;
  if (meta?.has_more !== true) return undefined;
  if (typeof meta.after_cursor !== 'string' || meta.after_cursor === '') {
    throw new UnexpectedAnswerError(`GET ${path}: Zendesk said meta.has_more is true but gave no meta.after_cursor`);
  }
  return meta.after_cursor;
}

async function listByOffset<T>(getJson: GetJson, apiBaseUrl: string, path: string, envelopeKey: string, startAt?: string): Promise<T[]> {
  const items: T[] = [];
  const seenPages = new Set<string>();
  let location: { path: string; query: Query } = startAt ? locationInsideApi(startAt, apiBaseUrl, path) : { path, query: { per_page: PAGE_SIZE, page: 1 } };
  for (;;) {
    const page = await getJson(location.path, location.query);
    items.push(...itemsOf<T>(page, envelopeKey, path));
    const next = isRecord(page) ? page.next_page : undefined;
    if (next === null || next === undefined || next === '') return items;
    if (typeof next !== 'string') throw new UnexpectedAnswerError(`GET ${path}: next_page is not a URL: ${JSON.stringify(next)}`);
    if (seenPages.has(next)) throw new UnexpectedAnswerError(`GET ${path}: Zendesk returned next_page ${next} twice; stopping to avoid a loop`);
    seenPages.add(next);
    location = locationInsideApi(next, apiBaseUrl, path);
  }
}

/** Splits an absolute next_page URL into a path relative to /api/v2 and its query, refusing other hosts. */
export function locationInsideApi(absolute: string, apiBaseUrl: string, listedPath: string): { path: string; query: Query } {
  const base = new URL(`${apiBaseUrl}/`);
  let url: URL;
  try {
    url = new URL(absolute, base);
  } catch {
    throw new UnexpectedAnswerError(`GET ${listedPath}: next_page is not a URL: ${JSON.stringify(absolute)}`);
  }
  if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname)) {
    throw new UnexpectedAnswerError(`GET ${listedPath}: next_page ${absolute} points outside ${apiBaseUrl}; not following it with your credentials`);
  }
  return { path: url.pathname.slice(base.pathname.length), query: Object.fromEntries(url.searchParams) };
}

function itemsOf<T>(page: unknown, envelopeKey: string, path: string): T[] {
  const items = isRecord(page) ? page[envelopeKey] : undefined;
  if (!Array.isArray(items)) {
    throw new UnexpectedAnswerError(`GET ${path}: expected a list under "${envelopeKey}" in Zendesk's answer, found ${describeKeys(page)}`);
  }
  return items as T[];
}

function describeKeys(page: unknown): string {
  if (!isRecord(page)) return page === undefined ? 'an empty answer' : `a ${typeof page}`;
  const keys = Object.keys(page);
  return keys.length > 0 ? `keys ${keys.map((key) => `"${key}"`).join(', ')}` : 'an empty object';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
