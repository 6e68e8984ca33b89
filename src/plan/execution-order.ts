import { TYPES_IN_CREATE_ORDER, type ManagedType } from '../resources/index.js';
import type { Change } from './types.js';

const PHASE: Record<Change['action'], number> = { create: 0, update: 0, deactivate: 0, reorder: 1, delete: 2 };

/** Creates and updates by type dependency, then reorders, then deletes in reverse; apply follows depends_on. */
export function inExecutionOrder(changes: Change[]): Change[] {
  const typeRank = (type: ManagedType) => TYPES_IN_CREATE_ORDER.indexOf(type);
  // The delete half of a replace runs right before its create, not with the other deletes.
  const phaseOf = (change: Change) => (change.replace ? 0 : PHASE[change.action]);
  return [...changes].sort((a, b) => {
    const phase = phaseOf(a) - phaseOf(b);
    if (phase !== 0) return phase;
    const rank = a.action === 'delete' ? typeRank(b.type) - typeRank(a.type) : typeRank(a.type) - typeRank(b.type);
    if (rank !== 0) return rank;
    if (a.replace && b.replace && a.address === b.address) return a.action === 'delete' ? -1 : 1;
    return a.key.localeCompare(b.key);
  });
}

