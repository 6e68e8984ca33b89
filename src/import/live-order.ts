import { byPosition } from '../resources/live.js';
import { DESCRIPTORS, type ResourceDescriptor } from '../resources/index.js';
import { liveKeyOf, type LiveState } from '../resources/live.js';

/**
 * The order of a type as Zendesk holds it, in the form `_order.yaml` and a desired state take it.
 * Used by import (to write `_order.yaml`) and restore (a snapshot's positions become its order).
 */
export function liveListOrder(live: LiveState, descriptor: ResourceDescriptor): string[] {
  return (live.objects[descriptor.type] ?? [])
    .filter((object) => !descriptor.isSystem(object))
    .sort(byPosition)
    .map((object) => liveKeyOf(descriptor, object));
}

/**
 * For a type ordered in categories (triggers): categories by position, each with its members by
 * position; undefined when the account has no categories.
 */
export function liveCategorizedOrder(live: LiveState, members: ResourceDescriptor): { category: string; titles: string[] }[] | undefined {
  const ordering = members.ordering;
  if (ordering.kind !== 'categories') return undefined;
  const categoryDescriptor = DESCRIPTORS[ordering.categoryType];
  const categories = [...(live.objects[ordering.categoryType] ?? [])].sort(byPosition);
  if (categories.length === 0) return undefined;
  const inOrder = [...(live.objects[members.type] ?? [])].sort(byPosition);
  return categories.map((category) => ({
    category: liveKeyOf(categoryDescriptor, category),
    titles: inOrder.filter((member) => String(member[ordering.categoryKey]) === String(category.id)).map((member) => liveKeyOf(members, member)),
  }));
}
