import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { DESCRIPTORS, managedTypesOf } from '../../src/resources/index.js';
import { liveKeyOf } from '../../src/resources/live.js';
import { acceleratedClock, readSeed, type FaultSpec, type Sandbox } from '../../src/sandbox/index.js';
import { LOOKUP_SEEDS, sandboxFor, zdctl, type ZdctlRun } from '../helpers/zdctl.js';

/** Sandbox waits and client waits shrink alike: Retry-After: 1 and backoff take a millisecond or so. */
export const TIME_SCALE = 1000;

/** What users meet on a bad day: 10 % 429/503 with Retry-After, 2 % dropped, 1 % lost after a committed write, slow answers. */
export function badDay(seed: number): FaultSpec {
  return { status429: 0.05, status503: 0.05, drop: 0.02, lost: 0.01, slow: 0.05, slowMs: 20, retryAfter: 1, seed };
}

export interface Bench {
  sandbox: Sandbox;
  env: NodeJS.ProcessEnv;
  repo: string;
  run(argv: string[], extraEnv?: NodeJS.ProcessEnv): Promise<ZdctlRun>;
  stop(): Promise<void>;
}

/** A sandbox with main's lookups, an accelerated clock, and a copy of the repository's instances. */
export async function bench(): Promise<Bench> {
  const { sandbox, env: base } = await sandboxFor({ clock: acceleratedClock(TIME_SCALE) });
  sandbox.seed(await readSeed(LOOKUP_SEEDS.main));
  const repo = path.join(process.env.TMPDIR ?? '/tmp', `zdctl-faults-${process.pid}-${Math.random().toString(36).slice(2)}`);
  mkdirSync(repo, { recursive: true });
  cpSync(path.resolve('instances'), path.join(repo, 'instances'), { recursive: true });
  const env = { ...base, ZDCTL_TIME_SCALE: String(TIME_SCALE) };
  return {
    sandbox,
    env,
    repo,
    run: (argv, extraEnv = {}) => zdctl(argv, { cwd: repo, env: { ...env, ...extraEnv } }),
    stop: async () => {
      await sandbox.stop();
      rmSync(repo, { recursive: true, force: true });
    },
  };
}

/**
 * Types whose positions instances/main manages (an `_order.yaml`; trigger categories through the
 * triggers' one). Other types keep the order their creates happened to land in, which concurrent
 * requests and retries make vary from run to run: SPEC, "When absent, positions are left as they are".
 */
export const ORDERED_IN_MAIN = new Set(['ticket_fields', 'user_fields', 'organization_fields', 'ticket_forms', 'triggers', 'trigger_categories', 'views']);

/** Natural keys of the live managed objects per type (list order where main manages it, else sorted), system objects left out. */
export function liveKeys(sandbox: Sandbox): Record<string, string[]> {
  const dump = sandbox.dump();
  return Object.fromEntries(
    // main manages no opt-in type: the account's groups and statuses are its look-ups, not its objects.
    managedTypesOf(undefined).map((type) => {
      const descriptor = DESCRIPTORS[type];
      const keys = (dump[type] ?? []).filter((o) => !descriptor.isSystem(o)).map((o) => liveKeyOf(descriptor, o));
      return [type, ORDERED_IN_MAIN.has(type) ? keys : keys.sort()];
    }),
  );
}

/** An imported tree without the order files of types whose order main leaves to chance. */
export function withoutUnmanagedOrder(tree: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(tree).filter(([file]) => !(file.endsWith('/_order.yaml') && !ORDERED_IN_MAIN.has(file.split('/')[0]!))));
}

/** Keys that are live more than once: any is a duplicate created by a retried write. */
export function duplicates(sandbox: Sandbox): string[] {
  return Object.entries(liveKeys(sandbox)).flatMap(([type, keys]) => keys.filter((key, i) => keys.indexOf(key) !== i).map((key) => `${type}/${key}`));
}

/**
 * The live state as names, not ids: `zdctl import` of the sandbox (faults off) into an empty
 * instance folder, every file's text by path. Two instances hold the same configuration exactly
 * when these trees are equal.
 */
export async function importedTree(b: Bench): Promise<Record<string, string>> {
  const faults = b.sandbox.setFaults.bind(b.sandbox);
  faults(null);
  const dir = path.join(b.repo, 'instances/compare');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'instance.yaml'), 'subdomain: acme\n');
  const imported = await b.run(['import', '--instance', 'compare']);
  if (imported.code !== 0) throw new Error(`import for comparison failed: ${imported.stderr}`);
  const tree = withoutUnmanagedOrder(readTree(dir));
  rmSync(dir, { recursive: true, force: true });
  return tree;
}

export function readTree(dir: string, prefix = ''): Record<string, string> {
  const tree: Record<string, string> = {};
  for (const entry of readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) Object.assign(tree, readTree(dir, relative));
    else tree[relative] = readFileSync(path.join(dir, relative), 'utf8');
  }
  return tree;
}

/** Injected faults by kind in the sandbox's request log. */
export function faultCounts(sandbox: Sandbox): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const entry of sandbox.requests) if (entry.fault) counts[entry.fault] = (counts[entry.fault] ?? 0) + 1;
  return counts;
}

export const writesIn = (sandbox: Sandbox) => sandbox.requests.filter((r) => r.method !== 'GET');

/**
 * An HTTP proxy in front of the sandbox that lets `writes` write requests through and then, as if
 * Zendesk went down, answers every request 503 with Retry-After until `recover()`.
 */
export async function outageAfter(target: string, writes: number): Promise<{ url: string; passed(): number; recover(): void; close(): Promise<void> }> {
  let passed = 0;
  let down = false;
  const upstream = new URL(target);
  const server: Server = createServer((req, res) => {
    const isWrite = req.method !== 'GET';
    if (down || (isWrite && passed >= writes)) {
      down = true;
      req.resume();
      res.writeHead(503, { 'Retry-After': '1', 'Content-Type': 'text/plain' });
      res.end('Service Unavailable');
      return;
    }
    if (isWrite) passed += 1;
    const forward = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    passed: () => passed,
    recover: () => {
      down = false;
      passed = Number.NEGATIVE_INFINITY;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export type Outage = '503 with Retry-After' | 'every connection dropped' | '500 without Retry-After';

/**
 * A Zendesk that is down: a server of its own per command (so that requests a failed command left
 * retrying in the background cannot reach the next one), answering every request the same way,
 * and counting what it was sent.
 */
export async function downServer(outage: Outage): Promise<{ url: string; sent: string[]; close(): Promise<void> }> {
  const sent: string[] = [];
  const server: Server = createServer((req, res) => {
    sent.push(`${req.method} ${req.url}`);
    req.resume();
    if (outage === 'every connection dropped') {
      req.socket.destroy();
      return;
    }
    if (outage === '503 with Retry-After') res.writeHead(503, { 'Retry-After': '1', 'Content-Type': 'text/plain' });
    else res.writeHead(500, { 'Content-Type': 'application/json' });
    res.end(outage === '503 with Retry-After' ? 'Service Unavailable' : JSON.stringify({ error: 'InternalServerError', description: 'Something went wrong' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    sent,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
