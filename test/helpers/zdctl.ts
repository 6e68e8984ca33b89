import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main.js';
import { readSeed, startSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/index.js';
import { REPO_ROOT } from './temp-repo.js';

export interface ZdctlRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs zdctl in this process, as the binary would, with its own streams and environment. */
export async function zdctl(argv: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; stdin?: string; tty?: boolean }): Promise<ZdctlRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const stdin = new PassThrough() as PassThrough & { isTTY?: boolean };
  if (options.tty) stdin.isTTY = true;
  stdin.end(options.stdin ?? '');
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk.toString()));
  stderr.on('data', (chunk: Buffer) => err.push(chunk.toString()));
  const code = await main(argv, { stdout, stderr, stdin, env: options.env ?? {}, cwd: options.cwd });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

/**
 * A sandbox on port 0 and the environment that points zdctl at it. References are strict: a
 * write naming an id that no object has is refused, so a wrong or stale id zdctl resolves fails the test.
 */
export async function sandboxFor(options: SandboxOptions = {}): Promise<{ sandbox: Sandbox; env: NodeJS.ProcessEnv }> {
  const sandbox = await startSandbox({ port: 0, rateLimitPerMinute: null, strictReferences: true, ...options });
  return { sandbox, env: { ZENDESK_URL: sandbox.url, ZENDESK_EMAIL: 'admin@example.com', ZENDESK_API_TOKEN: options.token ?? 'sandbox', ZENDESK_FED_EMAIL: 'admin@example.com', ZENDESK_FED_API_TOKEN: options.token ?? 'sandbox' } };
}

/** A temporary repository with copies of the shipped instances (apply writes backups into it). */
export function repoCopy(): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'zdctl-e2e-'));
  cpSync(path.join(REPO_ROOT, 'instances'), path.join(dir, 'instances'), { recursive: true });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export const LOOKUP_SEEDS = {
  main: path.join(REPO_ROOT, 'examples/sandbox/main-lookups.json'),
  'us-federal': path.join(REPO_ROOT, 'examples/sandbox/us-federal-lookups.json'),
};

/** The usual end-to-end stage: a sandbox that knows an instance's looked-up names, and a repository copy. */
export async function stageFor(instance: keyof typeof LOOKUP_SEEDS): Promise<{ sandbox: Sandbox; env: NodeJS.ProcessEnv; repo: { dir: string; remove(): void } }> {
  const { sandbox, env } = await sandboxFor();
  sandbox.seed(await readSeed(LOOKUP_SEEDS[instance]));
  return { sandbox, env, repo: repoCopy() };
}

/**
 * The requests of a run without the instance lock's create and release (src/zendesk/instance-lock.ts),
 * for tests about what a run changes. Only for tests that delete no user field themselves.
 */
export function withoutLock<T extends { method: string; path: string; body: unknown }>(requests: T[]): T[] {
  return requests.filter((r) => {
    const body = r.body as { user_field?: { key?: unknown } } | undefined;
    if (r.method === 'POST' && /^\/api\/v2\/user_fields(\.json)?$/.test(r.path) && body?.user_field?.key === 'zdctl_apply_lock') return false;
    return !(r.method === 'DELETE' && /^\/api\/v2\/user_fields\/\d+(\.json)?$/.test(r.path));
  });
}

/** Where apply keeps backups and the audit log when pointed at a sandbox through ZENDESK_URL (not the instance's own URL). */
export function stateFolderFor(instance: string, env: NodeJS.ProcessEnv): string {
  return `.zdctl/${instance}@${new URL(env.ZENDESK_URL!).host.replace(/[^A-Za-z0-9.-]+/g, '_')}`;
}

/** How output names a sandbox reached through ZENDESK_URL for an instance with this subdomain. */
export function sandboxPlace(env: NodeJS.ProcessEnv, subdomain: string): string {
  return `${env.ZENDESK_URL} (ZENDESK_URL; not ${subdomain}.zendesk.com)`;
}
