import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import { REPO_ROOT } from '../helpers/temp-repo.js';
import { sandboxFor, zdctl } from '../helpers/zdctl.js';
import { corpusCases, materialize, treeState } from './cases.js';

/**
 * Every case of the bad-input corpus goes through `zdctl validate` and `zdctl plan` against a
 * sandbox: exit 1, exactly the expected diagnostics on stderr (each with file:line:column),
 * not one request to the API, and not one file created, changed or removed in the repository.
 */
const cases = corpusCases();
let sandbox: Sandbox;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  ({ sandbox, env } = await sandboxFor());
});
afterAll(async () => {
  await sandbox.stop();
});

describe.each(cases)('$category/$name', (c) => {
  it('is refused by validate and plan with exactly the expected diagnostics, offline, writing nothing', async () => {
    const repo = materialize(c);
    try {
      const before = treeState(repo.dir);
      sandbox.clearRequests();
      const shown = (text: string) => text.replaceAll(repo.dir, '<repo>');
      const errors = (c.expected.match(/^\S.*: error: /gm) ?? []).length;

      const validated = await zdctl(['validate', '--instance', 't'], { cwd: repo.dir, env });
      expect(shown(validated.stderr)).toBe(c.expected);
      expect(validated.stdout).toMatch(new RegExp(`^instances/t: invalid, \\d+ objects?, ${errors} errors?(, \\d+ warnings?)?\\n$`));
      expect(validated.code).toBe(1);

      const planned = await zdctl(['plan', '--instance', 't', '--out', 'plan.json'], { cwd: repo.dir, env });
      expect(shown(planned.stderr)).toBe(`${c.expected}instances/t: ${errors} error${errors === 1 ? '' : 's'}, nothing was changed\n`);
      expect(planned.stdout).toBe('');
      expect(planned.code).toBe(1);

      expect(sandbox.requests).toEqual([]);
      expect(treeState(repo.dir)).toEqual(before);
    } finally {
      repo.remove();
    }
  });
});

describe('the corpus', () => {
  it('has every case pointing at a file and line, and prints its counts per category', () => {
    for (const c of cases) {
      expect(c.expected, `${c.category}/${c.name}`).toMatch(/^instances\/t\/\S+:\d+:\d+: error: /);
    }
    const counts = new Map<string, number>();
    for (const c of cases) counts.set(c.category, (counts.get(c.category) ?? 0) + 1);
    const table = [...counts].map(([category, count]) => `${category.padEnd(18)} ${count}`);
    const text = `bad-input corpus: ${cases.length} cases\n${table.join('\n')}\n`;
    mkdirSync(path.join(REPO_ROOT, 'test-results'), { recursive: true });
    writeFileSync(path.join(REPO_ROOT, 'test-results/corpus-counts.txt'), text);
    console.log(text);
    expect(cases.length).toBeGreaterThanOrEqual(100);
  });
});
