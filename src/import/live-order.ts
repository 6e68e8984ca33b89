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

/** Categories by position, each with its triggers by position; undefined when the account has no categories. */
export function liveTriggerOrder(live: LiveState): { category: string; titles: string[] }[] | undefined {
  const categories = [...(live.objects.trigger_categories ?? [])].sort(byPosition);
  if (categories.length === 0) return undefined;
  const triggers = [...(live.objects.triggers ?? [])].sort(byPosition);
  return categories.map((category) => ({
    category: liveKeyOf(DESCRIPTORS.trigger_categories, category),
    titles: triggers.filter((trigger) => String(trigger.category_id) === String(category.id)).map((trigger) => liveKeyOf(DESCRIPTORS.triggers, trigger)),
  }));
}
