import { OPT_IN_TYPES } from '../../src/resources/index.js';
// The steps of a real-account round trip, shared by round-trip.test.ts (recorded accounts) and
// shapes.test.ts (one shape a row).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type Sandbox, type SeedData } from '../../src/sandbox/index.js';
import type { ZdctlRun } from '../helpers/zdctl.js';

export const writesTo = (sandbox: Sandbox) => sandbox.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`);

/** The looked-up names a snapshot holds, under other ids: a restore must remap every one. */
/**
 * What a new account must already hold for a restore: the snapshot's looked-up objects (brands,
 * targets, users …) and its objects of the opt-in types the target instance does not manage.
 */
export function lookupsOf(snapshotDir: string, notManaged: readonly string[] = OPT_IN_TYPES): SeedData {
  const manifest = JSON.parse(readFileSync(path.join(snapshotDir, 'manifest.json'), 'utf8')) as { files: Record<string, string> };
  const shift = (id: unknown) => (typeof id === 'number' ? id + 7_000_000 : `${String(id)}-dr`);
  const seed: SeedData = {};
  for (const file of Object.keys(manifest.files).filter((f) => f.startsWith('lookups/') || notManaged.some((type) => f === `objects/${type}.json`))) {
    const type = path.basename(file, '.json');
    const objects = JSON.parse(readFileSync(path.join(snapshotDir, file), 'utf8')) as Record<string, unknown>[];
    seed[type] = objects.map((o) => ({ ...o, id: shift(o.id) }));
  }
  return seed;
}

export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== null).map(([key, item]) => [key, withoutNulls(item)]));
}

/** Runs one step; a failing step fails the test with its name and what zdctl said. */
export async function step(name: string, run: () => Promise<ZdctlRun>, check: (result: ZdctlRun) => void): Promise<ZdctlRun> {
  const result = await run();
  try {
    check(result);
  } catch (failure) {
    throw new Error(`step "${name}" failed (exit ${result.code})\n--- stdout\n${result.stdout.slice(0, 4000)}\n--- stderr\n${result.stderr.slice(0, 4000)}\n--- ${(failure as Error).message}`);
  }
  return result;
}
