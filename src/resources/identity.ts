import type { ResourceDescriptor } from './types.js';

/**
 * Identity of an object when Zendesk holds several with the same natural key (two views called
 * "My unsolved tickets", two macros with one title): the natural key alone for the first, by id
 * (creation order), then `<key>#2`, `<key>#3` … for the others. A file holds the plain title and
 * `occurrence: 2`; order files and references write the identity (`"Field: Age#2"`). No ids: the
 * files stay portable, and a restore creates the objects in occurrence order, so ids keep it.
 */
export const OCCURRENCE_KEY = 'occurrence';

const identities = new WeakMap<object, { identity: string; occurrence: number }>();

export function identityOf(key: string, occurrence: unknown): string {
  return typeof occurrence === 'number' && occurrence > 1 ? `${key}#${occurrence}` : key;
}

/** The identity a file object gives itself: its natural key, with its occurrence when above 1. */
export function fileIdentityOf(descriptor: ResourceDescriptor, object: Record<string, unknown>): string {
  return identityOf(String(object[descriptor.naturalKey]), object[OCCURRENCE_KEY]);
}

/** The natural key as Zendesk holds it: the raw text where Zendesk keeps one (dynamic content stays a placeholder). */
export function rawKeyOf(descriptor: ResourceDescriptor, live: Record<string, unknown>): string {
  const key = descriptor.naturalKey;
  return String((descriptor.identityFromRaw === false ? undefined : live[`raw_${key}`]) ?? live[key]);
}

const compareIds = (a: unknown, b: unknown): number => {
  const [x, y] = [String(a), String(b)];
  if (/^\d+$/.test(x) && /^\d+$/.test(y)) return x.length - y.length || (x < y ? -1 : x > y ? 1 : 0);
  return x < y ? -1 : x > y ? 1 : 0;
};

/** Gives the live objects of one type their identities; objects with a key of their own keep it. */
export function assignIdentities(descriptor: ResourceDescriptor, objects: readonly Record<string, unknown>[]): void {
  const byKey = new Map<string, Record<string, unknown>[]>();
  for (const object of objects) {
    const key = rawKeyOf(descriptor, object);
    const same = byKey.get(key);
    if (same) same.push(object);
    else byKey.set(key, [object]);
  }
  for (const [key, same] of byKey) {
    if (same.length === 1) {
      identities.delete(same[0]!);
      continue;
    }
    same.sort((a, b) => compareIds(a.id, b.id)).forEach((object, index) => identities.set(object, { identity: identityOf(key, index + 1), occurrence: index + 1 }));
  }
}

/** An object written for the file with this identity (apply's creates and updates). */
export function setIdentity(descriptor: ResourceDescriptor, object: Record<string, unknown>, identity: string): void {
  const key = rawKeyOf(descriptor, object);
  const occurrence = identity.startsWith(`${key}#`) ? Number(identity.slice(key.length + 1)) : NaN;
  if (Number.isInteger(occurrence) && occurrence > 1) identities.set(object, { identity, occurrence });
  else identities.delete(object);
}

/** A new answer for an object that had an identity keeps it while its natural key stays the same. */
export function inheritIdentity(descriptor: ResourceDescriptor, previous: Record<string, unknown>, object: Record<string, unknown>): void {
  const known = identities.get(previous);
  if (known && !identities.has(object) && rawKeyOf(descriptor, previous) === rawKeyOf(descriptor, object)) identities.set(object, known);
}

export function liveIdentityOf(descriptor: ResourceDescriptor, live: Record<string, unknown>): string {
  return identities.get(live)?.identity ?? rawKeyOf(descriptor, live);
}

export function liveOccurrenceOf(live: Record<string, unknown>): number {
  return identities.get(live)?.occurrence ?? 1;
}
