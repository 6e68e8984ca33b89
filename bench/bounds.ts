// The fewest requests each operation can send against Zendesk's API, from what the instance holds.
// Reads: every list is paged at 100 objects at most (cursor or offset), so a list of n objects
// takes max(1, ceil(n/100)) pages; a list Zendesk answers whole (no pagination: custom statuses,
// schedules, SLA policies) takes one request. Children that the parent's read leaves out (a
// schedule's holidays) take one list per parent. Users have no list zdctl may read: one search
// per email the files name, and show_many (100 ids a call) for the user ids the live objects hold.
// Writes: Zendesk has no bulk create, and its update_many takes only `active` and `position`,
// so a content change is one write per object; an object whose keys go to endpoints of their own
// (a schedule's workweek, each holiday) takes one write more for each.

import { DESCRIPTORS, managedTypesOf, type ManagedType, type ResourceDescriptor } from '../src/resources/index.js';
import { lookupEndpointOf } from '../src/zendesk/live-state.js';
import type { LookupType } from '../src/resources/index.js';
import type { Paging } from '../src/zendesk/paging.js';
import { INSTANCE_CONFIG } from './generate.js';

export const PAGE_SIZE = 100;
export const pagesFor = (count: number) => Math.max(1, Math.ceil(count / PAGE_SIZE));
const listRequests = (paging: Paging, count: number) => (paging === 'none' ? 1 : pagesFor(count));

/** The types the bench instance manages: every always-managed type and the opt-in ones its instance.yaml lists. */
export const MANAGED: readonly ManagedType[] = managedTypesOf(INSTANCE_CONFIG.manage);

export type LookupList = Exclude<LookupType, 'users'>;

export interface ReadNeeds {
  /** Live objects per listed managed type (as the list endpoints return them, system objects included). */
  liveCounts: Partial<Record<ManagedType, number>>;
  /** Looked-up types read in full (brands …) and their sizes. */
  lookupCounts: Partial<Record<LookupList, number>>;
  /** Distinct emails the files name (one users/search each). */
  emails: number;
  /** Distinct user ids live objects hold (users/show_many, 100 a call). */
  userIds: number;
  /** Account settings read once each (restore checks a dynamic content variant's locale against `GET /locales`). */
  settingLists?: number;
}

/** Per parent, the lists of children its read leaves out (a schedule's holidays: one). */
const listedChildLists = (descriptor: ResourceDescriptor) => (descriptor.subCollections ?? []).filter((sub) => sub.read === 'listed').length;

export function readLowerBound(needs: ReadNeeds): number {
  const counted = Object.entries(needs.liveCounts) as [ManagedType, number][];
  const lists = counted.reduce((sum, [type, count]) => sum + listRequests(DESCRIPTORS[type].paging, count), 0);
  const children = counted.reduce((sum, [type, count]) => sum + listedChildLists(DESCRIPTORS[type]) * count, 0);
  const lookups = (Object.entries(needs.lookupCounts) as [LookupList, number][]).reduce((sum, [type, count]) => sum + listRequests(lookupEndpointOf(type).paging, count), 0);
  const users = needs.emails + Math.ceil(needs.userIds / PAGE_SIZE);
  return lists + children + lookups + users + (needs.settingLists ?? 0);
}

/**
 * Writes that create one object as a file holds it: its POST, one write per key Zendesk takes at an
 * endpoint of its own (a schedule's workweek), one per child not created with the parent (each holiday).
 */
export function createWrites(type: ManagedType, data: Record<string, unknown>): number {
  const descriptor = DESCRIPTORS[type];
  const apart = (descriptor.separateKeys ?? []).filter((separate) => data[separate.key] !== undefined).length;
  const children = (descriptor.subCollections ?? []).filter((sub) => !sub.createdWithParent).reduce((sum, sub) => sum + (Array.isArray(data[sub.key]) ? (data[sub.key] as unknown[]).length : 0), 0);
  return 1 + apart + children;
}

/** Nominal seconds the rate limit alone needs for this many requests. */
export const rateLimitedSeconds = (requests: number, perMinute: number) => (requests * 60) / perMinute;
