import { assignIdentities, setIdentity } from '../resources/identity.js';
import { answeredForm, fileToApi } from '../resources/file-form.js';
import { DESCRIPTORS, type ResourceDescriptor } from '../resources/index.js';
import { liveKeyOf, type ApiId, type ApiObject } from '../resources/live.js';
import { describeReference } from '../resources/references.js';
import type { Change } from '../plan/types.js';
import { UncertainWriteError, ZendeskApiError, type ZendeskClient } from '../zendesk/index.js';
import type { ApplyContext } from './context.js';
import { reorder } from './reorder.js';
import { ChangeError } from './change-error.js';
import { childWrites } from './children.js';


const MAX_CREATE_ATTEMPTS = 3;

/** Carries out one change; returns the id of the object it wrote. */
export async function execute(change: Change, client: ZendeskClient, context: ApplyContext): Promise<ApiId | undefined> {
  const descriptor = DESCRIPTORS[change.type];
  switch (change.action) {
    case 'create':
      return create(descriptor, change, client, context);
    case 'update':
    case 'deactivate':
      return update(descriptor, change, client, context);
    case 'delete':
      return remove(descriptor, change, client, context);
    case 'reorder':
      await reorder(descriptor, change, client, context);
      return undefined;
  }
}

function describe(change: Change): string {
  return `${change.action} ${change.address}`;
}

/** The body of a write with names as ids; secrets still as the names of their variables (see withSecrets). */
function payloadOf(descriptor: ResourceDescriptor, change: Change, context: ApplyContext, keys?: readonly string[]): Record<string, unknown> {
  const source = keys ? Object.fromEntries(keys.map((k) => [k, change.after?.[k]])) : (change.after ?? {});
  const { payload, missing } = fileToApi(descriptor, source, context.names);
  if (missing.length > 0) {
    throw new ChangeError(`${describe(change)}: ${missing.map(describeReference).join(', ')} not found live (was the change that creates it skipped?)`);
  }
  return payload;
}

/** The body as sent: each variable a secret is named by, replaced by its value, read only now. */
function withSecrets(descriptor: ResourceDescriptor, change: Change, payload: Record<string, unknown>, context: ApplyContext): Record<string, unknown> {
  if (!descriptor.secrets) return payload;
  return descriptor.secrets.reveal(payload, (variable) => {
    const value = context.secret(variable);
    // apply checks every variable before its first write; one unset since is still never sent empty.
    if (value === undefined) throw new ChangeError(`${describe(change)}: the environment variable $${variable} is not set`);
    return value;
  });
}

/** Keys written apart from the object's own create or update: separate endpoints, and children not sent with it. */
function keysApart(descriptor: ResourceDescriptor, creating: boolean): string[] {
  const children = (descriptor.subCollections ?? []).filter((sub) => !creating || !sub.createdWithParent).map((sub) => sub.key);
  return [...(descriptor.separateKeys ?? []).map((separate) => separate.key), ...children];
}

const objectPath = (descriptor: ResourceDescriptor, id: ApiId): string => `${descriptor.apiPath}/${encodeURIComponent(String(id))}`;

async function create(descriptor: ResourceDescriptor, change: Change, client: ZendeskClient, context: ApplyContext): Promise<ApiId> {
  const apart = keysApart(descriptor, true);
  const keys = Object.keys(change.after ?? {}).filter((key) => !apart.includes(key));
  const id = await createObject(descriptor, change, client, context, keys);
  await writeApart(descriptor, change, client, context, id, Object.keys(change.after ?? {}).filter((key) => apart.includes(key)));
  return id;
}

async function createObject(descriptor: ResourceDescriptor, change: Change, client: ZendeskClient, context: ApplyContext, keys: readonly string[]): Promise<ApiId> {
  const body = { [descriptor.singular]: withSecrets(descriptor, change, payloadOf(descriptor, change, context, keys), context) };
  for (let attempt = 1; ; attempt++) {
    try {
      const answer = await client.send<Record<string, ApiObject>>('POST', descriptor.apiPath, body, { describe: describe(change) });
      const created = answer.body?.[descriptor.singular];
      if (!created) throw new ChangeError(`${describe(change)}: Zendesk answered ${answer.status} without the ${descriptor.singular}`);
      setIdentity(descriptor, created, change.key);
      context.remember(change.type, created);
      return created.id;
    } catch (failure) {
      if (!(failure instanceof UncertainWriteError) || attempt >= MAX_CREATE_ATTEMPTS) throw failure;
      // The answer was lost: the object may exist now. Look before sending it again, so nothing is created twice.
      const existing = await findLive(descriptor, change.key, client);
      if (existing) {
        setIdentity(descriptor, existing, change.key);
        context.remember(change.type, existing);
        return existing.id;
      }
    }
  }
}

