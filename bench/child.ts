// Runs the built zdctl (`node bin/zdctl …`) as a child process and reads back its own CPU time
// and peak memory, so the sandbox's work in this process is not counted as zdctl's.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The repository root, whether this runs compiled (dist/bench/bench) or from source (bench/). */
export const REPO_ROOT = repoRootFrom(path.dirname(fileURLToPath(import.meta.url)));
const ZDCTL_BIN = path.join(REPO_ROOT, 'bin/zdctl');
const PROBE = pathToFileURL(path.join(REPO_ROOT, 'bench/usage-probe.mjs')).href;

function repoRootFrom(start: string): string {
  for (let dir = start; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'bin/zdctl')) && existsSync(path.join(dir, 'package.json'))) return dir;
  }
  throw new Error(`no zdctl repository above ${start}`);
}

export interface ChildRun {
  code: number;
  stdout: string;
  stderr: string;
  wallMs: number;
  cpuMs: number;
  maxRssMb: number;
}

/** `zdctl <argv>` in cwd with the given environment (added to a minimal one: PATH, HOME). */
export async function runZdctl(argv: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<ChildRun> {
  const scratch = mkdtempSync(path.join(tmpdir(), 'zdctl-bench-usage-'));
  const usageFile = path.join(scratch, 'usage.json');
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', ...options.env, ZDCTL_BENCH_USAGE: usageFile };
  const started = performance.now();
  // BENCH_ZDCTL_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof": node flags for the zdctl child (profiling).
  const nodeArgs = (process.env.BENCH_ZDCTL_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, '--import', PROBE, ZDCTL_BIN, ...argv], { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  const code = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (exitCode) => resolve(exitCode ?? 1));
  });
  const wallMs = performance.now() - started;
  const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as { userMicros: number; systemMicros: number; maxRssKb: number };
  rmSync(scratch, { recursive: true, force: true });
  return {
    code,
    stdout: Buffer.concat(stdout).toString(),
    stderr: Buffer.concat(stderr).toString(),
    wallMs,
    cpuMs: (usage.userMicros + usage.systemMicros) / 1000,
    maxRssMb: usage.maxRssKb / 1024,
  };
}
