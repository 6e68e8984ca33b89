// buildPlan must touch each object a bounded number of times, not once per change: these count
// reads of a property the planner cannot avoid, on plans with thousands of changes.
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/plan/build.js';
import type { DesiredEntry, DesiredState } from '../../src/plan/desired.js';
import { MANAGED_TYPES, type ManagedType } from '../../src/resources/index.js';
import type { ApiObject, LiveState } from '../../src/resources/live.js';

const emptyByType = <T>() => Object.fromEntries(MANAGED_TYPES.map((t) => [t, [] as T[]])) as Record<ManagedType, T[]>;
const origin = { yaml: { locate: () => ({ file: 'f.yaml', line: 1, column: 1 }) } } as unknown as DesiredEntry['origin'];

/** A live trigger using field `fieldId`; every read of its conditions is counted. */
function countedTrigger(i: number, fieldId: number, reads: { count: number }): ApiObject {
  const trigger = { id: 100_000 + i, title: `T${i}`, raw_title: `T${i}`, active: true, position: i, category_id: null, description: null, actions: [{ field: 'status', value: 'open' }] } as unknown as ApiObject;
  const conditions = { all: [{ field: `custom_fields_${fieldId}`, operator: 'present' }], any: [] };
  Object.defineProperty(trigger, 'conditions', { enumerable: true, get: () => ((reads.count += 1), conditions) });
  return trigger;
}

function triggerEntry(i: number, fieldTitle: string, description: string | null): DesiredEntry {
  const object = { title: `T${i}`, active: true, description, conditions: { all: [{ field: `Field: ${fieldTitle}`, operator: 'present' }], any: [] }, actions: [{ field: 'status', value: 'open' }] };
  return { type: 'triggers', key: `T${i}`, previousKeys: [], object, source: { file: `triggers/t${i}.yaml`, line: 1 }, origin };
}

function planOf(liveObjects: Partial<Record<ManagedType, ApiObject[]>>, desiredTriggers: DesiredEntry[], fieldPolicy: 'ignore' | 'delete') {
  const objects = { ...emptyByType<ApiObject>(), ...liveObjects };
  const desired: DesiredState = { instance: 't', subdomain: 't', objects: { ...emptyByType<DesiredEntry>(), triggers: desiredTriggers }, orders: {}, policyOf: (type) => (type === 'ticket_fields' ? fieldPolicy : 'ignore') };
  const live: LiveState = { objects, lookups: {} };
  return buildPlan(desired, live, { zdctlVersion: 'test', now: new Date('2026-01-01T00:00:00Z') });
}

describe('buildPlan at scale', () => {
  it('checks who still uses each deleted field without scanning every object per delete', () => {
    const fields = 400;
    const reads = { count: 0 };
    const liveFields = Array.from({ length: fields }, (_, i) => ({ id: 1000 + i, title: `F${i}`, type: 'text', active: true, position: i }) as ApiObject);
    const liveTriggers = Array.from({ length: 2 * fields }, (_, i) => countedTrigger(i, 1000 + (i % fields), reads));
    // Half the triggers keep their field in the files (so its delete is refused), half are deleted too.
    const desired = Array.from({ length: fields }, (_, i) => triggerEntry(i, `F${i}`, null));
    const { plan, diagnostics } = planOf({ ticket_fields: liveFields, triggers: liveTriggers }, desired, 'delete');
    expect(plan.summary.delete).toBe(fields);
    expect(diagnostics.filter((d) => d.code === 'in-use')).toHaveLength(fields);
    expect(diagnostics[0]?.summary).toBe('cannot delete ticket_fields/F0: still used by triggers/T0 (live), triggers/T400 (live), triggers/t0.yaml');
    // One scan per delete reads 400 × 800 = 320,000 conditions; an index built once reads each trigger a few times.
    expect(reads.count).toBeLessThan(20 * liveTriggers.length);
  });

  it('fingerprints thousands of updates with one index of the live objects, not a search per change', () => {
    const count = 3000;
    const reads = { count: 0 };
    const liveTriggers = Array.from({ length: count }, (_, i) => countedTrigger(i, 1, reads));
    const ids = liveTriggers.map((t) => t.id);
    const idReads = { count: 0 };
    for (const [i, trigger] of liveTriggers.entries()) Object.defineProperty(trigger, 'id', { enumerable: true, get: () => ((idReads.count += 1), ids[i]) });
    const desired = Array.from({ length: count }, (_, i) => triggerEntry(i, 'F0', 'changed'));
    const { plan } = planOf({ ticket_fields: [{ id: 1, title: 'F0', type: 'text', active: true, position: 0 } as ApiObject], triggers: liveTriggers }, desired, 'ignore');
    expect(plan.summary.update).toBe(count);
    expect(Object.keys(plan.live_fingerprint)).toHaveLength(count);
    // A find() per change reads ~count²/2 = 4,500,000 ids.
    expect(idReads.count).toBeLessThan(20 * count);
  });
});
