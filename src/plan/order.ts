import { isDeepStrictEqual } from 'node:util';
import { DESCRIPTORS, MANAGED_TYPES, typesPlacedBy, type ManagedType, type ResourceDescriptor } from '../resources/index.js';
import { byPosition, type LiveState } from '../resources/live.js';
import type { Matching } from './match.js';
import type { DesiredEntry, DesiredState } from './desired.js';
import type { Change } from './types.js';

type CategoryOrder = { category: string; titles: string[] }[];

/**
 * One reorder change per type whose `_order.yaml` differs from what live would be after the
 * plan's creates (Zendesk appends a new object at the end). Objects no file manages are left
 * out of the comparison: zdctl keeps them after the managed ones.
 */
export function orderChanges(desired: DesiredState, live: LiveState, matching: Matching): Change[] {
  const changes: Change[] = [];
  for (const type of MANAGED_TYPES) {
    const wanted = desired.orders[type];
    if (!wanted) continue;
    const expected = DESCRIPTORS[type].ordering.kind === 'categories' ? expectedCategorizedOrder(DESCRIPTORS[type], desired, live, matching) : expectedListOrder(type, desired, live, matching);
    if (isDeepStrictEqual(expected, wanted) && !createOrderUnknown(type, desired, matching)) continue;
    changes.push({
      address: type,
      type,
      action: 'reorder',
      key: type,
      order: { before: expected, after: wanted },
      reason: `${type}/_order.yaml differs from the live order`,
      depends_on: [],
    });
  }
  return changes;
}

/**
 * Zendesk appends each new object at the end, in the order the creates arrive; apply runs
 * creates concurrently, so with two or more new objects of a type placed by one order file (triggers:
 * or of their categories) their order among themselves is known only after apply: the reorder must run.
 */
function createOrderUnknown(type: ManagedType, desired: DesiredState, matching: Matching): boolean {
  const creates = (of: ManagedType) => desired.objects[of].filter((entry) => !matching.live.has(entry)).length;
  return typesPlacedBy(DESCRIPTORS[type]).some((placed) => creates(placed) >= 2);
}


/** Managed objects in live order under their desired keys, then the ones this plan creates. */
function expectedListOrder(type: ManagedType, desired: DesiredState, live: LiveState, matching: Matching): string[] {
  const desiredKeyOfLive = new Map([...matching.live].filter(([entry]) => entry.type === type).map(([entry, object]) => [object, entry.key]));
  // Built-in objects keep their slots (as unmanaged ones do), even when a file edits them.
  const existing = [...(live.objects[type] ?? [])]
    .filter((object) => !DESCRIPTORS[type].isSystem(object))
    .sort(byPosition)
    .map((object) => desiredKeyOfLive.get(object))
    .filter((key): key is string => key !== undefined);
  const created = desired.objects[type].filter((entry) => !matching.live.has(entry) && !DESCRIPTORS[type].isSystem(entry.object)).map((entry) => entry.key);
  return [...existing, ...created];
}

/** Categories in expected order, each with the members it will hold live, in the order they will have. */
function expectedCategorizedOrder(members: ResourceDescriptor, desired: DesiredState, live: LiveState, matching: Matching): CategoryOrder {
  if (members.ordering.kind !== 'categories') return [];
  const { categoryType, categoryKey } = members.ordering;
  const categories = expectedListOrder(categoryType, desired, live, matching);
  const categoryNameOfId = new Map<string, string>();
  for (const [entry, object] of matching.live) if (entry.type === categoryType) categoryNameOfId.set(String(object.id), entry.key);
  const titles = new Map<string, string[]>(categories.map((name) => [name, []]));
  const prefix = `${DESCRIPTORS[categoryType].referencedAs}: `;
  const desiredCategoryOf = (entry: DesiredEntry) => String(entry.object[categoryKey] ?? '').replace(prefix, '');
  const liveMembers = [...matching.live].filter(([entry]) => entry.type === members.type).sort(([, a], [, b]) => byPosition(a, b));
  const moved: DesiredEntry[] = [];
  for (const [entry, object] of liveMembers) {
    const liveCategory = categoryNameOfId.get(String(object[categoryKey]));
    // A member that changes category lands at the end of its new one, like a new member.
    if (liveCategory === undefined || liveCategory !== desiredCategoryOf(entry)) moved.push(entry);
    else titles.get(liveCategory)?.push(entry.key);
  }
  const created = desired.objects[members.type].filter((entry) => !matching.live.has(entry));
  for (const entry of [...moved, ...created]) titles.get(desiredCategoryOf(entry))?.push(entry.key);
  return categories.map((category) => ({ category, titles: titles.get(category) ?? [] }));
}
