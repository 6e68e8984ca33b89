import { placeOf, summaryLine, type Plan } from '../types.js';
import { diffOf } from './diff.js';

const ICON = { create: '🟢 create', update: '🟡 update', deactivate: '🟡 deactivate', delete: '🔴 delete', reorder: '🔵 reorder' } as const;

/** The plan as a merge-request comment: a summary table, then each change folded with its diff. */
export function renderMarkdown(plan: Plan): string {
  const out: string[] = [];
  out.push(`### zdctl plan: \`${plan.instance}\` (${placeOf(plan)})`, '', `**${summaryLine(plan.summary)}**`, '');
  if (plan.changes.length > 0) {
    out.push('| action | object | why |', '|---|---|---|');
    for (const change of plan.changes) out.push(`| ${ICON[change.action]}${change.replace ? ' (replace)' : ''} | \`${escape(change.address)}\` | ${escape(change.reason)} |`);
    out.push('');
    for (const change of plan.changes) {
      out.push(`<details><summary>${ICON[change.action]} <code>${html(change.address)}</code></summary>`, '', '```diff');
      out.push(...diffOf(change).map((line) => line.text));
      out.push('```', '', '</details>', '');
    }
  }
  const ignored = plan.unmanaged.filter((u) => u.policy === 'ignore');
  if (ignored.length > 0) {
    out.push(`<details><summary>${ignored.length} unmanaged live object${ignored.length === 1 ? '' : 's'} (no file, left as they are)</summary>`, '');
    for (const u of ignored) out.push(`- \`${escape(`${u.type}/${u.key}`)}\` (id ${u.id})`);
    out.push('', '</details>', '');
  }
  return `${out.join('\n')}\n`;
}

const escape = (text: string) => text.replace(/\|/g, '\\|').replace(/`/g, "'");
const html = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
