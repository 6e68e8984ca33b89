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
import type { Diagnostic } from '../model/diagnostics.js';
import { PLAN_FORMAT_VERSION } from '../plan/types.js';
import { ExitError } from './exit.js';
import { useColor, type CliIO } from './io.js';
import type { CommandOptions, CommandRun } from './main.js';
import { clientFor, destinationOf, loadValidInstance, report, withApiErrors } from './session.js';

export const run: CommandRun = async (_args, options, io) => {
  const seen: Diagnostic[] = [];
  try {
    return await planCommand(options, io, seen);
  } catch (failure) {
    // `plan --json` answers with one JSON document, also when it fails: the diagnostics and the reason.
    if (options.json && failure instanceof ExitError) {
      io.stdout.write(`${JSON.stringify({ format_version: PLAN_FORMAT_VERSION, instance: String(options.instance), ok: false, error: failure.message, diagnostics: seen }, null, 2)}\n`);
    }
    throw failure;
  }
};

async function planCommand(options: CommandOptions, io: CliIO, seen: Diagnostic[]): Promise<number> {
  const instance = loadValidInstance(options, io, seen);
  report(checkTargets((options.target as string[] | undefined) ?? []), io, '--target', seen);
  const desired = desiredStateOf(instance);
  const client = clientFor(instance, options, io, 'read');
  const { baseUrl } = destinationOf(instance, io);
  const live = await withApiErrors(() => readLiveState(client, liveNeedsOf(desired)));
  const { plan, diagnostics } = buildPlan(desired, live, { zdctlVersion: ZDCTL_VERSION, targets: options.target as string[] | undefined, rotateSecrets: options.rotateSecrets === true, ...(baseUrl ? { baseUrl } : {}) });
  report(diagnostics, io, 'plan', seen);
  if (options.out) writeFileSync(path.resolve(io.cwd, String(options.out)), `${JSON.stringify(plan, null, 2)}\n`, { mode: 0o600 });
  if (options.json) io.stdout.write(`${JSON.stringify(plan, null, 2)}\n`);
  else if (options.format === 'markdown') io.stdout.write(renderMarkdown(plan));
  else io.stdout.write(renderText(plan, { color: useColor(io.stdout, io.env) }));
  if (options.verbose) io.stderr.write(`${client.stats.requests} requests\n`);
  return options.detailedExitcode && plan.changes.length > 0 ? 2 : 0;
}
