import { describe, expect, it } from 'vitest';
import { ApplyContext } from '../../src/apply/context.js';
import { MANAGED_TYPES } from '../../src/resources/index.js';
import type { ApiObject, LiveState } from '../../src/resources/live.js';

/** A live trigger whose title reads are counted, to see how much of the state a lookup touches. */
function countedTrigger(id: number, title: string, reads: { count: number }): ApiObject {
  const trigger = { id, raw_title: undefined, active: true, position: id, category_id: '1' } as unknown as ApiObject;
  Object.defineProperty(trigger, 'title', { enumerable: true, get: () => ((reads.count += 1), title) });
  return trigger;
}

function liveWith(triggers: ApiObject[]): LiveState {
  const objects = Object.fromEntries(MANAGED_TYPES.map((t) => [t, [] as ApiObject[]])) as LiveState['objects'];
  objects.triggers = triggers;
  return { objects, lookups: {} };
}

describe('ApplyContext.byKey', () => {
  it('finds objects by natural key, and follows renames, creates and deletes', () => {
    const reads = { count: 0 };
    const context = new ApplyContext(liveWith([countedTrigger(1, 'A', reads), countedTrigger(2, 'B', reads)]));
    expect(context.byKey('triggers', 'A')?.id).toBe(1);
    context.remember('triggers', { id: 1, title: 'A renamed', position: 1 });
    expect(context.byKey('triggers', 'A')).toBeUndefined();
    expect(context.byKey('triggers', 'A renamed')?.id).toBe(1);
    context.remember('triggers', { id: 3, title: 'C', position: 3 });
    expect(context.byKey('triggers', 'C')?.id).toBe(3);
    context.forget('triggers', 2);
    expect(context.byKey('triggers', 'B')).toBeUndefined();
  });

  it("a deleted object's name stops resolving to its id, so the object that replaces it takes the name", () => {
    const live = liveWith([]);
    live.objects.ticket_fields = [{ id: 10, title: 'Version', type: 'text' }];
    const context = new ApplyContext(live);
    expect(context.names.idOf('Field', 'Version')).toBe(10);
    context.forget('ticket_fields', 10);
    expect([context.names.idOf('Field', 'Version'), context.names.nameOf('Field', 10)]).toEqual([undefined, undefined]);
    context.remember('ticket_fields', { id: 11, title: 'Version', type: 'integer' });
    expect(context.names.idOf('Field', 'Version')).toBe(11);
  });

  it('keeps the first of two live objects with one name, as the scan did', () => {
    const reads = { count: 0 };
    const context = new ApplyContext(liveWith([countedTrigger(7, 'Same', reads), countedTrigger(8, 'Same', reads)]));
    expect(context.byKey('triggers', 'Same')?.id).toBe(7);
  });

  it('reads each live object a bounded number of times however many lookups (no scan per call)', () => {
    const reads = { count: 0 };
    const n = 2000;
    const context = new ApplyContext(liveWith(Array.from({ length: n }, (_, i) => countedTrigger(i + 1, `T${i}`, reads))));
    reads.count = 0;
    for (let i = 0; i < n; i++) expect(context.byKey('triggers', `T${i}`)?.id).toBe(i + 1);
    // A scan per call reads about n²/2 = 2,000,000 titles; an index reads each once.
    expect(reads.count).toBeLessThanOrEqual(2 * n);
  });
});
