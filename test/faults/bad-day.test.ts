import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSeed } from '../../src/sandbox/index.js';
import { LOOKUP_SEEDS, stateFolderFor } from '../helpers/zdctl.js';
import { badDay, bench, duplicates, faultCounts, importedTree, liveKeys, readTree, withoutUnmanagedOrder, type Bench } from './helpers.js';

/**
 * Every command on a bad day (10 % 429/503 with Retry-After, 2 % dropped connections, 1 % answers
 * lost after a committed write, 5 % slow answers), three fixed seeds each: the same outcome as on a
 * good day — same output, same files, same live state (compared as names through import), and no
 * object created twice.
 */
const SEEDS = [11, 22, 33, 44, 55, 66];
const MAIN_OBJECTS = 81; // 78 rules, fields and forms, and 3 webhooks

let reference: Bench;
let referenceTree: Record<string, string>;
let referenceKeys: Record<string, string[]>;
let referenceSnapshot: string;

beforeAll(async () => {
  // A good day: instances/main applied to a fresh account, then exported.
  reference = await bench();
  const applied = await reference.run(['apply', '--instance', 'main', '--auto-approve']);
  expect(applied.code, applied.stderr).toBe(0);
  referenceTree = await importedTree(reference);
  referenceKeys = liveKeys(reference.sandbox);
  referenceSnapshot = path.join(reference.repo, 'snapshots/reference');
  expect((await reference.run(['export', '--instance', 'main', '--out', referenceSnapshot])).code).toBe(0);
  expect(Object.values(referenceKeys).flat()).toHaveLength(MAIN_OBJECTS + 1); // + the default ticket form
});
afterAll(async () => {
  await reference.stop();
});

const injected: Record<string, Record<string, number>> = {};
afterAll(() => {
  console.log(`faults injected by the sandbox (bad day):\n${Object.entries(injected).map(([name, counts]) => `  ${name}: ${JSON.stringify(counts)}`).join('\n')}`);
});

