import { createServer, type Server } from 'node:http';
import { lstatSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSeed, type Sandbox } from '../../src/sandbox/index.js';
import { LOOKUP_SEEDS, repoCopy, sandboxFor, stateFolderFor, zdctl, type ZdctlRun } from '../helpers/zdctl.js';

/**
 * SPEC.md: "Secrets never appear in output, logs, plan files, snapshots or error messages."
 * Every command runs with a known token (and --verbose); every byte it prints or writes is then
 * searched for the token, the `email/token:…` pair and their base64 (a Basic header). Snapshots,
 * backups, audit logs and saved plans must be owner-only.
 */
const EMAIL = 'secret-keeper@example.com';
const TOKEN = 'Zq7TOKENzdctlHYGIENE4242xyzzy';
const WRONG_TOKEN = 'Wr0ngTOKENzdctlHYGIENE9191plugh';
const forms = (token: string) => [token, `${EMAIL}/token:${token}`, Buffer.from(`${EMAIL}/token:${token}`).toString('base64'), Buffer.from(token).toString('base64')];
const NEEDLES = [...forms(TOKEN), ...forms(WRONG_TOKEN)];

let sandbox: Sandbox;
let repo: { dir: string; remove(): void };
let env: NodeJS.ProcessEnv;
const runs: Array<{ argv: string[]; result: ZdctlRun }> = [];

async function run(argv: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<ZdctlRun> {
  const result = await zdctl(argv, { cwd: repo.dir, env: { ...env, ...extraEnv } });
  runs.push({ argv, result });
  return result;
}

function hits(text: string): string[] {
  return NEEDLES.filter((needle) => text.includes(needle));
}

/** Every regular file under `dir`, with its bytes, permission bits and, for folders, theirs. */
function everything(dir: string): Array<{ file: string; mode: number; bytes?: Buffer }> {
  const found: Array<{ file: string; mode: number; bytes?: Buffer }> = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const absolute = path.join(dir, entry.name);
    const mode = lstatSync(absolute).mode & 0o777;
    if (entry.isDirectory()) {
      found.push({ file: absolute, mode });
      found.push(...everything(absolute));
    } else if (entry.isFile()) found.push({ file: absolute, mode, bytes: readFileSync(absolute) });
  }
  return found;
}

