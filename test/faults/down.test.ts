import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stateFolderFor, withoutLock } from '../helpers/zdctl.js';
import { bench, downServer, duplicates, importedTree, liveKeys, outageAfter, readTree, writesIn, type Bench, type Outage } from './helpers.js';

/**
 * Zendesk stays down past the retry budget: every command stops with exit 1 and a message that
 * says it gave up and why — never exit 0, never a silent partial success — and writes no file
 * (apply's backup and audit log excepted). An outage in the middle of an apply ends in
 * "Apply incomplete" and exit 1; once Zendesk is back, the same apply finishes the job.
 */
const BUDGET = { ZDCTL_MAX_ATTEMPTS: '3' };
const OUTAGES: Outage[] = ['503 with Retry-After', 'every connection dropped', '500 without Retry-After'];

let b: Bench;
let snapshot: string;
let referenceTree: Record<string, string>;
let referenceKeys: Record<string, string[]>;

beforeAll(async () => {
  b = await bench();
  expect((await b.run(['apply', '--instance', 'main', '--auto-approve'])).code).toBe(0);
  snapshot = path.join(b.repo, 'snapshots/main');
  expect((await b.run(['export', '--instance', 'main', '--out', snapshot])).code).toBe(0);
  referenceTree = await importedTree(b);
  referenceKeys = liveKeys(b.sandbox);
});
afterAll(async () => {
  await b.stop();
});

describe.each(OUTAGES)('Zendesk down (%s) past the retry budget', (outage) => {
  const commands: Record<string, string[]> = {
    plan: ['plan', '--instance', 'main'],
    apply: ['apply', '--instance', 'main', '--auto-approve'],
    export: ['export', '--instance', 'main', '--out', 'snapshots/during-outage'],
    import: ['import', '--instance', 'main'],
    restore: ['restore', 'snapshots/main', '--instance', 'main', '--auto-approve'],
  };
  it.each(Object.keys(commands))('%s: exit 1, says it gave up, writes nothing', async (command) => {
    const before = readTree(b.repo);
    const down = await downServer(outage);
    try {
      const result = await b.run(commands[command]!, { ...BUDGET, ZENDESK_URL: down.url });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^error: GET [a-z_/]+: .*gave up after 3 attempts/m);
      expect(result.stdout).not.toMatch(/Apply complete|Exported|Imported/);
      expect(down.sent.filter((r) => !r.startsWith('GET '))).toEqual([]);
      // no request was sent more often than the budget allows, and the one that gave up used all of it
      const sends = new Map<string, number>();
      for (const r of down.sent) sends.set(r, (sends.get(r) ?? 0) + 1);
      expect(Math.max(...sends.values())).toBe(3);
      expect(readTree(b.repo)).toEqual(before);
    } finally {
      await down.close();
    }
  });
});

describe('an outage in the middle of an apply', () => {
  it('ends in "Apply incomplete" and exit 1, then the same apply finishes once Zendesk is back', async () => {
    b.sandbox.reset();
    const { readSeed } = await import('../../src/sandbox/index.js');
    const { LOOKUP_SEEDS } = await import('../helpers/zdctl.js');
    b.sandbox.seed(await readSeed(LOOKUP_SEEDS.main));
    const proxy = await outageAfter(b.sandbox.url, 30);
    // the applies below go through the proxy: their backups and audit log are the proxy URL's
    const auditFile = path.join(b.repo, stateFolderFor('main', { ZENDESK_URL: proxy.url }), 'audit.jsonl');
    const auditBefore = existsSync(auditFile) ? readFileSync(auditFile, 'utf8').trim().split('\n').length : 0;
    try {
      b.sandbox.clearRequests();
      const broken = await b.run(['apply', '--instance', 'main', '--auto-approve'], { ...BUDGET, ZENDESK_URL: proxy.url });
      expect(broken.code).toBe(1);
      const summary = /^Apply incomplete: (\d+) applied, (\d+) failed, (\d+) skipped\.$/m.exec(broken.stdout);
      expect(summary, broken.stdout.slice(-500)).not.toBeNull();
      const [applied, failed, skipped] = summary!.slice(1).map(Number) as [number, number, number];
      expect(applied + failed + skipped).toBe(84);
      // the first write that passed was the instance lock's create (src/zendesk/instance-lock.ts)
      expect(applied).toBe(proxy.passed() - 1);
      expect(failed).toBeGreaterThan(0);
      expect(broken.stderr).toMatch(/gave up after 3 attempts/);
      expect(broken.stderr).toMatch(/^Run zdctl apply again to finish: it plans only what is still different\.$/m);
      // the audit log holds one line per change, failed and skipped ones too
      const audit = readFileSync(auditFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { result: string });
      const last = audit.slice(auditBefore);
      expect(last).toHaveLength(84);
      expect(last.filter((a) => a.result === 'applied')).toHaveLength(applied);
      expect(last.filter((a) => a.result === 'failed')).toHaveLength(failed);
      expect(withoutLock(writesIn(b.sandbox))).toHaveLength(applied);
      // Zendesk was still down when the run ended: its lock stays, and it says how to go on.
      expect(broken.stderr).toMatch(/^warning: could not release the instance lock \(.+\); it expires at \S+, or run with --break-lock$/m);

      proxy.recover();
      const locked = await b.run(['apply', '--instance', 'main', '--auto-approve'], { ZENDESK_URL: proxy.url });
      expect(locked.code).toBe(1);
      expect(locked.stderr).toMatch(/^apply: the instance is locked by \S+ \(pid \d+, zdctl apply in /m);
      const finished = await b.run(['apply', '--instance', 'main', '--auto-approve', '--break-lock'], { ZENDESK_URL: proxy.url });
      expect(finished.code, finished.stderr).toBe(0);
      expect(finished.stdout).toMatch(/^Apply complete: \d+ applied, 0 failed, 0 skipped\.$/m);
      expect((await b.run(['plan', '--instance', 'main', '--detailed-exitcode'])).code).toBe(0);
      expect(duplicates(b.sandbox)).toEqual([]);
      expect(liveKeys(b.sandbox)).toEqual(referenceKeys);
      expect(await importedTree(b)).toEqual(referenceTree);
    } finally {
      await proxy.close();
    }
  });
});

