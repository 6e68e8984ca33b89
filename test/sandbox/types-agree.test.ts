import { describe, expect, it } from 'vitest';
import { LOOKUP_TYPES as ZDCTL_LOOKUPS, MANAGED_TYPES as ZDCTL_MANAGED } from '../../src/resources/types.js';
import { LOOKUP_TYPES, MANAGED_TYPES } from '../../src/sandbox/index.js';

// The sandbox keeps its own table of types (it must be able to disagree with zdctl about how a type
// behaves), but not about which types exist: whatever zdctl writes, the sandbox must accept writes
// of; whatever zdctl looks up, the sandbox must answer. The sandbox may be ahead of zdctl.
describe('the sandbox knows every type zdctl knows, by the same name', () => {
  it('every type zdctl manages is writable in the sandbox', () => {
    expect(ZDCTL_MANAGED.filter((type) => !(MANAGED_TYPES as readonly string[]).includes(type))).toEqual([]);
  });

  it('every type zdctl looks up is served by the sandbox (as a look-up or a writable type)', () => {
    const served: readonly string[] = [...MANAGED_TYPES, ...LOOKUP_TYPES];
    expect(ZDCTL_LOOKUPS.filter((type) => !served.includes(type))).toEqual([]);
  });
});
