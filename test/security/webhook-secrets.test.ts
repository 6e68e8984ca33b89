import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import { sandboxFor, zdctl, type ZdctlRun } from '../helpers/zdctl.js';
import { tempRepo, type TempRepo } from '../helpers/temp-repo.js';

/**
 * A webhook's credentials come from environment variables and go to Zendesk only: every byte that
 * import, plan (text, JSON, markdown, saved), apply, export and restore print or write — backups and
 * the audit log included — is searched for them, and the sandbox shows each one did arrive.
 */
const SECRETS = {
  HOOK_TOKEN: 'Bearer-Secret-5d1c9e',
  HOOK_PASSWORD: 'Basic-Secret-a07f33',
  HOOK_KEY: 'ApiKey-Secret-6b2e48',
  HOOK_SIGNING: 'Signing-Secret-c4d8f0',
};
const RESTORE_SECRETS = {
  WEBHOOK_PAGER_TOKEN: 'Restored-Bearer-1e9a',
  WEBHOOK_AUDIT_USERNAME: 'auditor',
  WEBHOOK_AUDIT_PASSWORD: 'Restored-Basic-77b2',
  WEBHOOK_METRICS_API_KEY: 'Restored-Key-3fd0',
};
const NEEDLES = [...Object.values(SECRETS), ...Object.values(RESTORE_SECRETS).filter((v) => v !== 'auditor')].flatMap((secret) => [secret, Buffer.from(secret).toString('base64')]);

const webhook = (name: string, authentication: string[]) =>
  [`name: ${name}`, `endpoint: https://${name}.example.com/in`, 'http_method: POST', 'request_format: json', 'status: active', 'subscriptions: [conditional_ticket_events]', 'authentication:', ...authentication, ''].join('\n');

const FILES = {
  'instances/hooks/instance.yaml': 'subdomain: hooks\n',
  'instances/hooks/webhooks/pager.yaml': `${webhook('pager', ['  type: bearer_token', '  data: {token_env: HOOK_TOKEN}'])}signing_secret_env: HOOK_SIGNING\n`,
  'instances/hooks/webhooks/audit.yaml': webhook('audit', ['  type: basic_auth', '  data: {username: auditor, password_env: HOOK_PASSWORD}']),
  'instances/hooks/webhooks/metrics.yaml': webhook('metrics', ['  type: api_key', '  data: {name: X-Api-Key, value_env: HOOK_KEY}']),
  'instances/hooks/triggers/page.yaml': "title: Page\nconditions: {all: [{field: priority, operator: is, value: urgent}]}\nactions:\n  - {field: notification_webhook, value: ['Webhook: pager', '{}']}\n",
};

let source: { sandbox: Sandbox; env: NodeJS.ProcessEnv };
let fresh: { sandbox: Sandbox; env: NodeJS.ProcessEnv };
let repo: TempRepo;
const runs: Array<{ argv: string[]; result: ZdctlRun }> = [];

async function run(target: { env: NodeJS.ProcessEnv }, argv: string[], extra: NodeJS.ProcessEnv = {}): Promise<ZdctlRun> {
  const result = await zdctl(['--verbose', ...argv], { cwd: repo.dir, env: { ...target.env, ...extra } });
  runs.push({ argv, result });
  return result;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? filesUnder(file) : [file];
  });
}

beforeAll(async () => {
  source = await sandboxFor();
  fresh = await sandboxFor();
  repo = tempRepo(FILES);
});
afterAll(async () => {
  await source.sandbox.stop();
  await fresh.sandbox.stop();
  repo.remove();
});

