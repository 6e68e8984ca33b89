// The bench's request-count guard on a ~300-object instance: every operation zdctl has, run as
// the built binary against the sandbox, must stay at its request lower bound (reads) and write
// target. About 10 s; `npm run bench -- --quick` is the same at ~1,000 objects.
import { describe, expect, it } from 'vitest';
import { MANAGED } from '../../bench/bounds.js';
import { BASE_COUNTS } from '../../bench/generate.js';
import { benchScale } from '../../bench/run.js';
import { ratioViolations } from '../../bench/targets.js';
import { MANAGED_TYPES } from '../../src/resources/index.js';

describe('bench --quick guard (request counts, never times)', () => {
  it('generates and manages every type zdctl manages (a new type must join the benchmark)', () => {
    expect(Object.keys(BASE_COUNTS).sort()).toEqual([...MANAGED_TYPES].sort());
    expect([...MANAGED].sort()).toEqual([...MANAGED_TYPES].sort());
  });

  it('keeps plan, export and import at the list-page lower bound and apply/restore within their write targets', async () => {
    const measurements = await benchScale(0.05, () => {});
    expect(measurements.map((m) => m.operation)).toEqual([
      'validate',
      'apply: create all (empty instance)',
      'plan (no changes)',
      'plan (1% changed)',
      expect.stringMatching(/^apply: 50 updates @700\/min/),
      'export',
      'import (into an empty folder)',
      expect.stringMatching(/^restore into empty @700\/min/),
    ]);
    expect(ratioViolations(measurements)).toEqual([]);
    for (const m of measurements.filter((x) => x.operation.startsWith('plan') || x.operation === 'export')) expect(m.ratio).toBe(1);
  }, 120_000);
});
