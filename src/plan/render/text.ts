import { Chalk } from 'chalk';
import { placeOf, summaryLine, type Change, type Plan } from '../types.js';
import { diffOf } from './diff.js';

const SYMBOL: Record<Change['action'], string> = { create: '+', update: '~', delete: '-', deactivate: '~', reorder: '↕' };

/** The plan for a terminal: one block per change with its YAML diff, unmanaged objects, the summary line. */
export function renderText(plan: Plan, options: { color: boolean; desiredFrom?: 'files' | 'snapshot' }): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const paint: Record<Change['action'], (s: string) => string> = {
    create: chalk.green,
    update: chalk.yellow,
    deactivate: chalk.yellow,
    delete: chalk.red,
    reorder: chalk.cyan,
  };
  const out: string[] = [];
  out.push(chalk.bold(`zdctl plan for instance ${plan.instance} (${placeOf(plan)})`), '');
  for (const change of plan.changes) {
    const head = `${SYMBOL[change.action]} ${change.action} ${change.address}${change.replace ? ' (replace)' : ''}`;
    out.push(paint[change.action](chalk.bold(head)) + chalk.dim(`  # ${change.reason}`));
    for (const line of diffOf(change)) {
      const text = `    ${line.text}`;
      out.push(line.kind === 'add' ? chalk.green(text) : line.kind === 'remove' ? chalk.red(text) : line.kind === 'hunk' ? chalk.cyan(text) : chalk.dim(text));
    }
    out.push('');
  }
  const ignored = plan.unmanaged.filter((u) => u.policy === 'ignore');
  if (ignored.length > 0) {
    const without = options.desiredFrom === 'snapshot' ? 'not in the snapshot' : 'without a file';
    out.push(chalk.bold(`Unmanaged: ${ignored.length} live object${ignored.length === 1 ? '' : 's'} ${without}, left as they are:`));
    for (const u of ignored) out.push(`  ${u.type}/${u.key} (id ${u.id})`);
    out.push('');
  }
  out.push(chalk.bold(summaryLine(plan.summary)));
  return `${out.join('\n')}\n`;
}
