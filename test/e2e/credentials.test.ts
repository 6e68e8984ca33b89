// A read-only credential and a write credential per instance (SPEC "Environment"): reading commands
// prefer the read one, writing commands use only the write one and refuse, with nothing sent, when
// only the read-only one is there. zdctl runs as a process (bin/zdctl), as CI runs it.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readSeed, startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { baseEnv, runProcess } from '../ci/process.js';
import { REPO_ROOT } from '../helpers/temp-repo.js';
import { LOOKUP_SEEDS, repoCopy } from '../helpers/zdctl.js';

const BIN = path.join(REPO_ROOT, 'bin/zdctl');
const WRITE_TOKEN = 'admin-api-token-for-tests';
const READ_TOKEN = 'read-scoped-oauth-token-for-tests';

let sandbox: Sandbox;
let repo: { dir: string; remove(): void };
const zdctl = (args: string[], env: NodeJS.ProcessEnv) => runProcess(process.execPath, [BIN, ...args], { cwd: repo.dir, env: { ...baseEnv(), ZENDESK_URL: sandbox.url, ...env } });
const readOnly = { ZENDESK_READ_OAUTH_TOKEN: READ_TOKEN };
const writeOnly = { ZENDESK_EMAIL: 'admin@example.com', ZENDESK_API_TOKEN: WRITE_TOKEN };

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, rateLimitPerMinute: null, token: WRITE_TOKEN, readToken: READ_TOKEN });
  sandbox.seed(await readSeed(LOOKUP_SEEDS.main));
  repo = repoCopy();
});
afterAll(async () => {
  await sandbox.stop();
  repo.remove();
});
beforeEach(() => sandbox.clearRequests());

describe('instances/main: auth.read (OAuth, read scope) and auth.write (admin API token)', () => {
  it('plan reads with the read credential when both are set (a wrong write token is never used)', async () => {
    const result = await zdctl(['plan', '--instance', 'main'], { ...readOnly, ZENDESK_EMAIL: 'admin@example.com', ZENDESK_API_TOKEN: 'not-a-token-the-sandbox-accepts' });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Plan: 78 to create, 0 to update, 0 to delete, 6 to reorder\.$/m);
    expect(sandbox.requests.length).toBeGreaterThan(0);
    expect(sandbox.requests.filter((r) => r.status !== 200)).toEqual([]);
  });

  it('apply with only the read-only credential set refuses before sending anything', async () => {
    const result = await zdctl(['apply', '--instance', 'main', '--auto-approve'], readOnly);
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'instances/main: No Zendesk write credentials: set ZENDESK_EMAIL and ZENDESK_API_TOKEN (not set or empty: ZENDESK_EMAIL, ZENDESK_API_TOKEN); the read-only credential (auth.read) is never used to write\n',
    });
    expect(sandbox.requests).toEqual([]);
  });

  it('restore with only the read-only credential set refuses before sending anything; its --dry-run reads with it', async () => {
    const exported = await zdctl(['export', '--instance', 'main', '--out', 'snap'], readOnly);
    expect(exported.code).toBe(0);
    sandbox.clearRequests();
    const refused = await zdctl(['restore', 'snap', '--instance', 'main', '--auto-approve'], readOnly);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^instances\/main: No Zendesk write credentials: set ZENDESK_EMAIL and ZENDESK_API_TOKEN .*; the read-only credential \(auth\.read\) is never used to write\n$/m);
    expect(sandbox.requests).toEqual([]);
    const dryRun = await zdctl(['restore', 'snap', '--instance', 'main', '--dry-run'], readOnly);
    expect(dryRun.code).toBe(0);
    expect(dryRun.stdout).toMatch(/^No changes\.$/m);
  });

  it('apply writes with the write credential', { timeout: 60_000 }, async () => {
    const result = await zdctl(['apply', '--instance', 'main', '--auto-approve'], { ...readOnly, ...writeOnly });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Apply complete: 84 applied, 0 failed, 0 skipped\.$/m);
  });
});

describe('an instance that declares only a read-only credential', () => {
  it('apply and restore refuse with nothing sent, whatever variables are set', async () => {
    writeFileSync(path.join(repo.dir, 'instances/main/instance.yaml'), 'subdomain: acme\npersonal: include\nauth:\n  read:\n    oauth_token_env: ZENDESK_READ_OAUTH_TOKEN\n');
    const message =
      'instances/main: instance.yaml auth names only a read-only credential (auth.read), and this command writes: name a write credential under auth.write (email_env and token_env, or oauth_token_env). Nothing was sent\n';
    const apply = await zdctl(['apply', '--instance', 'main', '--auto-approve'], { ...readOnly, ...writeOnly });
    expect(apply).toEqual({ code: 1, stdout: '', stderr: message });
    const restore = await zdctl(['restore', 'snap', '--instance', 'main', '--auto-approve'], { ...readOnly, ...writeOnly });
    expect(restore.code).toBe(1);
    expect(restore.stderr.endsWith(message)).toBe(true);
    expect(sandbox.requests).toEqual([]);
    const plan = await zdctl(['plan', '--instance', 'main'], readOnly);
    expect(plan.code).toBe(0);
  });
});

describe('the sandbox read token (--read-token)', () => {
  it('reads, and every write answers 403 Forbidden as Zendesk does for a token without write access', async () => {
    const headers = { Authorization: `Bearer ${READ_TOKEN}`, 'Content-Type': 'application/json' };
    expect((await fetch(`${sandbox.url}/api/v2/triggers.json`, { headers })).status).toBe(200);
    const write = await fetch(`${sandbox.url}/api/v2/triggers.json`, { method: 'POST', headers, body: JSON.stringify({ trigger: { title: 'x' } }) });
    expect(write.status).toBe(403);
    expect(await write.json()).toEqual({
      error: 'Forbidden',
      description: 'You do not have access to this page. Please contact the account owner of this help desk for further help.',
    });
    const unknown = await fetch(`${sandbox.url}/api/v2/triggers.json`, { headers: { Authorization: 'Bearer something-else' } });
    expect(unknown.status).toBe(401);
  });
});

describe('zdctl sandbox --read-token', () => {
  it('serves reads with the read token and answers its writes 403; the admin token still writes', async () => {
    const child = spawn(process.execPath, [BIN, 'sandbox', '--port', '0', '--token', 'cli-admin', '--read-token', 'cli-read'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let buffer = '';
        child.stdout.on('data', (chunk: Buffer) => {
          buffer += chunk.toString();
          if (buffer.includes('\n')) resolve(buffer.split('\n')[0]!.replace('sandbox listening on ', ''));
        });
        child.on('exit', (code) => reject(new Error(`exited ${code}`)));
      });
      const as = (token: string) => ({ Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' });
      const body = JSON.stringify({ trigger_category: { name: 'From the CLI test' } });
      expect((await fetch(`${url}/api/v2/ticket_forms.json`, { headers: as('cli-read') })).status).toBe(200);
      expect((await fetch(`${url}/api/v2/trigger_categories.json`, { method: 'POST', headers: as('cli-read'), body })).status).toBe(403);
      expect((await fetch(`${url}/api/v2/trigger_categories.json`, { method: 'POST', headers: as('cli-admin'), body })).ok).toBe(true);
    } finally {
      const exited = new Promise((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });
});
