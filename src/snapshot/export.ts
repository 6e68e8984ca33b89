// Export: the whole live instance as a snapshot folder, read with list pages only.
import { liveUserIds } from '../plan/needs.js';
import { LOOKUP_OF_KIND, type LiveState } from '../resources/live.js';
import { LOOKUP_TYPES, MANAGED_TYPES, type ManagedType, type ReferenceKind } from '../resources/index.js';
import type { ZendeskClient } from '../zendesk/index.js';
import { readLiveState, type ListObserver } from '../zendesk/live-state.js';
import type { SnapshotManifest } from './format.js';
import { writeSnapshot } from './write.js';

/** Every looked-up kind: a snapshot must read back as names wherever the instance it came from could. */
const ALL_LOOKUP_KINDS: ReadonlySet<ReferenceKind> = new Set(Object.keys(LOOKUP_OF_KIND) as ReferenceKind[]);

/**
 * Everything a snapshot holds: one paged list per managed type (fields come with their options),
 * one per looked-up type, and the users the objects name, by id (`users/show_many`, 100 a request).
 */
export function readWholeInstance(client: ZendeskClient, onList?: ListObserver, includePersonal = false, childrenFor?: readonly ManagedType[]): Promise<LiveState> {
  return readLiveState(client, { types: MANAGED_TYPES, lookupKinds: ALL_LOOKUP_KINDS, userEmails: [], userIdsOf: liveUserIds, includePersonal, ...(childrenFor ? { childrenFor } : {}) }, onList);
}

export interface ExportRequest {
  instance: string;
  subdomain: string;
  /** Set when reading from another URL than the instance's own (recorded in the manifest). */
  baseUrl?: string;
  zdctlVersion: string;
  /** The snapshot folder to create; it must not exist. */
  target: string;
  now?: Date;
  onList?: ListObserver;
  /** Personal macros and views too (instance.yaml `personal: include`). */
  includePersonal?: boolean;
}

/** Reads the whole instance, then writes the snapshot atomically: a failed read writes nothing at all. */
export async function exportSnapshot(client: ZendeskClient, request: ExportRequest): Promise<SnapshotManifest> {
  const live = await readWholeInstance(client, request.onList, request.includePersonal === true);
  return writeSnapshot(request.target, {
    kind: 'export',
    instance: request.instance,
    subdomain: request.subdomain,
    ...(request.baseUrl ? { baseUrl: request.baseUrl } : {}),
    zdctlVersion: request.zdctlVersion,
    ...(request.now ? { now: request.now } : {}),
    live: inListOrder(live),
  });
}

/** Types in a fixed order, whichever list answered first, so two exports of one state list files alike. */
function inListOrder(live: LiveState): LiveState {
  const objects = Object.fromEntries(MANAGED_TYPES.map((type) => [type, live.objects[type]])) as LiveState['objects'];
  const lookups = Object.fromEntries(LOOKUP_TYPES.filter((type) => live.lookups[type]).map((type) => [type, live.lookups[type]])) as LiveState['lookups'];
  return { objects, lookups };
}

/** `snapshots/<instance>-20260501T120000Z`: sorts by time, safe in every file system. */
export function defaultSnapshotName(instance: string, now: Date): string {
  return `${instance}-${now.toISOString().replace(/\.\d+Z$/, 'Z').replace(/[-:]/g, '')}`;
}
