import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildPlan } from '../plan/build.js';
import { checkTargets } from '../plan/targets.js';
import { desiredStateOf } from '../plan/desired.js';
import { liveNeedsOf } from '../plan/needs.js';
import { renderMarkdown } from '../plan/render/markdown.js';
import { renderText } from '../plan/render/text.js';
import { ZDCTL_VERSION } from '../version.js';
import { readLiveState } from '../zendesk/live-state.js';
import { useColor } from './io.js';
import type { CommandRun } from './main.js';
import { clientFor, loadValidInstance, report, withApiErrors } from './session.js';

export const run: CommandRun = async (_args, options, io) => {
  const instance = loadValidInstance(options, io);
  report(checkTargets((options.target as string[] | undefined) ?? []), io, '--target');
  const desired = desiredStateOf(instance);
  const client = clientFor(instance, options, io, 'read');
  const live = await withApiErrors(() => readLiveState(client, liveNeedsOf(desired)));
  const { plan, diagnostics } = buildPlan(desired, live, { zdctlVersion: ZDCTL_VERSION, targets: options.target as string[] | undefined });
  report(diagnostics, io, 'plan');
  if (options.out) writeFileSync(path.resolve(io.cwd, String(options.out)), `${JSON.stringify(plan, null, 2)}\n`, { mode: 0o600 });
  if (options.json) io.stdout.write(`${JSON.stringify(plan, null, 2)}\n`);
  else if (options.format === 'markdown') io.stdout.write(renderMarkdown(plan));
  else io.stdout.write(renderText(plan, { color: useColor(io.stdout, io.env) }));
  if (options.verbose) io.stderr.write(`${client.stats.requests} requests\n`);
  return options.detailedExitcode && plan.changes.length > 0 ? 2 : 0;
};
