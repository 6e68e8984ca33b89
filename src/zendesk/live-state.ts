// Reads the live instance with the fewest requests: one paged list per managed type (page size 100),
// lookups only for the kinds the desired state names, users only by the emails it names and the
// ids the managed objects hold. All lists go out at once; the client bounds how many run together.
import { DESCRIPTORS, isManagedType, type LookupType, type ManagedType, type ReferenceKind, type ResourceDescriptor } from '../resources/index.js';
import { assignIdentities } from '../resources/identity.js';
import { LOOKUP_OF_KIND, type ApiObject, type LiveState } from '../resources/live.js';
import type { ZendeskClient } from './client.js';
import { isLockObject } from './instance-lock.js';
import type { Paging } from './paging.js';

type LookupEndpoint = { path: string; envelope: string; paging: Paging };

/** Where the looked-up types that zdctl never manages are listed, and how Zendesk pages them. */
const PURE_LOOKUP_ENDPOINTS: Readonly<Partial<Record<LookupType, LookupEndpoint>>> = {
  brands: { path: 'brands', envelope: 'brands', paging: 'cursor' },
  targets: { path: 'targets', envelope: 'targets', paging: 'offset' },
};

/** A type an instance may manage (groups kept elsewhere) is looked up through its own descriptor. */
export function lookupEndpointOf(lookup: LookupType): LookupEndpoint {
  const descriptor = isManagedType(lookup) ? DESCRIPTORS[lookup] : undefined;
  const endpoint = descriptor ? { path: descriptor.apiPath, envelope: descriptor.plural, paging: descriptor.paging } : PURE_LOOKUP_ENDPOINTS[lookup];
  if (!endpoint) throw new Error(`no list endpoint known for the look-up ${lookup}`);
  return endpoint;
}

export interface LiveNeeds {
  types: readonly ManagedType[];
  /** Reference kinds the desired state uses; their lookups are read. */
  lookupKinds: ReadonlySet<ReferenceKind>;
  /** Emails named in the desired state. */
  userEmails: readonly string[];
  /** Keep personal macros and views (restricted to one user); by default they are not configuration. */
  includePersonal?: boolean;
  /** Types whose children read per object (a schedule's holidays) are read; default: every type in `types`. */
  childrenFor?: readonly ManagedType[];
  /** User ids found in live objects, to show them as emails (read after the lists). */
  userIdsOf?: (objects: LiveState['objects']) => string[];
}

/** Told of each list as it completes (export shows progress on a TTY). */
export type ListObserver = (list: ManagedType | LookupType, count: number) => void;

export async function readLiveState(client: ZendeskClient, needs: LiveNeeds, onList?: ListObserver): Promise<LiveState> {
  const objects = {} as LiveState['objects'];
  const lookups: LiveState['lookups'] = {};
  // A kind whose type is read as managed objects needs no lookup: its names come with those objects.
  const lookupKinds = [...needs.lookupKinds].filter((kind) => !needs.types.some((type) => DESCRIPTORS[type].referencedAs === kind));
  const lookupTypes = lookupKinds.map((kind) => LOOKUP_OF_KIND[kind]).filter((t): t is Exclude<LookupType, 'users'> => t !== undefined && t !== 'users');
  await Promise.all([
    ...needs.types.map(async (type) => {
      const descriptor = DESCRIPTORS[type];
      // The lock field (instance-lock.ts) is zdctl's own bookkeeping, not configuration: never planned, imported or exported.
      objects[type] = (await client.listAll<ApiObject>(descriptor.apiPath, descriptor.plural, descriptor.paging)).filter((object) => !isLockObject(type, object) && !descriptor.isDeleted?.(object));
      if (!needs.includePersonal && descriptor.isPersonal) objects[type] = objects[type].filter((object) => !descriptor.isPersonal!(object));
      assignIdentities(descriptor, objects[type]);
      if (!needs.childrenFor || needs.childrenFor.includes(type)) await readListedChildren(client, descriptor, objects[type]);
      onList?.(type, objects[type].length);
    }),
    ...[...new Set(lookupTypes)].map(async (lookup) => {
      const endpoint = lookupEndpointOf(lookup);
      lookups[lookup] = await client.listAll<ApiObject>(endpoint.path, endpoint.envelope, endpoint.paging);
      onList?.(lookup, lookups[lookup].length);
    }),
  ]);
  if (needs.lookupKinds.has('User')) {
    lookups.users = await readUsers(client, needs.userEmails, needs.userIdsOf?.(objects) ?? []);
    onList?.('users', lookups.users.length);
  }
  return { objects, lookups };
}

/** Children that the parent's read leaves out (a schedule's holidays): one list read per parent, kept on the parent under their key. */
async function readListedChildren(client: ZendeskClient, descriptor: ResourceDescriptor, parents: ApiObject[]): Promise<void> {
  for (const sub of descriptor.subCollections ?? []) {
    if (sub.read !== 'listed') continue;
    await Promise.all(
      parents.map(async (parent) => {
        parent[sub.key] = await client.listAll<ApiObject>(`${descriptor.apiPath}/${encodeURIComponent(String(parent.id))}/${sub.path}`, sub.plural, 'none');
      }),
    );
  }
}

async function readUsers(client: ZendeskClient, emails: readonly string[], ids: readonly string[]): Promise<ApiObject[]> {
  const byId = new Map<string, ApiObject>();
  const searches = [...new Set(emails.map((e) => e.toLowerCase()))].map((email) => client.get<{ users: ApiObject[] }>('users/search', { query: `email:${email}` }));
  const chunks: string[][] = [];
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 100) chunks.push(unique.slice(i, i + 100));
  const shows = chunks.map((chunk) => client.get<{ users: ApiObject[] }>('users/show_many', { ids: chunk.join(',') }));
  for (const answer of await Promise.all([...searches, ...shows])) for (const user of answer.users ?? []) byId.set(String(user.id), user);
  return [...byId.values()];
}