describe('webhook secrets go to Zendesk and nowhere else', () => {
  it('every command runs: plan in every form, apply, import, export, a refused and a successful restore', async () => {
    expect((await run(source, ['validate', '--instance', 'hooks'])).code).toBe(0);
    const refused = await run(source, ['apply', '--instance', 'hooks', '--auto-approve'], { HOOK_TOKEN: SECRETS.HOOK_TOKEN });
    expect(refused.stderr).toContain('$HOOK_PASSWORD, $HOOK_KEY, $HOOK_SIGNING, which are not set');
    for (const argv of [['plan', '--instance', 'hooks', '--out', 'hooks.plan.json'], ['plan', '--instance', 'hooks', '--json'], ['plan', '--instance', 'hooks', '--format', 'markdown'], ['plan', '--instance', 'hooks']]) {
      expect((await run(source, argv, SECRETS)).code, argv.join(' ')).toBe(0);
    }
    const applied = await run(source, ['apply', 'hooks.plan.json', '--auto-approve'], SECRETS);
    expect(applied.stdout, applied.stderr).toMatch(/^Apply complete: 4 applied, 0 failed, 0 skipped\.$/m);
    expect((await run(source, ['plan', '--instance', 'hooks', '--detailed-exitcode'], SECRETS)).code).toBe(0);
    repo.write({ 'instances/copy/instance.yaml': 'subdomain: hooks\n' });
    expect((await run(source, ['import', '--instance', 'copy'])).code).toBe(0);
    expect((await run(source, ['export', '--instance', 'hooks', '--out', 'snap'])).code).toBe(0);
    repo.write({ 'instances/dr/instance.yaml': 'subdomain: hooks-dr\n' });
    const restoreRefused = await run(fresh, ['restore', 'snap', '--instance', 'dr', '--auto-approve']);
    expect(restoreRefused.stderr).toContain('$WEBHOOK_AUDIT_USERNAME, $WEBHOOK_AUDIT_PASSWORD, $WEBHOOK_METRICS_API_KEY, $WEBHOOK_PAGER_TOKEN, which are not set. Nothing was changed');
    const restored = await run(fresh, ['restore', 'snap', '--instance', 'dr', '--auto-approve'], RESTORE_SECRETS);
    expect(restored.stdout, restored.stderr).toMatch(/^Apply complete: 4 applied, 0 failed, 0 skipped\.$/m);
  });

  it('each secret reached Zendesk (the sandbox stores what the API never answers)', () => {
    const stored = (sandbox: Sandbox, name: string) => sandbox.storedObjects('webhooks').find((w) => w.name === name)!.authentication;
    expect(stored(source.sandbox, 'pager')).toEqual({ type: 'bearer_token', add_position: 'header', data: { token: SECRETS.HOOK_TOKEN } });
    expect(stored(source.sandbox, 'audit')).toEqual({ type: 'basic_auth', add_position: 'header', data: { username: 'auditor', password: SECRETS.HOOK_PASSWORD } });
    expect(stored(source.sandbox, 'metrics')).toEqual({ type: 'api_key', add_position: 'header', data: { name: 'X-Api-Key', value: SECRETS.HOOK_KEY } });
    expect(stored(fresh.sandbox, 'audit')).toEqual({ type: 'basic_auth', add_position: 'header', data: { username: 'auditor', password: RESTORE_SECRETS.WEBHOOK_AUDIT_PASSWORD } });
    expect(stored(fresh.sandbox, 'metrics')).toEqual({ type: 'api_key', add_position: 'header', data: { name: 'X-Api-Key', value: RESTORE_SECRETS.WEBHOOK_METRICS_API_KEY } });
    // the signing secret was sent on create as docs describe it ({algorithm, secret})
    const create = source.sandbox.requests.find((r) => r.method === 'POST' && r.path === '/api/v2/webhooks' && (r.body as { webhook: { name: string } }).webhook.name === 'pager')!;
    expect((create.body as { webhook: Record<string, unknown> }).webhook.signing_secret).toEqual({ algorithm: 'SHA256', secret: SECRETS.HOOK_SIGNING });
    // TODO(sandbox gap): the sandbox drops a chosen signing_secret on create (not in its writable keys), so whether it is kept is not checked.
  });

  it('found no secret in stdout or stderr of any run, nor in any file zdctl wrote', () => {
    expect(runs.length).toBe(12);
    const printed = runs.flatMap(({ argv, result }) => NEEDLES.filter((needle) => result.stdout.includes(needle) || result.stderr.includes(needle)).map((needle) => `${argv.join(' ')}: ${needle}`));
    expect(printed).toEqual([]);
    const files = filesUnder(repo.dir).map((file) => path.relative(repo.dir, file));
    // the search covers the saved plan, the imported files, the snapshot, the backups and the audit logs
    expect(files).toEqual(expect.arrayContaining(['hooks.plan.json', 'instances/copy/webhooks/pager.yaml', 'snap/objects/webhooks.json', 'snap/manifest.json']));
    expect(files.filter((f) => f.includes('/backups/')).length).toBeGreaterThan(0);
    expect(files.filter((f) => f.endsWith('audit.jsonl'))).toHaveLength(2);
    const inFiles = files.flatMap((file) => NEEDLES.filter((needle) => readFileSync(path.join(repo.dir, file), 'latin1').includes(needle)).map((needle) => `${file}: ${needle}`));
    expect(inFiles).toEqual([]);
    // what the plan showed instead of the values
    const shown = runs.find(({ argv }) => argv.join(' ') === 'plan --instance hooks')!.result.stdout;
    for (const line of ['token: (secret from $HOOK_TOKEN)', 'password: (secret from $HOOK_PASSWORD)', 'value: (secret from $HOOK_KEY)', 'signing_secret: (secret from $HOOK_SIGNING)']) expect(shown).toContain(line);
  });
});
