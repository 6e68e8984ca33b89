// The looked-up objects the synthetic instance names (groups, brands, agents), as raw API objects
// for the sandbox's seed(): zdctl reads them, never writes them.
import { AGENT_COUNT, agentEmail, BRANDS, GROUPS } from './generate.js';

export type RawObject = Record<string, unknown> & { id: number | string };

export function lookupSeed(): Record<string, RawObject[]> {
  const base = 360_000_900_000;
  return {
    groups: GROUPS.map((name, i) => ({ id: base + i, name, description: '', default: false, deleted: false, is_public: true })),
    brands: BRANDS.map((name, i) => ({ id: base + 100 + i, name, subdomain: name.toLowerCase().replace(/\W/g, ''), active: true, default: i === 0 })),
    users: [
      { id: base + 200, name: 'Sandbox Admin', email: 'admin@sandbox.example', role: 'admin', active: true },
      ...Array.from({ length: AGENT_COUNT }, (_, i) => ({ id: base + 300 + i, name: `Agent ${i}`, email: agentEmail(i), role: 'agent', active: true })),
    ],
  };
}
