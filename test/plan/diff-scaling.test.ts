import { describe, expect, it, vi } from 'vitest';

// Counts calls into the line-diff library: a create, a delete and the reorder of a type that had
// no objects (a restore into an empty instance) need no diff search, whose cost is O(N²) for N
// added lines (restore at 3×: 5 s of 32 in the search for the order of 10,000 macros).
const calls = vi.hoisted(() => ({ structuredPatch: 0, maxEditLength: [] as Array<number | undefined> }));
vi.mock('diff', async (importOriginal) => {
  const original = await importOriginal<typeof import('diff')>();
  return {
    ...original,
    structuredPatch: (...args: Parameters<typeof original.structuredPatch>) => {
      calls.structuredPatch += 1;
      calls.maxEditLength.push((args[6] as { maxEditLength?: number } | undefined)?.maxEditLength);
      return original.structuredPatch(...args);
    },
  };
});

const { structuredPatch } = await vi.importActual<typeof import('diff')>('diff');
const { diffOf, toYaml, MAX_EDIT_LENGTH } = await import('../../src/plan/render/diff.js');
import type { Change } from '../../src/plan/types.js';

const change = (action: Change['action'], parts: Partial<Change>): Change =>
  ({ type: 'macros', key: 'k', address: 'macros/k', action, reason: 'r', depends_on: [], ...parts }) as Change;

/** What diffOf answered before the one-sided path: straight from structuredPatch. */
function reference(c: Change): Array<{ kind: string; text: string }> {
  const [before, after] = c.action === 'reorder' ? [toYaml(c.order?.before), toYaml(c.order?.after)] : [toYaml(c.before), toYaml(c.after)];
  const lines: Array<{ kind: string; text: string }> = [];
  for (const hunk of structuredPatch('live', 'files', before, after, '', '', { context: 3 }).hunks) {
    if (c.action === 'update' || c.action === 'reorder' || c.action === 'deactivate') {
      lines.push({ kind: 'hunk', text: `@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@` });
    }
    for (const line of hunk.lines) {
      if (line.startsWith('\\')) continue;
      lines.push({ kind: line[0] === '+' ? 'add' : line[0] === '-' ? 'remove' : 'context', text: line });
    }
  }
  return lines;
}

const names = (n: number) => Array.from({ length: n }, (_, i) => `Macro ${i}`);
const reorder = (before: string[], after: string[]) => change('reorder', { order: { before, after } } as Partial<Change>);

describe('diffOf with one side empty', () => {
  it('answers what structuredPatch answers, without calling it', () => {
    const cases: Change[] = [
      change('create', { after: { title: 'A', actions: [{ field: 'status', value: 'open' }], text: 'two\nlines', empty: '' } }),
      change('delete', { before: { title: 'A', description: null, list: [] } }),
      change('create', { after: 'no newline' as never }),
      change('create', { after: { a: '' } }),
    ];
    for (const c of cases) {
      const expected = reference(c);
      calls.structuredPatch = 0;
      expect(diffOf(c)).toEqual(expected);
      expect(calls.structuredPatch).toBe(0);
    }
  });
});

describe('diffOf of a large reorder', () => {
  it('bounds the diff search, and shows the old order replaced by the new past the bound', () => {
    calls.structuredPatch = 0;
    calls.maxEditLength = [];
    const before = names(20_000);
    const after = [...before].sort();
    const lines = diffOf(reorder(before, after));
    expect(calls.maxEditLength).toEqual([MAX_EDIT_LENGTH]);
    expect(lines[0]).toEqual({ kind: 'hunk', text: '@@ -1,20000 +1,20000 @@' });
    expect(lines.slice(1, 20_001).every((l) => l.kind === 'remove')).toBe(true);
    expect(lines.slice(20_001).map((l) => l.text)).toEqual(after.map((name) => `+- ${name}`));
  });

  it('a reorder within the bound is the same diff as before', () => {
    for (const [before, after] of [
      [[], names(50)],
      [names(3), []],
      [names(200), [...names(200).slice(1), 'Macro 0']],
      [names(400), [...names(400)].reverse().slice(0, 300)],
    ] as Array<[string[], string[]]>) {
      const c = reorder(before, after);
      expect(diffOf(c)).toEqual(reference(c));
    }
  });

  it('still diffs an update', () => {
    calls.structuredPatch = 0;
    const c = change('update', { before: { title: 'A', active: true }, after: { title: 'A', active: false } });
    expect(diffOf(c)).toEqual(reference(c));
    expect(calls.structuredPatch).toBe(1);
  });
});
