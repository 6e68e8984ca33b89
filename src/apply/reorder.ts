import { DESCRIPTORS, type ResourceDescriptor } from '../resources/index.js';
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
  const ordering = descriptor.ordering;
  switch (ordering.kind) {
    case 'none':
      throw new ChangeError(`reorder ${descriptor.type}: Zendesk keeps no order of ${descriptor.type}`);
    case 'categories':
      return reorderCategorized(descriptor, DESCRIPTORS[ordering.categoryType], ordering.jobPath, change.order!.after as CategoryOrder, client, context);
    case 'category_of':
      return reorderCategorized(DESCRIPTORS[ordering.memberType], descriptor, ordering.jobPath, (change.order!.after as string[]).map((category) => ({ category, titles: [] })), client, context, false);
    case 'reorder_endpoint': {
      const ids = slotOrder(context.objectsOf(descriptor.type).sort(byPosition), change.order!.after as string[], descriptor);
      await client.send('PUT', ordering.path, { [ordering.bodyKey]: ids }, { describe: `reorder ${descriptor.type}` });
      return;
    }
    case 'position_list':
      return reorderByPositions(descriptor, change, client, context);
  }
}

async function reorderByPositions(descriptor: ResourceDescriptor, change: Change, client: ZendeskClient, context: ApplyContext): Promise<void> {
  const ids = slotOrder(context.objectsOf(descriptor.type).sort(byPosition), change.order!.after as string[], descriptor);
  const moves = ids.map((id, index) => ({ id, position: index + 1 })).filter(({ id, position }) => context.byId(descriptor.type, id)?.position !== position);
  for (let i = 0; i < moves.length; i += BATCH) {
    await client.send('PUT', `${descriptor.apiPath}/update_many`, { [descriptor.plural]: moves.slice(i, i + BATCH) }, { describe: `reorder ${descriptor.type}` });
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

type CategoryOrder = { category: string; titles: string[] }[];
type MemberPlace = { id: ApiId; position: number; category: ApiId };

/**
 * Members and their categories move in one batch job (triggers: `POST /trigger_categories/jobs`):
 * categories to their positions, each member to its category and its position within it. With
 * `placeMembers` false (only the categories' own order file) members keep their places.
 */
async function reorderCategorized(members: ResourceDescriptor, categories: ResourceDescriptor, jobPath: string, wanted: CategoryOrder, client: ZendeskClient, context: ApplyContext, placeMembers = true): Promise<void> {
  const ordering = members.ordering;
  if (ordering.kind !== 'categories') throw new ChangeError(`reorder ${members.type}: not ordered in categories`);
  const categoryKey = ordering.categoryKey;
  const describe = `reorder ${placeMembers ? members.type : categories.type}`;
  const categoryId = (name: string) => {
    const id = context.byKey(categories.type, name)?.id;
    if (id === undefined) throw new ChangeError(`${describe}: ${categories.singular.replace(/_/g, ' ')} "${name}" not found live`);
    return id;
  };
  const managedCategories = new Set(wanted.map((c) => String(categoryId(c.category))));
  const unmanagedCategories = context.objectsOf(categories.type).filter((c) => !managedCategories.has(String(c.id))).sort(byPosition);
  const categoryItems = [...wanted.map((c) => categoryId(c.category)), ...unmanagedCategories.map((c) => c.id)].map((id, index) => ({ id, position: index + 1 }));
  const memberItems = placeMembers ? memberPlaces(members, categoryKey, wanted, categoryId, describe, context) : [];

  const changedMembers = memberItems.filter((item) => {
    const live = context.byId(members.type, item.id);
    return live?.position !== item.position || String(live?.[categoryKey]) !== String(item.category);
  });
  const changedCategories = categoryItems.filter((item) => context.byId(categories.type, item.id)?.position !== item.position);
  const memberBody = changedMembers.map((item) => ({ id: item.id, position: item.position, [categoryKey]: item.category }));
  await client.send('POST', jobPath, { job: { action: 'patch', items: { [categories.plural]: changedCategories, [members.plural]: memberBody } } }, { describe, idempotent: true });
  for (const item of changedMembers) context.remember(members.type, { ...context.byId(members.type, item.id)!, position: item.position, [categoryKey]: item.category });
  for (const item of changedCategories) context.remember(categories.type, { ...context.byId(categories.type, item.id)!, position: item.position });
}

/** Each managed member at its place in its category; members no file manages stay in their category, after the managed ones. */
function memberPlaces(members: ResourceDescriptor, categoryKey: string, wanted: CategoryOrder, categoryId: (name: string) => ApiId, describe: string, context: ApplyContext): MemberPlace[] {
  const items: MemberPlace[] = [];
  const placed = new Set<string>();
  for (const { category, titles } of wanted) {
    const id = categoryId(category);
    titles.forEach((title, index) => {
      const member = context.byKey(members.type, title);
      if (!member) throw new ChangeError(`${describe}: ${members.singular.replace(/_/g, ' ')} "${title}" not found live`);
      placed.add(String(member.id));
      items.push({ id: member.id, position: index + 1, category: id });
    });
  }
  const nextPosition = new Map<string, number>();
  for (const item of items) nextPosition.set(String(item.category), Math.max(nextPosition.get(String(item.category)) ?? 0, item.position));
  for (const member of context.objectsOf(members.type).filter((m) => !placed.has(String(m.id))).sort(byPosition)) {
    const category = String(member[categoryKey]);
    const position = (nextPosition.get(category) ?? 0) + 1;
    nextPosition.set(category, position);
    items.push({ id: member.id, position, category: member[categoryKey] as ApiId });
  }
  return items;
}
