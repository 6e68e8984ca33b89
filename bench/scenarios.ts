// One measured operation each: set the sandbox up, run zdctl as a child against it, count the
// requests it sent, and set them against the lower bound for that operation.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DESCRIPTORS, LOOKUP_TYPES, managedTypeOfKind, type ManagedType, type ReferenceKind } from '../src/resources/index.js';
import { LOOKUP_OF_KIND } from '../src/resources/live.js';
import { acceleratedClock, LOOKUP_TYPES as SANDBOX_LOOKUP_TYPES, MANAGED_TYPES as SANDBOX_TYPES, startSandbox, type Clock, type RequestLogEntry, type Sandbox } from '../src/sandbox/index.js';
import { createWrites, MANAGED, rateLimitedSeconds, readLowerBound, type LookupList, type ReadNeeds } from './bounds.js';
import { REPO_ROOT, runZdctl, type ChildRun } from './child.js';
import { stringify } from 'yaml';
import { generateInstance, INSTANCE_CONFIG, namedEmails, webhookSecrets, writeInstance, type GeneratedInstance } from './generate.js';
import { lookupSeed, type RawObject } from './lookups.js';
import { mutate } from './mutate.js';

export const INSTANCE = 'bench';
/**
 * Creates go out concurrently and land in any order, so zdctl ends a create-everything run with
 * the order writes of each ordered type: one reorder call (fields, forms, SLA policies; triggers
 * with their categories in one job) or update_many of positions, 100 a call (automations, views,
 * macros). The guard accepts those on top of the creates; the lower bound does not count them (a
 * POST may carry `position` for business rules, so a create-in-order needs none).
 */
function orderWritesAccepted(counts: Partial<Record<ManagedType, number>>): number {
  const writesFor = (type: ManagedType, count: number): number => {
    const { ordering } = DESCRIPTORS[type];
    if (ordering.kind === 'reorder_endpoint' || ordering.kind === 'categories') return 1;
    return ordering.kind === 'position_list' ? Math.ceil(count / 100) : 0;
  };
  return (Object.entries(counts) as [ManagedType, number][]).reduce((sum, [type, count]) => sum + (count > 0 ? writesFor(type, count) : 0), 0);
}

/** Every object created from its file: the POSTs, the workweeks and the holidays (bounds.ts createWrites). */
function createAllWrites(generated: GeneratedInstance): number {
  return generated.objects.reduce((sum, object) => sum + createWrites(object.type, object.data), 0);
}

/** Looked-up types a snapshot holds in full besides the managed ones (export and import read them all): brands, targets. */
const LOOKUP_LISTS = LOOKUP_TYPES.filter((type): type is LookupList => type !== 'users' && !(MANAGED as readonly string[]).includes(type));
export const MODEL_RATES = [200, 700, 2500] as const;

export interface Measurement {
  scale: number;
  operation: string;
  objects: number;
  /** Objects this operation changes (writes), if it writes. */
  changed?: number;
  requests: number;
  lowerBound: number;
  ratio: number;
  /** Writes sent, not counting ones refused with 429 (those are retried and counted in requests). */
  writes: number;
  writeLowerBound?: number;
  /** Most writes the --quick guard accepts (the lower bound, plus one order write per type where creates land concurrently). */
  writeTarget?: number;
  /** Answers other than 2xx (429s included); reported, not guarded (it depends on timing). */
  failedRequests: number;
  exitCode: number;
  cpuMs: number;
  wallMs: number;
  maxRssMb: number;
  /** Seconds at each rate limit: requests × 60 / rate, plus zdctl's own CPU time. */
  modelledSeconds: Record<string, number>;
  /** Runs under a rate limit on the sandbox's clock (accelerated, or real). */
  rateLimited?: RateLimitedTiming;
  note?: string;
}

