import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { applyPlan, stopReason, type ChangeResult } from '../apply/index.js';
import { auditLogWriter, auditRecord } from '../apply/audit.js';
import { describeMissingSecrets, environmentReader, missingSecretVariables } from '../apply/secrets.js';
import { buildPlan } from '../plan/build.js';
import { checkTargets } from '../plan/targets.js';
import { desiredStateOf } from '../plan/desired.js';
import { liveNeedsOf, liveNeedsOfPlan } from '../plan/needs.js';
import { renderText } from '../plan/render/text.js';
import { describeStale, staleEntries, typesTouchedBy } from '../plan/stale.js';
import { placeOf, PLAN_FORMAT_VERSION, summaryLine, type Plan } from '../plan/types.js';
import type { LiveState } from '../resources/live.js';
import { writeSnapshot } from '../snapshot/write.js';
import { ZDCTL_VERSION } from '../version.js';
import { readLiveState } from '../zendesk/live-state.js';
import type { ZendeskClient } from '../zendesk/index.js';
import { confirm } from './confirm.js';
import { stopAt } from './deadline.js';
import { releaseInstanceLock, takeInstanceLock } from './lock.js';
import { ExitError } from './exit.js';
import { useColor, type CliIO } from './io.js';
import type { CommandOptions, CommandRun } from './main.js';
import { clientFor, destinationOf, loadValidInstance, report, withApiErrors, type Destination } from './session.js';

export const run: CommandRun = async (args, options, io) => {
  const planFile = args[0];
  const saved = planFile ? readPlanFile(planFile, io) : undefined;
  // A saved plan names its instance: `zdctl apply PLANFILE` needs no --instance (one given must agree).
  const instanceName = (options.instance as string | undefined) ?? saved?.instance;
  if (!instanceName) throw new ExitError(1, 'apply needs --instance NAME, or a saved plan (zdctl apply PLANFILE), which names its instance');
  const instance = loadValidInstance({ ...options, instance: instanceName }, io);
  report(checkTargets((options.target as string[] | undefined) ?? []), io, '--target');
  const client = clientFor(instance, options, io, 'write');
  const destination = destinationOf(instance, io);
  const backupDir = backupDirOf(options, destination);
  const includePersonal = instance.config?.personal === 'include';
  if (saved) return carryOut(await savedPlan(saved, planFile!, instance.name, destination, client, io, includePersonal), client, options, io, backupDir, { destination, includePersonal });
  const replan = () => freshPlan(instance, client, options, io, destination);
  return carryOut(await replan(), client, options, io, backupDir, { replan, destination, includePersonal });
};

/** A plan with the live state it was computed from. */
export interface PlannedState {
  plan: Plan;
  live: LiveState;
}

export interface CarryOutOptions {
  /** Plans again from the live state as it is now; used when another run held the lock meanwhile. */
  replan?: () => Promise<PlannedState>;
  /** The command that writes, named in the lock and in messages. */
  command?: string;
  /** Where it writes, as the confirmation names it. */
  destination?: Destination;
  /** Personal macros and views are part of what was planned (instance.yaml `personal: include`). */
  includePersonal?: boolean;
}

/**
 * Shared with restore: shows the plan, checks deletes, takes the instance lock, asks, checks that
 * what the plan touches is unchanged live, backs up, applies, reports.
 */
export async function carryOut(planned: PlannedState, client: ZendeskClient, options: CommandOptions, io: CliIO, backupDir: string, how: CarryOutOptions = {}): Promise<number> {
  let { plan, live } = planned;
  const render = (shown: Plan) => renderText(shown, { color: useColor(io.stdout, io.env), desiredFrom: how.command === 'restore' ? 'snapshot' : 'files' });
  io.stdout.write(render(plan));
  if (plan.changes.length === 0) return 0;
  refuseDeletes(plan, options);
  refuseMissingSecrets(plan, io);
  const command = how.command ?? 'apply';
  // Past its deadline a run starts nothing at all, not even the lock's two writes.
  const pastDeadline = options.deadline instanceof Date && options.deadline.getTime() <= Date.now();
  const { lock, waited } = pastDeadline ? { lock: undefined, waited: false } : await takeInstanceLock(client, options, io, command);
  const stop = new AbortController();
  const stopListening = io.onInterrupt?.((signal) => {
    io.stderr.write(`\n${signal}: no new write starts; waiting for the writes in flight to finish (another ${signal} ends zdctl at once).\n`);
    stop.abort(signal);
  });
  try {
    if (waited && how.replan) {
      io.stderr.write('Another run held the lock: planning again against the live instance as it is now.\n');
      ({ plan, live } = await how.replan());
      io.stdout.write(render(plan));
      if (plan.changes.length === 0) return 0;
      refuseDeletes(plan, options);
      refuseMissingSecrets(plan, io);
    }
    if (!options.autoApprove) await confirm(io, { deletes: plan.changes.filter((c) => c.action === 'delete').length, subdomain: plan.subdomain, ...(how.destination?.baseUrl ? { where: how.destination.label } : {}) });
    await refuseIfChangedSince(plan, client, command, how.includePersonal === true);
    if (stop.signal.aborted) throw new ExitError(130, 'Interrupted before the first write; nothing was changed.');
    return await write(plan, live, client, options, io, backupDir, stop.signal);
  } finally {
    stopListening?.();
    if (lock) await releaseInstanceLock(lock, io);
  }
}