/** A server that echoes the credentials it was sent back in a 400 body and a header. */
function echoServer(): Promise<Server> {
  const server = createServer((req, res) => {
    res.writeHead(400, { 'Content-Type': 'application/json', 'X-Echo': String(req.headers.authorization) });
    res.end(JSON.stringify({ error: 'InvalidValue', description: `you sent ${String(req.headers.authorization)}`, details: { auth: [{ description: String(req.headers.authorization) }] } }));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

beforeAll(async () => {
  ({ sandbox } = await sandboxFor({ token: TOKEN }));
  sandbox.seed(await readSeed(LOOKUP_SEEDS.main));
  repo = repoCopy();
  env = { ZENDESK_URL: sandbox.url, ZENDESK_EMAIL: EMAIL, ZENDESK_API_TOKEN: TOKEN, ZENDESK_OAUTH_TOKEN: TOKEN, ZENDESK_READ_OAUTH_TOKEN: TOKEN, ZENDESK_FED_READ_OAUTH_TOKEN: TOKEN, ZENDESK_FED_EMAIL: EMAIL, ZENDESK_FED_API_TOKEN: TOKEN, ZDCTL_TIME_SCALE: '1000', ZDCTL_MAX_ATTEMPTS: '2' };
});
afterAll(async () => {
  await sandbox.stop();
  repo.remove();
});

describe('no secret in any output or file, whatever the command', () => {
  it('validate, plan (text, json, markdown, saved), apply, plan again: all succeed with --verbose', async () => {
    expect((await run(['--verbose', 'validate', '--all'])).code).toBe(0);
    const planned = await run(['--verbose', 'plan', '--instance', 'main', '--out', 'main.plan.json']);
    expect(planned.code).toBe(0);
    // --verbose really logs each request, so the search below has something to search
    expect(planned.stderr).toMatch(/^GET triggers\S* 200 \d+ms$/m);
    expect((await run(['--verbose', 'plan', '--instance', 'main', '--json'])).code).toBe(0);
    expect((await run(['--verbose', 'plan', '--instance', 'main', '--format', 'markdown'])).code).toBe(0);
    const applied = await run(['--verbose', 'apply', '--instance', 'main', '--auto-approve']);
    expect(applied.stdout).toMatch(/^Apply complete: 84 applied, 0 failed, 0 skipped\.$/m);
    expect(applied.code).toBe(0);
    expect((await run(['--verbose', 'plan', '--instance', 'main', '--detailed-exitcode'])).code).toBe(0);
  });

  it('export, import and restore with --verbose', async () => {
    const exported = await run(['--verbose', 'export', '--instance', 'main', '--out', 'snapshots/main-backup']);
    expect(exported.code).toBe(0);
    const imported = await run(['--verbose', 'import', '--instance', 'main']);
    expect(imported.code, imported.stderr).toBe(0);
    const restored = await run(['--verbose', 'restore', 'snapshots/main-backup', '--instance', 'main', '--auto-approve']);
    expect(restored.stdout, restored.stderr).toMatch(/^No changes\.$/m);
    expect(restored.code).toBe(0);
    const restoredDry = await run(['--verbose', 'restore', 'snapshots/main-backup', '--instance', 'main', '--dry-run']);
    expect(restoredDry.code, restoredDry.stderr).toBe(0);
  });

  it('error paths: wrong token (401), a server that echoes the credentials back, an API that is down', async () => {
    sandbox.clearRequests();
    const refused = await run(['--verbose', 'plan', '--instance', 'main'], { ZENDESK_API_TOKEN: WRONG_TOKEN, ZENDESK_READ_OAUTH_TOKEN: WRONG_TOKEN });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Zendesk answered 401/);
    expect(sandbox.requests.length).toBeGreaterThan(0);
    expect(new Set(sandbox.requests.map((r) => r.status))).toEqual(new Set([401]));

    const echo = await echoServer();
    const echoUrl = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`;
    try {
      for (const argv of [['plan', '--instance', 'main'], ['apply', '--instance', 'main', '--auto-approve'], ['export', '--instance', 'main', '--out', 'snapshots/echo'], ['import', '--instance', 'us-federal'], ['restore', 'snapshots/main-backup', '--instance', 'main', '--auto-approve']]) {
        const echoed = await run(['--verbose', ...argv], { ZENDESK_URL: echoUrl });
        expect(echoed.code, argv.join(' ')).toBe(1);
        expect(echoed.stderr, argv.join(' ')).toMatch(/Zendesk answered 400 InvalidValue/);
      }
    } finally {
      await new Promise((resolve) => echo.close(resolve));
    }

    const closed = await echoServer();
    const downUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((resolve) => closed.close(resolve));
    const down = await run(['--verbose', 'plan', '--instance', 'main'], { ZENDESK_URL: downUrl });
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/gave up after 2 attempts/);
  });

  it('a token pasted into instance.yaml is refused without being quoted, by every command', async () => {
    const config = path.join(repo.dir, 'instances/us-federal/instance.yaml');
    const original = readFileSync(config, 'utf8');
    writeFileSync(config, original.replace(/^( *token_env:).*$/m, `$1 ${TOKEN}`));
    try {
      expect(readFileSync(config, 'utf8')).toContain(TOKEN);
      for (const argv of [['validate', '--instance', 'us-federal'], ['plan', '--instance', 'us-federal'], ['apply', '--instance', 'us-federal', '--auto-approve'], ['export', '--instance', 'us-federal', '--out', 'snapshots/pasted'], ['import', '--instance', 'us-federal']]) {
        const result = await run(['--verbose', ...argv]);
        expect(result.code, argv.join(' ')).toBe(1);
        expect(result.stderr, argv.join(' ')).toMatch(/token_env must (be the )?name (of )?an environment variable/);
      }
    } finally {
      writeFileSync(config, original);
    }
  });

  it('found the secret nowhere: not in stdout or stderr of any run, not in any file in the repository', () => {
    expect(runs.length).toBe(22);
    const printed = runs.flatMap(({ argv, result }) => [...hits(result.stdout), ...hits(result.stderr)].map((needle) => `${argv.join(' ')}: ${needle}`));
    expect(printed).toEqual([]);
    const files = everything(repo.dir).filter((f) => f.bytes !== undefined);
    // the search covers what the commands wrote: plan file, backup, audit log, export snapshot
    const written = files.map((f) => path.relative(repo.dir, f.file)).filter((f) => !f.startsWith('instances/'));
    expect(written).toEqual(expect.arrayContaining(['main.plan.json', `${stateFolderFor('main', env)}/audit.jsonl`, 'snapshots/main-backup/manifest.json', 'snapshots/main-backup/objects/triggers.json']));
    expect(written.filter((f) => f.startsWith(`${stateFolderFor('main', env)}/backups/`)).length).toBeGreaterThan(0);
    const inFiles = files.flatMap((f) => hits(f.bytes!.toString('latin1')).map((needle) => `${path.relative(repo.dir, f.file)}: ${needle}`));
    expect(inFiles).toEqual([]);
  });

  it('the search would find the token in any of its forms', () => {
    expect(hits(`Authorization: Basic ${Buffer.from(`${EMAIL}/token:${TOKEN}`).toString('base64')}`)).toHaveLength(1);
    expect(hits(`echo ${TOKEN}.`)).toEqual([TOKEN]);
  });

  it('writes snapshots, backups, audit logs and saved plans owner-only', () => {
    const owned = everything(repo.dir).filter((f) => /^(\.zdctl|snapshots)(\/|$)/.test(path.relative(repo.dir, f.file)) || f.file.endsWith('.plan.json'));
    const modes = Object.fromEntries(owned.map((f) => [path.relative(repo.dir, f.file), `${f.bytes ? 'file' : 'dir'} ${f.mode.toString(8)}`]));
    const wrong = Object.entries(modes).filter(([, mode]) => mode !== 'file 600' && mode !== 'dir 700');
    expect(wrong).toEqual([]);
    expect(Object.keys(modes).length).toBeGreaterThan(20);
  });
});
