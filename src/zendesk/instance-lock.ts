// One writer per Zendesk instance, across machines. Zendesk has no lock API, but it keeps a user
// field's `key` unique and refuses a second field with the same key (422 "Key: has already been
// taken") in one atomic check. So the lock is an inactive user field with a fixed key, whose
// description says who holds it; releasing it is deleting that field.
import { randomUUID } from 'node:crypto';
import { ZendeskApiError, UncertainWriteError } from './errors.js';
import type { ZendeskClient } from './client.js';
import { LOCK_FIELD_KEY } from '../resources/reserved.js';

/** The key of the user field that is the lock. */
export { LOCK_FIELD_KEY };

/** Where the lock lives: an inactive user field, the one object every plan can write and every plan already lists. */
const LOCK_TYPE = 'user_fields';

/** How long a lock holds if its holder dies without releasing it (SIGKILL, a lost machine). */
export const LOCK_LIFETIME_MS = 2 * 60 * 60 * 1000;
/** A run that lasts longer (a big restore on a low rate limit) moves its expiry on this often. */
const REFRESH_EVERY_MS = LOCK_LIFETIME_MS / 4;

const POLL_MS = 1000;

export interface LockHolder {
  /** user@host */
  who: string;
  pid: number;
  command: string;
  /** The working folder of the run: two runs from one machine differ here. */
  where: string;
  since: string;
  expires: string;
  /** Unique to one acquisition: tells our own lock from another's after a lost answer. */
  token: string;
}

export interface HeldLock {
  holder: LockHolder;
  /** Another run held the lock while this one asked for it: the live state may have moved since this run read it. */
  contended: boolean;
  release(): Promise<void>;
}

export interface LockRequest {
  holder: Omit<LockHolder, 'since' | 'expires' | 'token'>;
  /** Seconds to wait for a lock someone else holds; 0 fails at once. */
  timeoutSeconds: number;
  /** Delete the lock another run holds, even before it expires (its holder is known to be dead). */
  breakLock: boolean;
  /** Told once when the lock is held by someone else and this run starts waiting or breaks it. */
  onNotice?: (message: string) => void;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
}

/** The lock is held by another run and was not given up within the timeout. */
export class LockHeldError extends Error {
  override readonly name = 'LockHeldError';
  constructor(readonly holder: LockHolder | undefined) {
    super(holder ? `the instance is locked by ${describeHolder(holder)}` : 'the instance is locked by another run (its holder cannot be read)');
  }
}

export function isLockObject(type: string, object: Record<string, unknown>): boolean {
  return type === LOCK_TYPE && object.key === LOCK_FIELD_KEY;
}

export function describeHolder(holder: LockHolder): string {
  return `${holder.who} (pid ${holder.pid}, zdctl ${holder.command} in ${holder.where}) since ${holder.since}; it expires at ${holder.expires}`;
}

export async function acquireLock(client: ZendeskClient, request: LockRequest): Promise<HeldLock> {
  const now = request.now ?? (() => new Date());
  const sleep = request.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const deadline = now().getTime() + request.timeoutSeconds * 1000;
  let noticed = false;
  let broken = false;
  let contended = false;
  for (;;) {
    const since = now();
    const holder: LockHolder = { ...request.holder, since: since.toISOString(), expires: new Date(since.getTime() + LOCK_LIFETIME_MS).toISOString(), token: randomUUID() };
    const id = await tryCreate(client, holder);
    if (id !== undefined) return held(client, id, holder, contended, now);
    contended = true;
    const current = await readLock(client);
    if (!current) continue; // released between our create and our read: try again at once
    const other = parseHolder(current.description);
    const expired = other !== undefined && Date.parse(other.expires) <= now().getTime();
    if (expired || (request.breakLock && !broken)) {
      request.onNotice?.(`${expired ? 'Taking over an expired lock' : 'Breaking the lock (--break-lock)'} of ${other ? describeHolder(other) : 'an unknown holder'}`);
      broken = true;
      await deleteIgnoringGone(client, current.id);
      continue;
    }
    if (now().getTime() >= deadline) throw new LockHeldError(other);
    if (!noticed) request.onNotice?.(`Waiting up to ${request.timeoutSeconds} s for the lock held by ${other ? describeHolder(other) : 'another run'}`);
    noticed = true;
    await sleep(Math.min(POLL_MS, Math.max(0, deadline - now().getTime())));
  }
}

/** The lock field's id when this run created it; undefined when Zendesk refused the key as taken. */
async function tryCreate(client: ZendeskClient, holder: LockHolder): Promise<number | string | undefined> {
  const field = { key: LOCK_FIELD_KEY, type: 'text', title: 'zdctl apply lock (do not edit)', description: JSON.stringify(holder), active: false };
  try {
    const answer = await client.send<{ user_field?: { id: number | string } }>('POST', LOCK_TYPE, { user_field: field }, { describe: 'take the zdctl lock' });
    const id = answer.body?.user_field?.id;
    if (id === undefined) throw new Error(`take the zdctl lock: Zendesk answered ${answer.status} without the user_field`);
    return id;
  } catch (failure) {
    if (failure instanceof ZendeskApiError && failure.status === 422) {
      if (await readLock(client)) return undefined;
      throw failure; // refused for another reason than a taken key: Zendesk's own words say why
    }
    if (failure instanceof UncertainWriteError) {
      // The answer was lost: the lock is ours if it carries our token.
      const current = await readLock(client);
      if (current && parseHolder(current.description)?.token === holder.token) return current.id;
      return undefined;
    }
    throw failure;
  }
}

async function readLock(client: ZendeskClient): Promise<{ id: number | string; description?: unknown } | undefined> {
  const fields = await client.listAll<{ id: number | string; key?: string; description?: unknown }>(LOCK_TYPE, LOCK_TYPE, 'cursor');
  return fields.find((field) => field.key === LOCK_FIELD_KEY);
}

function parseHolder(description: unknown): LockHolder | undefined {
  if (typeof description !== 'string') return undefined;
  try {
    const parsed = JSON.parse(description) as Partial<LockHolder>;
    return typeof parsed.who === 'string' && typeof parsed.expires === 'string' ? (parsed as LockHolder) : undefined;
  } catch {
    return undefined;
  }
}

/** The lock as this run holds it: its expiry moved on while the run lasts, deleted on release. */
function held(client: ZendeskClient, id: number | string, holder: LockHolder, contended: boolean, now: () => Date): HeldLock {
  const refresh = setInterval(() => {
    const expires = new Date(now().getTime() + LOCK_LIFETIME_MS).toISOString();
    const description = JSON.stringify({ ...holder, expires });
    // A failed refresh leaves the earlier expiry in place; the next one tries again.
    client.send('PUT', `user_fields/${encodeURIComponent(String(id))}`, { user_field: { description } }, { describe: 'refresh the zdctl lock' }).then(
      () => (holder.expires = expires),
      () => undefined,
    );
  }, REFRESH_EVERY_MS);
  refresh.unref();
  return {
    holder,
    contended,
    release: async () => {
      clearInterval(refresh);
      await deleteIgnoringGone(client, id);
    },
  };
}

async function deleteIgnoringGone(client: ZendeskClient, id: number | string): Promise<void> {
  try {
    await client.send('DELETE', `user_fields/${encodeURIComponent(String(id))}`, undefined, { describe: 'release the zdctl lock' });
  } catch (failure) {
    if (!(failure instanceof ZendeskApiError && failure.status === 404)) throw failure;
  }
}