async function findLive(descriptor: ResourceDescriptor, key: string, client: ZendeskClient): Promise<ApiObject | undefined> {
  const objects = (await client.listAll<ApiObject>(descriptor.apiPath, descriptor.plural, descriptor.paging)).filter((object) => !descriptor.isDeleted?.(object));
  assignIdentities(descriptor, objects);
  return objects.find((o) => !descriptor.isSystem(o) && liveKeyOf(descriptor, o) === key);
}

async function update(descriptor: ResourceDescriptor, change: Change, client: ZendeskClient, context: ApplyContext): Promise<ApiId> {
  const id = change.id!;
  const live = context.byId(change.type, id);
  const apart = keysApart(descriptor, false);
  const changed = change.changed_keys ?? [];
  const own = changed.filter((key) => !apart.includes(key));
  if (own.length > 0) {
    const payload = payloadOf(descriptor, change, context, own);
    if (Array.isArray(payload.custom_field_options)) payload.custom_field_options = withLiveOptionIds(payload.custom_field_options, live);
    const answer = await client.send<Record<string, ApiObject>>(descriptor.updateMethod, objectPath(descriptor, id), { [descriptor.singular]: withSecrets(descriptor, change, payload, context) }, { describe: describe(change) });
    // Some types answer an update with no body (webhooks: 204): what was sent is what is live now.
    const updated = answer.body?.[descriptor.singular] ?? (live ? { ...live, ...answeredForm(descriptor, payload), id } : undefined);
    if (updated) {
      setIdentity(descriptor, updated, change.key);
      context.remember(change.type, updated);
    }
  }
  await writeApart(descriptor, change, client, context, id, changed.filter((key) => apart.includes(key)), live);
  return id;
}

/** The separate endpoints' keys, then the children, of an object just created or updated. */
async function writeApart(descriptor: ResourceDescriptor, change: Change, client: ZendeskClient, context: ApplyContext, id: ApiId, keys: readonly string[], live?: ApiObject): Promise<void> {
  for (const separate of descriptor.separateKeys ?? []) {
    if (!keys.includes(separate.key)) continue;
    const payload = payloadOf(descriptor, change, context, [separate.key]);
    await client.send('PUT', `${objectPath(descriptor, id)}/${separate.path}`, { [separate.envelope]: { [separate.key]: payload[separate.key] } }, { describe: describe(change) });
  }
  for (const sub of descriptor.subCollections ?? []) {
    if (!keys.includes(sub.key)) continue;
    const desired = payloadOf(descriptor, change, context, [sub.key])[sub.key];
    const liveChildren = live && Array.isArray(live[sub.key]) ? (live[sub.key] as ApiObject[]) : [];
    for (const write of childWrites(sub, Array.isArray(desired) ? (desired as Record<string, unknown>[]) : [], liveChildren)) {
      const path = `${objectPath(descriptor, id)}/${sub.path}${write.id === undefined ? '' : `/${encodeURIComponent(String(write.id))}`}`;
      await client.send(write.method, path, write.body === undefined ? undefined : { [sub.singular]: write.body }, { describe: `${describe(change)} (${sub.singular} ${write.match})` });
    }
  }
}

/**
 * Zendesk replaces the whole option set on a PUT; an option sent without its id is a new option.
 * Options whose value (tag) is unchanged keep their id, so a rename stays a rename.
 */
function withLiveOptionIds(options: Record<string, unknown>[], live: ApiObject | undefined): Record<string, unknown>[] {
  const liveOptions = (live?.custom_field_options as { id: ApiId; value: unknown }[] | undefined) ?? [];
  const idByValue = new Map(liveOptions.map((o) => [String(o.value), o.id]));
  return options.map((option) => {
    const id = idByValue.get(String(option.value));
    return id === undefined ? option : { id, ...option };
  });
}

async function remove(descriptor: ResourceDescriptor, change: Change, client: ZendeskClient, context: ApplyContext): Promise<ApiId> {
  const id = change.id!;
  try {
    await client.send('DELETE', objectPath(descriptor, id), undefined, { describe: describe(change) });
  } catch (failure) {
    // Already gone (an earlier run got this far): the goal is reached.
    if (!(failure instanceof ZendeskApiError && failure.status === 404)) throw failure;
  }
  context.forget(change.type, id);
  return id;
}
