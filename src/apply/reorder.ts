import type { ResourceDescriptor } from '../resources/index.js';
import { byPosition, liveKeyOf, type ApiId, type ApiObject } from '../resources/live.js';
import type { Change } from '../plan/types.js';
import type { ZendeskClient } from '../zendesk/index.js';
import { ChangeError } from './change-error.js';
import type { ApplyContext } from './context.js';

const BATCH = 100;


/**
 * Puts the managed objects of a type in `_order.yaml` order, in as few calls as the API allows.
 * Objects no file manages keep their slots: the positions managed objects held are refilled in
 * the desired order, so unmanaged and system objects do not move.
 */
export async function reorder(descriptor: ResourceDescriptor, change: Change, client: ZendeskClient, context: ApplyContext): Promise<void> {
  if (descriptor.ordering.kind === 'trigger_category_jobs') return reorderTriggers(change, client, context);
  const ids = slotOrder(context.objectsOf(descriptor.type).sort(byPosition), change.order!.after as string[], descriptor);
  if (descriptor.ordering.kind === 'reorder') {
    await client.send('PUT', descriptor.ordering.path, { [descriptor.ordering.bodyKey]: ids }, { describe: `reorder ${descriptor.type}` });
    return;
  }
  const moves = ids.map((id, index) => ({ id, position: index + 1 })).filter(({ id, position }) => context.byId(descriptor.type, id)?.position !== position);
  for (let i = 0; i < moves.length; i += BATCH) {
    await client.send('PUT', `${descriptor.apiPath}/update_many`, { [descriptor.apiPath]: moves.slice(i, i + BATCH) }, { describe: `reorder ${descriptor.type}` });
  }
  for (const { id, position } of moves) {
    const object = context.byId(descriptor.type, id);
    if (object) context.remember(descriptor.type, { ...object, position });
  }
}

function slotOrder(liveInOrder: ApiObject[], wanted: string[], descriptor: ResourceDescriptor): ApiId[] {
  const byKey = new Map<string, ApiObject>();
  for (const object of liveInOrder) if (!descriptor.isSystem(object)) byKey.set(liveKeyOf(descriptor, object), object);
  const missing = wanted.filter((key) => !byKey.has(key));
  if (missing.length > 0) throw new ChangeError(`reorder ${descriptor.type}: ${missing.map((m) => `"${m}"`).join(', ')} not found live`);
  const managed = new Set(wanted.map((key) => byKey.get(key)!));
  const queue = wanted.map((key) => byKey.get(key)!.id);
  return liveInOrder.map((object) => (managed.has(object) ? queue.shift()! : object.id));
}

/**
 * Triggers and their categories move in one batch job (`POST /trigger_categories/jobs`):
 * categories to their positions, each trigger to its category and its position within it.
 */
async function reorderTriggers(change: Change, client: ZendeskClient, context: ApplyContext): Promise<void> {
  const wanted = change.order!.after as { category: string; titles: string[] }[];
  const categoryId = (name: string) => {
    const id = context.names.idOf('Category', name);
    if (id === undefined) throw new ChangeError(`reorder triggers: category "${name}" not found live`);
    return id;
  };
  const managedCategories = new Set(wanted.map((c) => String(categoryId(c.category))));
  const unmanagedCategories = context.objectsOf('trigger_categories').filter((c) => !managedCategories.has(String(c.id))).sort(byPosition);
  const categoryItems = [...wanted.map((c) => categoryId(c.category)), ...unmanagedCategories.map((c) => c.id)].map((id, index) => ({ id, position: index + 1 }));

  const triggerItems: { id: ApiId; position: number; category_id: ApiId }[] = [];
  const placed = new Set<string>();
  for (const { category, titles } of wanted) {
    const id = categoryId(category);
    titles.forEach((title, index) => {
      const trigger = context.byKey('triggers', title);
      if (!trigger) throw new ChangeError(`reorder triggers: trigger "${title}" not found live`);
      placed.add(String(trigger.id));
      triggerItems.push({ id: trigger.id, position: index + 1, category_id: id });
    });
  }
  // Triggers no file manages stay in their category, after the managed ones.
  const nextPosition = new Map<string, number>();
  for (const item of triggerItems) nextPosition.set(String(item.category_id), Math.max(nextPosition.get(String(item.category_id)) ?? 0, item.position));
  for (const trigger of context.objectsOf('triggers').filter((t) => !placed.has(String(t.id))).sort(byPosition)) {
    const category = String(trigger.category_id);
    const position = (nextPosition.get(category) ?? 0) + 1;
    nextPosition.set(category, position);
    triggerItems.push({ id: trigger.id, position, category_id: trigger.category_id as ApiId });
  }
  const changedTriggers = triggerItems.filter((item) => {
    const live = context.byId('triggers', item.id);
    return live?.position !== item.position || String(live?.category_id) !== String(item.category_id);
  });
  const changedCategories = categoryItems.filter((item) => context.byId('trigger_categories', item.id)?.position !== item.position);
  await client.send('POST', 'trigger_categories/jobs', { job: { action: 'patch', items: { trigger_categories: changedCategories, triggers: changedTriggers } } }, { describe: 'reorder triggers', idempotent: true });
  for (const item of changedTriggers) context.remember('triggers', { ...context.byId('triggers', item.id)!, position: item.position, category_id: item.category_id });
  for (const item of changedCategories) context.remember('trigger_categories', { ...context.byId('trigger_categories', item.id)!, position: item.position });
}
