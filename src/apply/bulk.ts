import type { Change } from '../plan/types.js';
import { DESCRIPTORS } from '../resources/index.js';
import { ZendeskApiError, type ZendeskClient } from '../zendesk/index.js';
import type { ApplyContext } from './context.js';
import { execute } from './operations.js';

/** Zendesk's bulk endpoints take at most 100 ids or objects a call. */
export const BULK_LIMIT = 100;

/** A unit of work: one change, or several that one bulk request carries out together. */
export type WorkItem = { single: Change } | { batch: Change[]; kind: 'destroy_many' | 'deactivate_many' };

/**
 * Deletes and deactivations of business rules go out through `destroy_many` / `update_many`
 * (up to 100 a call) when more than one is ready at once; everything else is one change, one call.
 */
export function groupForBulk(ready: Change[]): WorkItem[] {
  const items: WorkItem[] = [];
  const batches = new Map<string, Change[]>();
  for (const change of ready) {
    const kind = bulkKindOf(change);
    if (!kind) {
      items.push({ single: change });
      continue;
    }
    const key = `${kind} ${change.type}`;
    batches.set(key, [...(batches.get(key) ?? []), change]);
  }
  for (const [key, changes] of batches) {
    const kind = key.split(' ')[0] as 'destroy_many' | 'deactivate_many';
    if (changes.length === 1) items.push({ single: changes[0]! });
    else for (let i = 0; i < changes.length; i += BULK_LIMIT) items.push({ batch: changes.slice(i, i + BULK_LIMIT), kind });
  }
  return items;
}

function bulkKindOf(change: Change): 'destroy_many' | 'deactivate_many' | undefined {
  const bulk = DESCRIPTORS[change.type].bulk;
  if (change.action === 'delete' && bulk.destroyMany) return 'destroy_many';
  if (change.action === 'deactivate' && bulk.updateMany) return 'deactivate_many';
  return undefined;
}

export async function executeBatch(item: Extract<WorkItem, { batch: Change[] }>, client: ZendeskClient, context: ApplyContext): Promise<void> {
  const type = item.batch[0]!.type;
  const { apiPath, plural } = DESCRIPTORS[type];
  const ids = item.batch.map((change) => change.id!);
  const describe = `${item.kind === 'destroy_many' ? 'delete' : 'deactivate'} ${item.batch.length} ${type}`;
  if (item.kind === 'deactivate_many') {
    await client.send('PUT', `${apiPath}/update_many`, { [plural]: ids.map((id) => ({ id, active: false })) }, { describe });
    for (const id of ids) {
      const object = context.byId(type, id);
      if (object) context.remember(type, { ...object, active: false });
    }
    return;
  }
  try {
    await client.send('DELETE', `${apiPath}/destroy_many?ids=${ids.map((id) => encodeURIComponent(String(id))).join(',')}`, undefined, { describe });
    for (const id of ids) context.forget(type, id);
  } catch (failure) {
    // destroy_many is all or nothing and answers 404 if any id is already gone (a retried or
    // repeated apply): delete one by one then, where a 404 counts as done.
    if (!(failure instanceof ZendeskApiError && failure.status === 404)) throw failure;
    for (const change of item.batch) await execute(change, client, context);
  }
}
