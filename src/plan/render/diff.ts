import { structuredPatch } from 'diff';
import { stringify } from 'yaml';
import type { Change } from '../types.js';

export type DiffLine = { kind: 'add' | 'remove' | 'context' | 'hunk'; text: string };

/** YAML as a file would hold it, so the diff reads like a diff of the file. */
export function toYaml(value: unknown): string {
  return value === undefined ? '' : stringify(value, { lineWidth: 0, aliasDuplicateObjects: false });
}

/** The line diff a change shows: the whole object for a create or delete, the changed hunks for an update. */
export function diffOf(change: Change, context = 3): DiffLine[] {
  const [before, after] =
    change.action === 'reorder' ? [toYaml(change.order?.before), toYaml(change.order?.after)] : [toYaml(change.before), toYaml(change.after)];
  const patch = structuredPatch('live', 'files', before, after, '', '', { context });
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