export interface RateLimitedTiming {
  perMinute: number;
  /** Sandbox clock speed-up (1 = real time); zdctl gets ZDCTL_TIME_SCALE = factor. */
  factor: number;
  /** From the first request sent to the last answer, on the sandbox's clock. */
  requestPhaseSeconds: number;
  /** Steady-state bound: requests × 60 / perMinute. The issue's target is phase ≤ 1.10 × this. */
  boundSeconds: number;
  /** requestPhaseSeconds / boundSeconds */
  ratio: number;
  /**
   * The bound under fixed one-minute windows (Zendesk's and the sandbox's model) from where in its
   * window the run started: the last request cannot go before window ceil(N/perMinute) − 1 opens.
   */
  windowBoundSeconds: number;
  /** Request phase on the sandbox clock plus zdctl's real time outside it: what a user would wait. */
  estimatedWallSeconds: number;
}

/** Everything one scale's scenarios share: the repository with the instance, and the seeded state. */
export interface ScaleContext {
  scale: number;
  repoDir: string;
  instanceDir: string;
  generated: GeneratedInstance;
  objectCount: number;
  /** API state after the initial apply, as the list endpoints answer it: what the lower bounds count. */
  baseline?: Record<string, RawObject[]>;
  /**
   * The same state as the sandbox stores it, with what no list answers (a schedule's holidays, a
   * webhook's credentials): what later scenarios seed into a fresh sandbox.
   */
  baselineSeed?: Record<string, RawObject[]>;
  /** What the second apply after the initial one had left to do (see converge). */
  convergenceNote?: string | undefined;
  /** The snapshot export wrote, for restore. */
  snapshotDir?: string;
}

export function prepareScale(scale: number): ScaleContext {
  const repoDir = mkdtempSync(path.join(tmpdir(), `zdctl-bench-${scale}-`));
  const generated = generateInstance(scale);
  const instanceDir = writeInstance(repoDir, INSTANCE, generated);
  return { scale, repoDir, instanceDir, generated, objectCount: generated.objects.length };
}

export function disposeScale(context: ScaleContext): void {
  rmSync(context.repoDir, { recursive: true, force: true });
}

/** The sandbox's address and credentials, and the webhooks' secrets (apply and restore read them). */
function zdctlEnv(context: ScaleContext, sandbox: Sandbox, timeScale = 1): NodeJS.ProcessEnv {
  return {
    ZENDESK_URL: sandbox.url,
    ZENDESK_EMAIL: 'admin@bench.example',
    ZENDESK_API_TOKEN: 'sandbox',
    ...webhookSecrets(context.generated),
    ...(timeScale !== 1 ? { ZDCTL_TIME_SCALE: String(timeScale) } : {}),
  };
}

/** Every type as the sandbox stores it. */
function storedState(sandbox: Sandbox): Record<string, RawObject[]> {
  return Object.fromEntries([...SANDBOX_TYPES, ...SANDBOX_LOOKUP_TYPES].map((type) => [type, sandbox.storedObjects(type) as RawObject[]]));
}

async function freshSandbox(options: { perMinute: number | null; clock?: Clock; seed?: Record<string, RawObject[]> }): Promise<Sandbox> {
  const sandbox = await startSandbox({ port: 0, host: '127.0.0.1', rateLimitPerMinute: options.perMinute, ...(options.clock ? { clock: options.clock } : {}), subdomain: INSTANCE });
  sandbox.seed(options.seed ?? lookupSeed());
  return sandbox;
}

function modelled(requests: number, cpuMs: number): Record<string, number> {
  return Object.fromEntries(MODEL_RATES.map((rate) => [String(rate), round(rateLimitedSeconds(requests, rate) + cpuMs / 1000, 1)]));
}

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
/** A write that reached Zendesk's logic: a 429 refusal changes nothing and is a matter of time, not count. */
const isWrite = (entry: RequestLogEntry) => entry.method !== 'GET' && entry.status !== 429;
const failed = (entry: RequestLogEntry) => entry.status === null || entry.status >= 300;

/** Every apply or restore with changes takes and releases the instance lock (src/zendesk/instance-lock.ts): one POST, one DELETE. */
const LOCK_WRITES = 2;

interface Bound {
  reads: number;
  writes?: number;
  /** Writes accepted by the guard; defaults to `writes`. */
  writeTarget?: number;
  changed?: number;
}

