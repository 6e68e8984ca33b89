import type { LiveState } from '../resources/live.js';
import { fingerprint } from './build.js';
import type { Plan } from './types.js';

/** The live objects and orders a saved plan was computed from that are no longer as they were. */
export function staleEntries(plan: Plan, live: LiveState): string[] {
  const now = fingerprint(plan.changes, live);
  return Object.keys(plan.live_fingerprint).filter((key) => now[key] !== plan.live_fingerprint[key]);
}