function refuseDeletes(plan: Plan, options: CommandOptions): void {
  const deletes = plan.changes.filter((c) => c.action === 'delete');
  if (deletes.length > 0 && !options.allowDelete) {
    throw new ExitError(1, `The plan deletes ${deletes.length} object${deletes.length === 1 ? '' : 's'} (${deletes.map((d) => d.address).join(', ')}); nothing was changed. Run again with --allow-delete to let it.`);
  }
}

/** Before the lock and any write: every secret the plan sends must be in its environment variable. */
function refuseMissingSecrets(plan: Plan, io: CliIO): void {
  const missing = missingSecretVariables(plan.changes, environmentReader(io.env));
  if (missing.length > 0) throw new ExitError(1, describeMissingSecrets(plan.changes, missing));
}

/** Right before the first write: reads again the types the plan touches; anything it touches that moved stops the run. */
async function refuseIfChangedSince(plan: Plan, client: ZendeskClient, command: string, includePersonal: boolean): Promise<void> {
  const now = await withApiErrors(() => readLiveState(client, { types: typesTouchedBy(plan), lookupKinds: new Set(), userEmails: [], includePersonal }));
  const stale = describeStale(plan, staleEntries(plan, now));
  if (stale.length > 0) {
    throw new ExitError(1, `${command}: the live instance changed since the plan was made (${stale.join(', ')}). Nothing was changed; run zdctl ${command} again to plan from what is live now.`);
  }
}

async function write(plan: Plan, live: LiveState, client: ZendeskClient, options: CommandOptions, io: CliIO, backupDir: string, stop: AbortSignal): Promise<number> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const backup = path.join(backupDir, 'backups', stamp);
  writeSnapshot(backup, { kind: 'pre-apply-backup', instance: plan.instance, subdomain: plan.subdomain, ...(plan.base_url ? { baseUrl: plan.base_url } : {}), zdctlVersion: ZDCTL_VERSION, live });
  io.stderr.write(`Backup of the live state before this apply: ${path.relative(io.cwd, backup) || backup}\n`);
  const audit = auditLogWriter(path.join(backupDir, 'audit.jsonl'));
  const deadline = options.deadline instanceof Date ? stopAt(options.deadline) : undefined;
  const { results, counts } = await applyPlan(plan, live, client, {
    secrets: environmentReader(io.env),
    stop: deadline ? AbortSignal.any([stop, deadline.signal]) : stop,
    // Written as each answer arrives: after a SIGKILL, at most the writes in flight are missing.
    onResult: (result) => {
      audit(auditRecord(plan.instance, result));
      // Progress goes to a terminal only (SPEC); the summary below and the audit log say it all in CI.
      if (io.stderr.isTTY) io.stderr.write(`${progressLine(result)}\n`);
    },
  }).finally(() => deadline?.dispose());
  const unfinished = results.filter((r) => r.status !== 'applied');
  for (const result of unfinished.filter((r) => r.status !== 'not_started')) io.stderr.write(`${failureLine(result)}\n`);
  for (const result of unfinished.filter((r) => r.status === 'not_started')) io.stderr.write(`not started: ${result.change.action} ${result.change.address}\n`);
  if (options.verbose) io.stderr.write(`${client.stats.requests} requests\n`);
  if (stop.aborted) {
    io.stdout.write(`Apply interrupted: ${counts.applied} applied, ${counts.failed} failed, ${counts.skipped} skipped, ${counts.not_started} not started.\n`);
    io.stderr.write('Run zdctl apply again to finish: it plans only what is still different.\n');
    return 130;
  }
  if (counts.not_started > 0) io.stderr.write(`Stopped: ${stopReason(deadline?.signal)}; ${counts.not_started} change${counts.not_started === 1 ? ' was' : 's were'} not started.\n`);
  const notStarted = counts.not_started > 0 ? `, ${counts.not_started} not started` : '';
  io.stdout.write(`Apply ${unfinished.length === 0 ? 'complete' : 'incomplete'}: ${counts.applied} applied, ${counts.failed} failed, ${counts.skipped} skipped${notStarted}.\n`);
  if (unfinished.length > 0) io.stderr.write('Run zdctl apply again to finish: it plans only what is still different.\n');
  return unfinished.length === 0 ? 0 : 1;
}

