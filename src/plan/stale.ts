import { DESCRIPTORS, typesPlacedBy, type ManagedType } from '../resources/index.js';
import type { LiveState } from '../resources/live.js';
import { fingerprint } from './fingerprint.js';
import type { Plan } from './types.js';

/** The live objects and orders a saved plan was computed from that are no longer as they were. */
export function staleEntries(plan: Plan, live: LiveState): string[] {
  const now = fingerprint(plan.changes, live);
  return Object.keys(plan.live_fingerprint).filter((key) => now[key] !== plan.live_fingerprint[key]);
}

/** The stale entries as people read them: the object's address and id, not only its id. */
export function describeStale(plan: Plan, keys: readonly string[]): string[] {
  return keys.map((key) => {
    if (key.endsWith('#order')) return `the order of ${key.slice(0, -'#order'.length)}`;
    if (key.endsWith('#absent')) return `${key.slice(0, -'#absent'.length)} now exists live`;
    const change = plan.changes.find((c) => c.id !== undefined && `${c.type}/${String(c.id)}` === key);
    return change ? `${change.address} (id ${String(change.id)})` : key;
  });
}

/** The live types a plan's fingerprint covers (a trigger order covers the categories too). */
export function typesTouchedBy(plan: Plan): ManagedType[] {
  const types = new Set<ManagedType>(plan.changes.map((change) => change.type));
  for (const change of plan.changes) if (change.action === 'reorder') for (const type of typesPlacedBy(DESCRIPTORS[change.type])) types.add(type);
  return [...types];
}
