// What the synthetic instance names but never writes (brands, agents), and the account's locales
// its dynamic content uses, as raw API objects for the sandbox's seed(). Groups are the
// instance's own (managed) now; the fresh account's default group stays.
import { AGENT_COUNT, agentEmail, BRANDS, LOCALES } from './generate.js';

export type RawObject = Record<string, unknown> & { id: number | string };

export function lookupSeed(): Record<string, RawObject[]> {
  const base = 360_000_900_000;
  return {
    brands: BRANDS.map((name, i) => ({ id: base + 100 + i, name, subdomain: name.toLowerCase().replace(/\W/g, ''), active: true, default: i === 0 })),
    users: [
      { id: base + 200, name: 'Sandbox Admin', email: 'admin@sandbox.example', role: 'admin', active: true },
      ...Array.from({ length: AGENT_COUNT }, (_, i) => ({ id: base + 300 + i, name: `Agent ${i}`, email: agentEmail(i), role: 'agent', active: true })),
    ],
    locales: LOCALES.map((locale) => ({ ...locale })),
  };
}