/** `failed: update X: Zendesk answered …`: the object named once, whether or not the message already names it. */
function failureLine(result: ChangeResult): string {
  const subject = `${result.change.action} ${result.change.address}`;
  const message = result.message ?? '';
  return `${result.status}: ${message.startsWith(subject) ? message : `${subject}: ${message.replace(/^(skipped|not started): /, '')}`}`;
}

function progressLine(result: ChangeResult): string {
  const mark = result.status === 'applied' ? '✓' : result.status === 'failed' ? '✗' : '·';
  return `${mark} ${result.change.action} ${result.change.address}${result.id !== undefined && result.change.action === 'create' ? ` (id ${result.id})` : ''}`;
}

async function freshPlan(instance: ReturnType<typeof loadValidInstance>, client: ZendeskClient, options: CommandOptions, io: CliIO, destination: Destination) {
  const desired = desiredStateOf(instance);
  const live = await withApiErrors(() => readLiveState(client, liveNeedsOf(desired)));
  const baseUrl = destination.baseUrl;
  const { plan, diagnostics } = buildPlan(desired, live, { zdctlVersion: ZDCTL_VERSION, targets: options.target as string[] | undefined, rotateSecrets: options.rotateSecrets === true, ...(baseUrl ? { baseUrl } : {}) });
  report(diagnostics, io, 'plan');
  return { plan, live };
}

function readPlanFile(file: string, io: CliIO): Plan {
  const absolute = path.resolve(io.cwd, file);
  if (!existsSync(absolute)) throw new ExitError(1, `plan file ${file} does not exist`);
  let plan: Plan;
  try {
    plan = JSON.parse(readFileSync(absolute, 'utf8')) as Plan;
  } catch (cause) {
    throw new ExitError(1, `${file} is not a plan file: ${(cause as Error).message}`);
  }
  if (plan?.format_version !== PLAN_FORMAT_VERSION || !Array.isArray(plan.changes)) throw new ExitError(1, `${file} is not a zdctl plan of format ${PLAN_FORMAT_VERSION}`);
  return plan;
}

async function savedPlan(plan: Plan, file: string, instanceName: string, destination: Destination, client: ZendeskClient, io: CliIO, includePersonal: boolean) {
  if (plan.instance !== instanceName) throw new ExitError(1, `${file} is a plan for instance "${plan.instance}", not "${instanceName}"`);
  if ((plan.base_url ?? undefined) !== destination.baseUrl) {
    throw new ExitError(1, `${file} was made against ${placeOf(plan)}, but this run points at ${destination.label}; nothing was changed. Make the plan against where it is applied.`);
  }
  const live = await withApiErrors(() => readLiveState(client, { ...liveNeedsOfPlan(plan), includePersonal }));
  const stale = describeStale(plan, staleEntries(plan, live));
  if (stale.length > 0) {
    throw new ExitError(1, `${file} is stale: the live instance changed since the plan was made (${stale.join(', ')}). Nothing was changed; run zdctl plan again.`);
  }
  io.stderr.write(`Applying saved plan ${file} (${summaryLine(plan.summary)})\n`);
  return { plan, live };
}

/** --backup-dir, or `.zdctl/<instance>/` (`.zdctl/<instance>@<host>/` for another URL than the instance's own). */
export function backupDirOf(options: CommandOptions, destination: Destination): string {
  return options.backupDir ? path.resolve(String(options.backupDir)) : path.join(options.dir, '.zdctl', destination.stateFolder);
}
