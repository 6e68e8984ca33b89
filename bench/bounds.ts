// The fewest requests each operation can send against Zendesk's API, from what the instance holds.
// Reads: every list is paged at 100 objects at most (cursor or offset), so a list of n objects
// takes max(1, ceil(n/100)) pages. Users have no list zdctl may read: one search per email the
// files name, and show_many (100 ids a call) for the user ids the live objects hold.
// Writes: Zendesk has no bulk create, and its update_many takes only `active` and `position`,
// so a content change is one write per object.

import { managedTypesOf } from '../src/resources/index.js';

export const PAGE_SIZE = 100;
export const pagesFor = (count: number) => Math.max(1, Math.ceil(count / PAGE_SIZE));

/** The types every instance manages (the opt-in ones are read as lookups unless an instance lists them). */
export const MANAGED: readonly string[] = managedTypesOf([]);

export interface ReadNeeds {
  /** Live objects per managed type (as the list endpoints return them, system fields included). */
  liveCounts: Record<string, number>;
  /** Looked-up types read in full (groups, brands …) and their sizes. */
  lookupCounts: Record<string, number>;
  /** Distinct emails the files name (one users/search each). */
  emails: number;
  /** Distinct user ids live objects hold (users/show_many, 100 a call). */
  userIds: number;
}

export function readLowerBound(needs: ReadNeeds): number {
  const lists = MANAGED.reduce((sum, type) => sum + pagesFor(needs.liveCounts[type] ?? 0), 0);
  const lookups = Object.values(needs.lookupCounts).reduce((sum, count) => sum + pagesFor(count), 0);
  const users = needs.emails + Math.ceil(needs.userIds / PAGE_SIZE);
  return lists + lookups + users;
}

/** Nominal seconds the rate limit alone needs for this many requests. */
export const rateLimitedSeconds = (requests: number, perMinute: number) => (requests * 60) / perMinute;