describe.each(SEEDS)('bad day, seed %i', (seed) => {
  let b: Bench;
  beforeAll(async () => {
    b = await bench();
  });
  afterAll(async () => {
    await b.stop();
  });

  it('apply from empty: complete, exit 0, the same live state as a good day, nothing twice', async () => {
    b.sandbox.setFaults(badDay(seed));
    const applied = await b.run(['apply', '--instance', 'main', '--auto-approve']);
    injected[`apply ${seed}`] = faultCounts(b.sandbox);
    expect(applied.stdout, applied.stderr).toMatch(/^Apply complete: 84 applied, 0 failed, 0 skipped\.$/m);
    expect(applied.code).toBe(0);
    expect(duplicates(b.sandbox)).toEqual([]);
    expect(liveKeys(b.sandbox)).toEqual(referenceKeys);
    expect(await importedTree(b)).toEqual(referenceTree);
    const audit = readFileSync(path.join(b.repo, stateFolderFor('main', b.env), 'audit.jsonl'), 'utf8').trim().split('\n');
    expect(audit).toHaveLength(84);
  });

  it('plan: the same output as on a good day', async () => {
    const file = path.join(b.repo, 'instances/main/macros/billing-send-invoice-copy.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^active: true$/m, 'active: false'));
    b.sandbox.setFaults(null);
    const good = await b.run(['plan', '--instance', 'main', '--detailed-exitcode']);
    expect(good.stdout).toMatch(/^Plan: 0 to create, 1 to update, 0 to delete, 0 to reorder\.$/m);
    b.sandbox.clearRequests();
    b.sandbox.setFaults(badDay(seed));
    const bad = await b.run(['plan', '--instance', 'main', '--detailed-exitcode']);
    injected[`plan ${seed}`] = faultCounts(b.sandbox);
    expect(bad.stdout).toBe(good.stdout);
    expect(bad.code).toBe(2);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^active: false$/m, 'active: true'));
  });

  it('export: the same objects as on a good day', async () => {
    b.sandbox.setFaults(null);
    const goodDir = path.join(b.repo, `snapshots/good-${seed}`);
    expect((await b.run(['export', '--instance', 'main', '--out', goodDir])).code).toBe(0);
    b.sandbox.clearRequests();
    b.sandbox.setFaults(badDay(seed));
    const badDir = path.join(b.repo, `snapshots/bad-${seed}`);
    const exported = await b.run(['export', '--instance', 'main', '--out', badDir]);
    injected[`export ${seed}`] = faultCounts(b.sandbox);
    expect(exported.code, exported.stderr).toBe(0);
    const withoutManifest = (tree: Record<string, string>) => Object.fromEntries(Object.entries(tree).filter(([file]) => file !== 'manifest.json'));
    expect(withoutManifest(readTree(badDir))).toEqual(withoutManifest(readTree(goodDir)));
    expect(Object.keys(readTree(badDir)).length).toBeGreaterThan(10);
  });

  it('import: the same files as on a good day', async () => {
    b.sandbox.clearRequests();
    b.sandbox.setFaults(badDay(seed));
    const dir = path.join(b.repo, 'instances/imported');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'instance.yaml'), 'subdomain: acme\n');
    const imported = await b.run(['import', '--instance', 'imported']);
    injected[`import ${seed}`] = faultCounts(b.sandbox);
    expect(imported.code, imported.stderr).toBe(0);
    expect(withoutUnmanagedOrder(readTree(dir))).toEqual({ ...referenceTree, 'instance.yaml': 'subdomain: acme\n' });
  });

  it('restore into a fresh account: complete, the same live state as the snapshot, nothing twice', async () => {
    b.sandbox.setFaults(null);
    b.sandbox.reset();
    b.sandbox.seed(await readSeed(LOOKUP_SEEDS.main));
    b.sandbox.clearRequests();
    b.sandbox.setFaults(badDay(seed));
    const restored = await b.run(['restore', referenceSnapshot, '--instance', 'main', '--auto-approve']);
    injected[`restore ${seed}`] = faultCounts(b.sandbox);
    expect(restored.code, `${restored.stdout.slice(-1500)}\n${restored.stderr.slice(-3000)}`).toBe(0);
    expect(restored.stdout).toMatch(/^Apply complete: \d+ applied, 0 failed, 0 skipped\.$/m);
    expect(duplicates(b.sandbox)).toEqual([]);
    expect(liveKeys(b.sandbox)).toEqual(referenceKeys);
    expect(await importedTree(b)).toEqual(referenceTree);
  });


});

describe('across the seeds', () => {
  it('the sandbox injected every kind of fault', () => {
    const total: Record<string, number> = {};
    for (const counts of Object.values(injected)) for (const [kind, n] of Object.entries(counts)) total[kind] = (total[kind] ?? 0) + n;
    expect(Object.keys(total).sort()).toEqual(['429', '503', 'drop', 'lost']);
  });
});

describe('a very bad day for writes: 20 % of answers lost after the write was committed', () => {
  it('apply still completes with exit 0 and creates nothing twice', async () => {
    const b = await bench();
    try {
      b.sandbox.setFaults({ lost: 0.2, status503: 0.05, retryAfter: 1, seed: 5 });
      const applied = await b.run(['apply', '--instance', 'main', '--auto-approve']);
      const lostPosts = b.sandbox.requests.filter((r) => r.fault === 'lost' && r.method === 'POST').length;
      injected['apply, 20 % lost'] = faultCounts(b.sandbox);
      expect(lostPosts).toBeGreaterThan(3);
      expect(applied.stdout, applied.stderr).toMatch(/^Apply complete: 84 applied, 0 failed, 0 skipped\.$/m);
      expect(applied.code).toBe(0);
      expect(duplicates(b.sandbox)).toEqual([]);
      expect(liveKeys(b.sandbox)).toEqual(referenceKeys);
      expect(await importedTree(b)).toEqual(referenceTree);
    } finally {
      await b.stop();
    }
  });
});