function measurement(context: ScaleContext, operation: string, run: ChildRun, log: RequestLogEntry[], bound: Bound, extra: Partial<Measurement> = {}): Measurement {
  const lowerBound = bound.reads + (bound.writes ?? 0);
  return {
    scale: context.scale,
    operation,
    objects: context.objectCount,
    ...(bound.changed !== undefined ? { changed: bound.changed } : {}),
    requests: log.length,
    lowerBound,
    ratio: lowerBound === 0 ? (log.length === 0 ? 1 : Infinity) : round(log.length / lowerBound, 3),
    writes: log.filter(isWrite).length,
    ...(bound.writes !== undefined ? { writeLowerBound: bound.writes, writeTarget: bound.writeTarget ?? bound.writes } : {}),
    failedRequests: log.filter(failed).length,
    exitCode: run.code,
    cpuMs: Math.round(run.cpuMs),
    wallMs: Math.round(run.wallMs),
    maxRssMb: round(run.maxRssMb, 1),
    modelledSeconds: modelled(log.length, run.cpuMs),
    ...extra,
  };
}

function expectExit(run: ChildRun, codes: number[], what: string): void {
  if (!codes.includes(run.code)) throw new Error(`${what}: zdctl exited ${run.code}\n${run.stderr.slice(-4000)}\n${run.stdout.slice(-2000)}`);
}

