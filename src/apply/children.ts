import { isDeepStrictEqual } from 'node:util';
import { comparableChildren } from '../resources/file-form.js';
import type { ApiId, ApiObject } from '../resources/live.js';
import type { SubCollection } from '../resources/types.js';

export interface ChildWrite {
  method: 'POST' | 'PUT' | 'DELETE';
  /** The child's id, for a PUT or DELETE. */
  id?: ApiId;
  body?: Record<string, unknown>;
  /** The child's match key value, for messages. */
  match: string;
}

/**
 * The writes that turn the live children into the desired ones, matched by `matchKey`: creates,
 * then updates, then deletes, so a new default exists before the old one loses the flag or goes;
 * the child that takes the sole flag is written first, and the flag is never sent as false.
 */
export function childWrites(sub: SubCollection, desired: readonly Record<string, unknown>[], live: readonly ApiObject[]): ChildWrite[] {
  const matchOf = (child: Record<string, unknown>) => String(child[sub.matchKey]);
  const liveByMatch = new Map(live.map((child) => [matchOf(child), child]));
  const desiredMatches = new Set(desired.map(matchOf));
  const body = (child: Record<string, unknown>) => {
    const filled: Record<string, unknown> = { ...sub.defaults, ...child };
    if (sub.soleFlag !== undefined && filled[sub.soleFlag] === false) delete filled[sub.soleFlag];
    return filled;
  };
  const takesFlagFirst = (a: Record<string, unknown>, b: Record<string, unknown>) => (sub.soleFlag ? Number(b[sub.soleFlag] === true) - Number(a[sub.soleFlag] === true) : 0);
  const creates = desired.filter((child) => !liveByMatch.has(matchOf(child))).sort(takesFlagFirst);
  const updates = desired
    .filter((child) => {
      const had = liveByMatch.get(matchOf(child));
      return had !== undefined && !isDeepStrictEqual(comparableChildren(sub, [child]), comparableChildren(sub, [had]));
    })
    .sort(takesFlagFirst);
  const deletes = live.filter((child) => !desiredMatches.has(matchOf(child)));
  return [
    ...creates.map((child): ChildWrite => ({ method: 'POST', body: body(child), match: matchOf(child) })),
    ...updates.map((child): ChildWrite => ({ method: 'PUT', id: liveByMatch.get(matchOf(child))!.id, body: body(child), match: matchOf(child) })),
    ...deletes.map((child): ChildWrite => ({ method: 'DELETE', id: child.id, match: matchOf(child) })),
  ];
}
