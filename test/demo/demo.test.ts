import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/temp-repo.js';
import { baseEnv, runProcess } from '../ci/process.js';

/** sha256 over every file (path and bytes) under a folder. */
function treeHash(dir: string): string {
  const hash = createHash('sha256');
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else hash.update(`${path.relative(dir, full)}\0`).update(readFileSync(full));
    }
  };
  walk(dir);
  return hash.digest('hex');
}

describe('npm run demo (scripts/demo.mjs)', () => {
  it('runs validate → plan → apply → plan (No changes.) → export against its own sandbox, and leaves the repository alone', { timeout: 60_000 }, async () => {
    const instances = path.join(REPO_ROOT, 'instances');
    const before = treeHash(instances);
    const started = Date.now();
    // no credentials, whatever the caller has: the demo needs none
    const result = await runProcess(process.execPath, [path.join(REPO_ROOT, 'scripts/demo.mjs')], { cwd: REPO_ROOT, env: baseEnv(), timeoutMs: 55_000 });
    const seconds = (Date.now() - started) / 1000;
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const out = result.stdout;
    const headings = out.split('\n').filter((line) => line.startsWith('── ')).map((line) => line.replace(/ ─+$/, ''));
    expect(headings).toEqual([
      '── 1/6  A live instance that has drifted from git',
      '── 2/6  validate: YAML, schemas, references, Zendesk rules (offline)',
      '── 3/6  plan: what apply would change on the live instance (read only)',
      '── 4/6  apply: make the live instance match git (backup + audit log first)',
      '── 5/6  plan again: nothing left to do',
      '── 6/6  export: a backup snapshot of the live instance',
    ]);
    const step = (n: number) => out.split(/^── /m)[n]!;
    expect(step(1)).toMatch(/^sandbox listening on http:\/\/127\.0\.0\.1:\d+$/m);
    expect(step(2)).toContain('$ zdctl validate --instance main\n  instances/main: valid, 81 objects, 0 errors\n  (exit 0)\n');
    const plan = step(3);
    expect(plan).toContain('$ zdctl plan --instance main\n');
    for (const line of [
      '  ~ update ticket_fields/Legacy plan code  # changed: title (renamed from "Plan code")',
      '  + create user_fields/employee_id  # no live object has this name',
      "  ~ deactivate triggers/Billing requests to Billing team  # no file manages it and the instance's unmanaged policy for triggers is deactivate",
      '  + create triggers/Route billing requests to Billing  # no live object has this name',
      '  ~ update automations/Remind requester after 2 days pending  # changed: conditions',
      '  ↕ reorder triggers  # triggers/_order.yaml differs from the live order',
      '  Plan: 2 to create, 3 to update, 0 to delete, 1 to reorder.',
    ]) {
      expect(plan.split('\n')).toContain(line);
    }
    expect(step(4)).toMatch(/^ {2}Apply complete: 6 applied, 0 failed, 0 skipped\.$/m);
    expect(step(4)).toMatch(/^ {2}Backup of the live state before this apply: \.zdctl\/main@127\.0\.0\.1_\d+\/backups\/\S+$/m);
    expect(step(5)).toContain('$ zdctl plan --instance main --detailed-exitcode\n');
    expect(step(5)).toMatch(/^ {2}No changes\.\n {2}\(exit 0\)$/m);
    expect(step(6)).toMatch(/^ {2}Exported main \(http:\/\/127\.0\.0\.1:\d+ \(ZENDESK_URL; not acme\.zendesk\.com\)\) to snapshots\/main-\d{8}T\d{6}Z: groups 7, custom_statuses 6, schedules 2, dynamic_content 0, ticket_fields 23, /m);
    expect(out).toMatch(/^Done in \d+\.\d s\. The sandbox is stopped; instances\/main was not changed\.$/m);
    // the sandbox really is stopped
    const url = /^sandbox listening on (\S+)$/m.exec(out)![1]!;
    await expect(fetch(`${url}/api/v2/triggers.json`)).rejects.toThrow();
    expect(treeHash(instances)).toBe(before);
    expect(seconds).toBeLessThan(30);
  });
});
