// `npm run bench [-- --scale 0.1,1,10] [--quick] [--real-time] [--out FILE]`
// Generates a synthetic instance per scale, runs zdctl against the sandbox, prints the table,
// writes the JSON, and in --quick mode exits 1 when a request ratio is above its target.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from './child.js';
import { machine, table } from './report.js';
import { disposeScale, measureExampleValidate, measureExport, measureImport, measureInitialApply, measurePlan, measureRateLimitedApply, measureRestore, measureValidate, prepareScale, type Measurement } from './scenarios.js';
import { ratioViolations } from './targets.js';

/** ~1,000 objects: the quick mode CI can afford. */
export const QUICK_SCALE = 1 / 6;
const CHANGES_AT_SCALE_1 = 1000;

interface BenchOptions {
  scales: number[];
  quick: boolean;
  realTime: boolean;
  out: string | undefined;
}

function options(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: { scale: { type: 'string' }, quick: { type: 'boolean', default: false }, 'real-time': { type: 'boolean', default: false }, out: { type: 'string' } },
  });
  const quick = values.quick ?? false;
  const scales = (values.scale ?? (quick ? String(QUICK_SCALE) : '1')).split(',').map(Number);
  if (scales.some((s) => !(s > 0))) throw new Error(`--scale wants positive numbers, e.g. 0.1,1,10 (got ${values.scale})`);
  const out = values.out ?? (quick ? undefined : path.join(REPO_ROOT, 'bench/results/latest.json'));
  return { scales, quick, realTime: values['real-time'] ?? false, out };
}

/**
 * How much faster the sandbox clock runs in the rate-limited apply. zdctl's own CPU time is
 * stretched by the same factor on that clock, so it must stay well below the rate limit's share:
 * at ~5 ms CPU per change against ~86 ms of rate limit per request at 700/min, 4 keeps the run
 * rate-bound (measured: ×20 made 1× CPU-bound on the fake clock, ×2 and ×5 agreed).
 */
export const CLOCK_FACTOR = 4;
/** Restore: ~1–2 ms of CPU per create against ~86 ms of rate limit per request, so 10 stays rate-bound. */
export const RESTORE_CLOCK_FACTOR = 10;

/**
 * `detail` adds the local-time rows (npm run bench; not the quick guard): the example instance's
 * whole-process validate, and validate and plan with and without the parse cache.
 */
export async function benchScale(scale: number, log: (line: string) => void, withRealTime = false, detail = false): Promise<Measurement[]> {
  const context = prepareScale(scale);
  const results: Measurement[] = [];
  const step = async (measure: () => Promise<Measurement | Measurement[]>) => {
    let measured: Measurement[];
    try {
      measured = [await measure()].flat();
    } catch (error) {
      // One failed operation (e.g. out of memory at 10×) is reported and the others still run;
      // the ones that need its result (the baseline, the snapshot) then fail on their own.
      log(`  FAILED: ${error instanceof Error ? error.message.split('\n').slice(0, 6).join(' | ') : String(error)}`);
      return;
    }
    for (const result of measured) {
      results.push(result);
      log(`  ${result.operation}: ${result.requests} requests (bound ${result.lowerBound}), ${(result.cpuMs / 1000).toFixed(2)} s CPU, ${(result.wallMs / 1000).toFixed(2)} s wall, ${result.maxRssMb} MB`);
    }
  };
  try {
    log(`scale ${Number(scale.toPrecision(2))}: ${context.objectCount} objects in ${context.instanceDir}`);
    if (detail) await step(() => measureExampleValidate(scale));
    await step(() => measureValidate(context, { withCache: detail }));
    await step(() => measureInitialApply(context));
    if (detail) await step(() => measurePlan(context, 0, { cache: false }));
    await step(() => measurePlan(context, 0));
    await step(() => measurePlan(context, 0.01));
    const changes = Math.max(10, Math.round(CHANGES_AT_SCALE_1 * scale));
    await step(() => measureRateLimitedApply(context, { changes, perMinute: 700, factor: CLOCK_FACTOR }));
    await step(() => measureExport(context));
    await step(() => measureImport(context));
    await step(() => measureRestore(context, { perMinute: 700, factor: RESTORE_CLOCK_FACTOR }));
    if (withRealTime) {
      // The same kind of run on the real clock, small enough to wait for: checks the accelerated model.
      await step(() => measureRateLimitedApply(context, { changes, perMinute: 100, factor: 1 }));
      await step(() => measureRateLimitedApply(context, { changes, perMinute: 100, factor: CLOCK_FACTOR }));
    }
  } finally {
    disposeScale(context);
  }
  return results;
}

async function main(): Promise<number> {
  const opts = options(process.argv.slice(2));
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const measurements: Measurement[] = [];
  for (const scale of opts.scales) {
    const smallest = scale === Math.min(...opts.scales);
    measurements.push(...(await benchScale(scale, log, opts.realTime && smallest, !opts.quick)));
  }
  const host = machine();
  process.stdout.write(`${table(measurements)}\n\nmachine: ${host.nproc} CPUs (${host.cpuModel}), ${host.totalMemoryGb} GB, Node ${host.node}, ${host.platform}\n`);
  if (opts.out) {
    mkdirSync(path.dirname(opts.out), { recursive: true });
    writeFileSync(opts.out, `${JSON.stringify({ generated_at: new Date().toISOString(), machine: host, measurements }, null, 2)}\n`);
    log(`wrote ${path.relative(process.cwd(), opts.out)}`);
  }
  const violations = ratioViolations(measurements);
  for (const violation of violations) log(`TARGET MISSED: ${violation}`);
  return opts.quick && violations.length > 0 ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  process.exitCode = await main();
}
