import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { applyPlan, stopReason, type ChangeResult } from '../apply/index.js';
import { auditLogWriter, auditRecord } from '../apply/audit.js';
import { buildPlan } from '../plan/build.js';
import { checkTargets } from '../plan/targets.js';
import { desiredStateOf } from '../plan/desired.js';
import { liveNeedsOf, liveNeedsOfPlan } from '../plan/needs.js';
import { renderText } from '../plan/render/text.js';
import { staleEntries } from '../plan/stale.js';
import { PLAN_FORMAT_VERSION, summaryLine, type Plan } from '../plan/types.js';
import type { LiveState } from '../resources/live.js';
import { writeSnapshot } from '../snapshot/write.js';
import { ZDCTL_VERSION } from '../version.js';
import { readLiveState } from '../zendesk/live-state.js';
import type { ZendeskClient } from '../zendesk/index.js';
import { confirm } from './confirm.js';
import { stopAt } from './deadline.js';
import { ExitError } from './exit.js';
import { useColor, type CliIO } from './io.js';
import type { CommandOptions, CommandRun } from './main.js';
import { clientFor, loadValidInstance, report, withApiErrors } from './session.js';

export const run: CommandRun = async (args, options, io) => {
  const instance = loadValidInstance(options, io);
  report(checkTargets((options.target as string[] | undefined) ?? []), io, '--target');
  const client = clientFor(instance, options, io, 'write');
  const planFile = args[0];
  const { plan, live } = planFile ? await savedPlan(planFile, instance.name, client, io) : await freshPlan(instance, client, options, io);
  return carryOut(plan, live, client, options, io, backupDirOf(options, instance.name));
};

/** Shared with restore: shows the plan, checks deletes and confirmation, backs up, applies, reports. */
export async function carryOut(plan: Plan, live: LiveState, client: ZendeskClient, options: CommandOptions, io: CliIO, backupDir: string): Promise<number> {
  io.stdout.write(renderText(plan, { color: useColor(io.stdout, io.env) }));
  if (plan.changes.length === 0) return 0;
  const deletes = plan.changes.filter((c) => c.action === 'delete');
  if (deletes.length > 0 && !options.allowDelete) {
    throw new ExitError(1, `The plan deletes ${deletes.length} object${deletes.length === 1 ? '' : 's'} (${deletes.map((d) => d.address).join(', ')}); nothing was changed. Run again with --allow-delete to let it.`);
  }
  if (!options.autoApprove) await confirm(io, { deletes: deletes.length, subdomain: plan.subdomain });

  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const backup = path.join(backupDir, 'backups', stamp);
  writeSnapshot(backup, { kind: 'pre-apply-backup', instance: plan.instance, subdomain: plan.subdomain, zdctlVersion: ZDCTL_VERSION, live });
  io.stderr.write(`Backup of the live state before this apply: ${path.relative(io.cwd, backup) || backup}\n`);
  const audit = auditLogWriter(path.join(backupDir, 'audit.jsonl'));
  const deadline = options.deadline instanceof Date ? stopAt(options.deadline) : undefined;
  const { results, counts } = await applyPlan(plan, live, client, {
    onResult: (result) => {
      audit(auditRecord(plan.instance, result));
      // Progress goes to a terminal only (SPEC); the summary below and the audit log say it all in CI.
      if (io.stderr.isTTY) io.stderr.write(`${progressLine(result)}\n`);
    },
    ...(deadline ? { stop: deadline.signal } : {}),
  }).finally(() => deadline?.dispose());
  const failed = results.filter((r) => r.status !== 'applied');
  for (const result of failed.filter((r) => r.status !== 'not_started')) io.stderr.write(`${result.status}: ${result.change.action} ${result.change.address}: ${result.message}\n`);
  for (const result of failed.filter((r) => r.status === 'not_started')) io.stderr.write(`not started: ${result.change.action} ${result.change.address}\n`);
  if (counts.not_started > 0) io.stderr.write(`Stopped: ${stopReason(deadline?.signal)}; ${counts.not_started} change${counts.not_started === 1 ? ' was' : 's were'} not started.\n`);
  const notStarted = counts.not_started > 0 ? `, ${counts.not_started} not started` : '';
  io.stdout.write(`Apply ${failed.length === 0 ? 'complete' : 'incomplete'}: ${counts.applied} applied, ${counts.failed} failed, ${counts.skipped} skipped${notStarted}.\n`);
  if (options.verbose) io.stderr.write(`${client.stats.requests} requests\n`);
  if (failed.length > 0) io.stderr.write('Run zdctl apply again to finish: it plans only what is still different.\n');
  return failed.length === 0 ? 0 : 1;
}

function progressLine(result: ChangeResult): string {
  const mark = result.status === 'applied' ? '✓' : result.status === 'failed' ? '✗' : '·';
  return `${mark} ${result.change.action} ${result.change.address}${result.id !== undefined && result.change.action === 'create' ? ` (id ${result.id})` : ''}`;
}

async function freshPlan(instance: ReturnType<typeof loadValidInstance>, client: ZendeskClient, options: CommandOptions, io: CliIO) {
  const desired = desiredStateOf(instance);
  const live = await withApiErrors(() => readLiveState(client, liveNeedsOf(desired)));
  const { plan, diagnostics } = buildPlan(desired, live, { zdctlVersion: ZDCTL_VERSION, targets: options.target as string[] | undefined });
  report(diagnostics, io, 'plan');
  return { plan, live };
}

async function savedPlan(file: string, instanceName: string, client: ZendeskClient, io: CliIO) {
  const absolute = path.resolve(io.cwd, file);
  if (!existsSync(absolute)) throw new ExitError(1, `plan file ${file} does not exist`);
  let plan: Plan;
  try {
    plan = JSON.parse(readFileSync(absolute, 'utf8')) as Plan;
  } catch (cause) {
    throw new ExitError(1, `${file} is not a plan file: ${(cause as Error).message}`);
  }
  if (plan.format_version !== PLAN_FORMAT_VERSION || !Array.isArray(plan.changes)) throw new ExitError(1, `${file} is not a zdctl plan of format ${PLAN_FORMAT_VERSION}`);
  if (plan.instance !== instanceName) throw new ExitError(1, `${file} is a plan for instance "${plan.instance}", not "${instanceName}"`);
  const live = await withApiErrors(() => readLiveState(client, liveNeedsOfPlan(plan)));
  const stale = staleEntries(plan, live);
  if (stale.length > 0) {
    throw new ExitError(1, `${file} is stale: the live instance changed since the plan was made (${stale.join(', ')}). Nothing was changed; run zdctl plan again.`);
  }
  io.stderr.write(`Applying saved plan ${file} (${summaryLine(plan.summary)})\n`);
  return { plan, live };
}

export function backupDirOf(options: CommandOptions, instance: string): string {
  return options.backupDir ? path.resolve(String(options.backupDir)) : path.join(options.dir, '.zdctl', instance);
}
