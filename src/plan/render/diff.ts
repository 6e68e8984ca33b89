import { structuredPatch } from 'diff';
import { stringify } from 'yaml';
import { DESCRIPTORS } from '../../resources/index.js';
import type { Change } from '../types.js';

export type DiffLine = { kind: 'add' | 'remove' | 'context' | 'hunk'; text: string };

/** YAML as a file would hold it, so the diff reads like a diff of the file. */
export function toYaml(value: unknown): string {
  return value === undefined ? '' : stringify(value, { lineWidth: 0, aliasDuplicateObjects: false });
}

/** The line diff a change shows: the whole object for a create or delete, the changed hunks for an update. */
export function diffOf(change: Change, context = 3): DiffLine[] {
  const shown = (object: Change['before']) => (object && DESCRIPTORS[change.type].secrets ? DESCRIPTORS[change.type].secrets!.shown(object) : object);
  const [before, after] =
    change.action === 'reorder' ? [toYaml(change.order?.before), toYaml(change.order?.after)] : [toYaml(shown(change.before)), toYaml(shown(change.after))];
  const patch = patchOf(before, after, context);
  const lines: DiffLine[] = [];
  for (const hunk of patch.hunks) {
    if (change.action === 'update' || change.action === 'reorder' || change.action === 'deactivate') {
      lines.push({ kind: 'hunk', text: `@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@` });
    }
    for (const line of hunk.lines) {
      if (line.startsWith('\\')) continue;
      const kind = line[0] === '+' ? 'add' : line[0] === '-' ? 'remove' : 'context';
      lines.push({ kind, text: line });
    }
  }
  return lines;
}

type Hunk = { oldStart: number; oldLines: number; newStart: number; newLines: number; lines: string[] };

/**
 * Most edits the line diff searches for. Its search costs O((N + M) · D) steps for D edits, so a
 * reorder that moves most of N objects costs O(N²): the order of 10,200 macros took over 3 s and
 * grew with the square (34,000 at 10×: ~40 s, and the memory of every path searched). Past this
 * many edits the diff is unreadable anyway; it is shown as the whole old list replaced by the new.
 */
export const MAX_EDIT_LENGTH = 1000;

/** The patch of one change: the real line diff, or the whole text replaced when one side is empty or the diff is too large. */
function patchOf(before: string, after: string, context: number): { hunks: Hunk[] } {
  if (before === after) return { hunks: [] };
  if (before === '' || after === '') return replaced(before, after);
  return structuredPatch('live', 'files', before, after, '', '', { context, maxEditLength: MAX_EDIT_LENGTH }) ?? replaced(before, after);
}

/**
 * Every line of `before` removed and every line of `after` added, in one hunk, as
 * `structuredPatch` writes it when the two share no line (always so when one side is empty: every
 * create and delete, which thus need no diff search).
 */
function replaced(before: string, after: string): { hunks: Hunk[] } {
  const old = linesOf(before);
  const now = linesOf(after);
  const lines = [...old.lines.map((line) => `-${line}`), ...old.tail, ...now.lines.map((line) => `+${line}`), ...now.tail];
  return { hunks: [{ oldStart: 1, oldLines: old.lines.length, newStart: 1, newLines: now.lines.length, lines }] };
}

function linesOf(text: string): { lines: string[]; tail: string[] } {
  if (text === '') return { lines: [], tail: [] };
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') return { lines: lines.slice(0, -1), tail: [] };
  return { lines, tail: ['\\ No newline at end of file'] };
}