/** Looked-up types the files name (`Brand: X` …) that the instance does not manage: a plan reads them in full. */
function namedLookups(generated: GeneratedInstance): LookupList[] {
  const kinds = new Set<string>();
  for (const object of generated.objects) for (const match of JSON.stringify(object.data).matchAll(/"(\w+): /g)) kinds.add(match[1]!);
  return [...kinds].flatMap((kind) => {
    const lookup = LOOKUP_OF_KIND[kind as ReferenceKind];
    return lookup && lookup !== 'users' && !managedTypeOfKind(kind as ReferenceKind, MANAGED) ? [lookup] : [];
  });
}

/**
 * What a plan must read: every managed list (and a schedule's holidays), the lookups the files
 * name, the agents by email and id. Without a baseline: an empty account (one page a list).
 */
function planReadNeeds(context: ScaleContext, baseline: Record<string, RawObject[]> | undefined): ReadNeeds {
  const liveCounts = Object.fromEntries(MANAGED.map((type) => [type, baseline?.[type]?.length ?? 0]));
  const lookupCounts = Object.fromEntries(namedLookups(context.generated).map((type) => [type, baseline?.[type]?.length ?? 0]));
  const emails = namedEmails(context.generated).length;
  // Once applied, the live objects hold exactly the agents the files name.
  return { liveCounts, lookupCounts, emails, userIds: baseline ? emails : 0 };
}

/** Runs of a local operation: the one of median CPU time is reported (the machine is shared; CPU time moves less than wall). */
export const LOCAL_REPEATS = 5;

async function medianRun(times: number, run: () => Promise<ChildRun>): Promise<ChildRun> {
  const runs: ChildRun[] = [];
  for (let i = 0; i < times; i++) runs.push(await run());
  return runs.sort((a, b) => a.cpuMs - b.cpuMs)[Math.floor(runs.length / 2)]!;
}

/**
 * validate with every file parsed (`--no-cache`: a first run, or a CI job without the cache
 * folder), then with the parse cache filled by a previous run (an editor save, a pre-commit hook).
 */
export async function measureValidate(context: ScaleContext, { withCache = false } = {}): Promise<Measurement[]> {
  const validate = (...flags: string[]) => runZdctl(['validate', '--instance', INSTANCE, ...flags], { cwd: context.repoDir, env: {} });
  const cold = await medianRun(LOCAL_REPEATS, () => validate('--no-cache'));
  expectExit(cold, [0], 'validate --no-cache');
  // What later operations find, as after a user's first run.
  expectExit(await validate(), [0], 'validate (filling the cache)');
  const measured = [measurement(context, 'validate', cold, [], { reads: 0 }, { note: `--no-cache, median CPU of ${LOCAL_REPEATS} runs` })];
  if (withCache) {
    const warm = await medianRun(LOCAL_REPEATS, () => validate());
    expectExit(warm, [0], 'validate');
    measured.push(measurement(context, 'validate (cache filled)', warm, [], { reads: 0 }, { note: `median CPU of ${LOCAL_REPEATS} runs` }));
  }
  return measured;
}

/** The ~90-object example of the repository (instances/main), whole process, in a copy of the repository's instances. */
export async function measureExampleValidate(scale: number): Promise<Measurement[]> {
  const repoDir = mkdtempSync(path.join(tmpdir(), 'zdctl-bench-example-'));
  try {
    cpSync(path.join(REPO_ROOT, 'instances'), path.join(repoDir, 'instances'), { recursive: true });
    const context = { scale, repoDir, objectCount: 0 } as ScaleContext;
    const validate = (...flags: string[]) => runZdctl(['validate', '--instance', 'main', ...flags], { cwd: repoDir, env: {} });
    const cold = await medianRun(LOCAL_REPEATS, () => validate('--no-cache'));
    expectExit(cold, [0], 'validate --instance main --no-cache');
    context.objectCount = Number(cold.stdout.match(/valid, (\d+) objects/)?.[1] ?? 0);
    expectExit(await validate(), [0], 'validate --instance main (filling the cache)');
    const warm = await medianRun(LOCAL_REPEATS, () => validate());
    const note = `instances/main of the repository, median CPU of ${LOCAL_REPEATS} runs`;
    return [
      measurement(context, 'validate --instance main (no cache)', cold, [], { reads: 0 }, { note }),
      measurement(context, 'validate --instance main (cache filled)', warm, [], { reads: 0 }, { note }),
    ];
  } finally {
    rmSync(repoDir, { recursive: true, force: true });
  }
}

/** Creates the whole instance in an empty sandbox (no rate limit) and keeps the result as the baseline. */
export async function measureInitialApply(context: ScaleContext): Promise<Measurement> {
  const sandbox = await freshSandbox({ perMinute: null });
  try {
    const run = await runZdctl(['apply', '--instance', INSTANCE, '--auto-approve'], { cwd: context.repoDir, env: zdctlEnv(context, sandbox) });
    expectExit(run, [0], 'initial apply');
    const log = [...sandbox.requests];
    await converge(context, sandbox);
    context.baseline = sandbox.dump() as Record<string, RawObject[]>;
    context.baselineSeed = storedState(sandbox);
    const bound = { reads: readLowerBound(planReadNeeds(context, undefined)), ...createAllBound(context) };
    return measurement(context, 'apply: create all (empty instance)', run, log, bound, { note: `no rate limit; lower bound: one POST per object (and a schedule's workweek and holidays); a second apply then planned: ${context.convergenceNote ?? 'No changes.'}` });
  } finally {
    await sandbox.stop();
  }
}

/**
 * A second apply when the first left the live order different from `_order.yaml`: zdctl's plan
 * expects creates to land in file order, but apply sends them in dependency rounds (objects that
 * reference nothing new go first), so after a create-everything apply a reorder can remain.
 * Reported to the lead; the baseline must be the converged state either way.
 */
async function converge(context: ScaleContext, sandbox: Sandbox): Promise<void> {
  const run = await runZdctl(['apply', '--instance', INSTANCE, '--auto-approve'], { cwd: context.repoDir, env: zdctlEnv(context, sandbox) });
  expectExit(run, [0], 'second apply (convergence)');
  context.convergenceNote = run.stdout.match(/^Plan: .*$/m)?.[0];
}

function requireBaseline(context: ScaleContext): Record<string, RawObject[]> {
  if (!context.baseline) throw new Error('run the initial apply first: it makes the baseline state');
  return context.baseline;
}

function requireSeed(context: ScaleContext): Record<string, RawObject[]> {
  if (!context.baselineSeed) throw new Error('run the initial apply first: it makes the baseline state');
  return context.baselineSeed;
}

/** Creating everything: the writes the files need, the lock's two, and the order writes the guard accepts. */
function createAllBound(context: ScaleContext): Pick<Bound, 'writes' | 'writeTarget' | 'changed'> {
  const writes = createAllWrites(context.generated) + LOCK_WRITES;
  return { writes, writeTarget: writes + orderWritesAccepted(context.generated.counts), changed: context.objectCount };
}

export async function measurePlan(context: ScaleContext, changedShare: number, { cache = true }: { cache?: boolean } = {}): Promise<Measurement> {
  const baseline = requireBaseline(context);
  const sandbox = await freshSandbox({ perMinute: null, seed: requireSeed(context) });
  const changes = Math.round(context.objectCount * changedShare);
  const mutation = changes > 0 ? mutate(context.instanceDir, context.generated, changes) : undefined;
  try {
    const run = await runZdctl(['plan', '--instance', INSTANCE, '--detailed-exitcode', ...(cache ? [] : ['--no-cache'])], { cwd: context.repoDir, env: zdctlEnv(context, sandbox) });
    expectExit(run, [changes > 0 ? 2 : 0], `plan (${changes} changed)`);
    const summary = run.stdout.match(/^(Plan: .*|No changes\.)$/m)?.[0] ?? '?';
    const expected = changes > 0 ? `Plan: 0 to create, ${mutation!.changed.length} to update, 0 to delete, 0 to reorder.` : 'No changes.';
    if (summary !== expected) throw new Error(`plan said "${summary}", expected "${expected}"`);
    const operation = `${changes > 0 ? `plan (${round(changedShare * 100, 1)}% changed` : 'plan (no changes'}${cache ? '' : ', no cache'})`;
    return measurement(context, operation, run, [...sandbox.requests], { reads: readLowerBound(planReadNeeds(context, baseline)) }, { ...(changes > 0 ? { changed: mutation!.changed.length } : {}) });
  } finally {
    mutation?.revert();
    await sandbox.stop();
  }
}

/**
 * Applies `changes` content edits under a rate limit. factor > 1: the sandbox's clock runs that
 * much faster and zdctl divides its waits by it, so minutes of rate limit pass in seconds.
 */
export async function measureRateLimitedApply(context: ScaleContext, options: { changes: number; perMinute: number; factor: number; label?: string }): Promise<Measurement> {
  const baseline = requireBaseline(context);
  const clock = options.factor === 1 ? undefined : acceleratedClock(options.factor);
  const sandbox = await freshSandbox({ perMinute: options.perMinute, seed: requireSeed(context), ...(clock ? { clock } : {}) });
  const mutation = mutate(context.instanceDir, context.generated, options.changes, 2);
  try {
    const run = await runZdctl(['apply', '--instance', INSTANCE, '--auto-approve'], { cwd: context.repoDir, env: zdctlEnv(context, sandbox, options.factor) });
    expectExit(run, [0], 'apply of changes');
    const log = [...sandbox.requests];
    const changed = mutation.changed.length;
    const bound = { reads: readLowerBound(planReadNeeds(context, baseline)), writes: changed + LOCK_WRITES, changed };
    const timing = rateLimitedTiming(log, run, options);
    const name = options.label ?? `apply: ${changed} updates @${options.perMinute}/min${options.factor === 1 ? ' (real time)' : ` (clock ×${options.factor})`}`;
    return measurement(context, name, run, log, bound, { rateLimited: timing });
  } finally {
    mutation.revert();
    await sandbox.stop();
  }
}

const WINDOW_MS = 60_000;

function rateLimitedTiming(log: RequestLogEntry[], run: ChildRun, options: { perMinute: number; factor: number }): RateLimitedTiming {
  const first = Math.min(...log.map((e) => e.startedAt));
  const last = Math.max(...log.map((e) => e.finishedAt));
  const requestPhaseSeconds = (last - first) / 1000;
  const boundSeconds = rateLimitedSeconds(log.length, options.perMinute);
  const lastWindow = Math.ceil(log.length / options.perMinute) - 1;
  const windowBoundMs = lastWindow === 0 ? 0 : first - (first % WINDOW_MS) + lastWindow * WINDOW_MS - first;
  const outsideRealSeconds = Math.max(0, run.wallMs / 1000 - requestPhaseSeconds / options.factor);
  return {
    perMinute: options.perMinute,
    factor: options.factor,
    requestPhaseSeconds: round(requestPhaseSeconds, 1),
    boundSeconds: round(boundSeconds, 1),
    ratio: round(requestPhaseSeconds / boundSeconds, 3),
    windowBoundSeconds: round(windowBoundMs / 1000, 1),
    estimatedWallSeconds: round(requestPhaseSeconds + outsideRealSeconds, 1),
  };
}

/** Account settings a restore checks before writing (the locales of dynamic content variants): one list each. */
function settingListsOf(types: readonly ManagedType[]): number {
  return new Set(types.flatMap((type) => (DESCRIPTORS[type].accountSettings ?? []).map((setting) => setting.list))).size;
}

/** What export and import read: every managed list, every looked-up list, the users the objects hold. */
function wholeInstanceReads(context: ScaleContext, baseline: Record<string, RawObject[]>): number {
  const liveCounts = Object.fromEntries(MANAGED.map((type) => [type, baseline[type]?.length ?? 0]));
  const lookupCounts = Object.fromEntries(LOOKUP_LISTS.map((type) => [type, baseline[type]?.length ?? 0]));
  return readLowerBound({ liveCounts, lookupCounts, emails: 0, userIds: namedEmails(context.generated).length });
}

/** Exports the baseline state; keeps the snapshot folder for the restore scenario. */
export async function measureExport(context: ScaleContext): Promise<Measurement> {
  const baseline = requireBaseline(context);
  const sandbox = await freshSandbox({ perMinute: null, seed: requireSeed(context) });
  const snapshot = path.join(context.repoDir, 'snapshots', 'bench-export');
  try {
    const run = await runZdctl(['export', '--instance', INSTANCE, '--out', snapshot], { cwd: context.repoDir, env: zdctlEnv(context, sandbox) });
    expectExit(run, [0], 'export');
    context.snapshotDir = snapshot;
    return measurement(context, 'export', run, [...sandbox.requests], { reads: wholeInstanceReads(context, baseline) });
  } finally {
    await sandbox.stop();
  }
}

/** Imports the baseline state into an instance folder that holds only instance.yaml. */
export async function measureImport(context: ScaleContext): Promise<Measurement> {
  const baseline = requireBaseline(context);
  const sandbox = await freshSandbox({ perMinute: null, seed: requireSeed(context) });
  const name = 'imported';
  const dir = path.join(context.repoDir, 'instances', name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'instance.yaml'), stringify(INSTANCE_CONFIG));
  try {
    const run = await runZdctl(['import', '--instance', name], { cwd: context.repoDir, env: zdctlEnv(context, sandbox) });
    expectExit(run, [0], 'import');
    return measurement(context, 'import (into an empty folder)', run, [...sandbox.requests], { reads: wholeInstanceReads(context, baseline) });
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await sandbox.stop();
  }
}

/** Restores the exported snapshot into an empty instance (lookups only) under a rate limit. */
export async function measureRestore(context: ScaleContext, options: { perMinute: number; factor: number }): Promise<Measurement> {
  if (!context.snapshotDir) throw new Error('run the export first: restore reads its snapshot');
  const clock = options.factor === 1 ? undefined : acceleratedClock(options.factor);
  const sandbox = await freshSandbox({ perMinute: options.perMinute, ...(clock ? { clock } : {}) });
  try {
    const run = await runZdctl(['restore', context.snapshotDir, '--instance', INSTANCE, '--auto-approve'], { cwd: context.repoDir, env: zdctlEnv(context, sandbox, options.factor) });
    expectExit(run, [0], 'restore');
    const log = [...sandbox.requests];
    const bound = { reads: readLowerBound({ ...planReadNeeds(context, undefined), settingLists: settingListsOf(MANAGED) }), ...createAllBound(context) };
    const name = `restore into empty @${options.perMinute}/min${options.factor === 1 ? ' (real time)' : ` (clock ×${options.factor})`}`;
    return measurement(context, name, run, log, bound, { rateLimited: rateLimitedTiming(log, run, options) });
  } finally {
    await sandbox.stop();
  }
}
