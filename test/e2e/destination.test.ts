import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { destinationOf } from '../../src/cli/session.js';
import type { LoadedInstance } from '../../src/model/instance.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { minimalInstance, tempRepo, type TempRepo } from '../helpers/temp-repo.js';
import { sandboxFor, sandboxPlace, stateFolderFor, zdctl } from '../helpers/zdctl.js';

let sandbox: Sandbox;
let env: NodeJS.ProcessEnv;
let repo: TempRepo;

beforeEach(async () => {
  ({ sandbox, env } = await sandboxFor());
  repo = tempRepo(minimalInstance({ 'macros/m.yaml': 'title: Close it\nactions:\n  - {field: status, value: solved}\n' }));
  repo.write({ 'instances/t/instance.yaml': 'subdomain: acme\n' });
});
afterEach(async () => {
  await sandbox.stop();
  repo.remove();
});

const run = (argv: string[], extra: { stdin?: string; tty?: boolean; env?: NodeJS.ProcessEnv } = {}) => zdctl(argv, { cwd: repo.dir, env: extra.env ?? env, ...extra });

describe('where a command points, when it is not the instance’s own https://<subdomain>.zendesk.com', () => {
  it('plan, apply, the prompt, export and import name the URL; backups and the audit log go to a folder of their own', async () => {
    const place = sandboxPlace(env, 'acme');
    const planned = await run(['plan', '--instance', 't']);
    expect(planned.stdout.split('\n')[0]).toBe(`zdctl plan for instance t (${env.ZENDESK_URL}, not acme.zendesk.com)`);
    expect(JSON.parse((await run(['plan', '--instance', 't', '--json'])).stdout)).toMatchObject({ subdomain: 'acme', base_url: env.ZENDESK_URL });
    expect((await run(['plan', '--instance', 't', '--format', 'markdown'])).stdout).toContain(`### zdctl plan: \`t\` (${env.ZENDESK_URL}, not acme.zendesk.com)`);

    const applied = await run(['apply', '--instance', 't'], { tty: true, stdin: 'yes\n' });
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout.split('\n')[0]).toBe(`zdctl plan for instance t (${env.ZENDESK_URL}, not acme.zendesk.com)`);
    expect(applied.stderr).toContain(`Apply these changes to ${place}? Only "yes" is accepted: `);
    const state = stateFolderFor('t', env);
    expect(state).toMatch(/^\.zdctl\/t@127\.0\.0\.1_\d+$/);
    // .zdctl/t holds the parse cache (files, not an instance's state); no backup or audit log goes there.
    expect(existsSync(path.join(repo.dir, '.zdctl/t/backups'))).toBe(false);
    expect(existsSync(path.join(repo.dir, '.zdctl/t/audit.jsonl'))).toBe(false);
    expect(applied.stderr).toContain(`Backup of the live state before this apply: ${state}/backups/`);
    const backup = path.join(repo.dir, state, 'backups', readdirSync(path.join(repo.dir, state, 'backups'))[0]!);
    expect(JSON.parse(readFileSync(path.join(backup, 'manifest.json'), 'utf8'))).toMatchObject({ kind: 'pre-apply-backup', subdomain: 'acme', base_url: env.ZENDESK_URL });
    expect(existsSync(path.join(repo.dir, state, 'audit.jsonl'))).toBe(true);

    const exported = await run(['export', '--instance', 't', '--out', 'snap']);
    expect(exported.stdout).toMatch(new RegExp(`^Exported t \\(${place.replace(/[().]/g, '\\$&')}\\) to snap: `));
    expect(JSON.parse(readFileSync(path.join(repo.dir, 'snap/manifest.json'), 'utf8')).base_url).toBe(env.ZENDESK_URL);
    expect((await run(['import', '--instance', 't'])).stdout).toContain(`Imported instances/t from ${place}: `);
  });

  it('apply PLANFILE takes the instance from the plan, and refuses a plan made against another URL', async () => {
    const planFile = path.join(repo.dir, 't.plan.json');
    expect((await run(['plan', '--instance', 't', '--out', planFile])).code).toBe(0);

    const other = await sandboxFor();
    try {
      sandbox.clearRequests();
      const refused = await run(['apply', planFile, '--auto-approve'], { env: other.env });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`t.plan.json was made against ${env.ZENDESK_URL}, not acme.zendesk.com, but this run points at ${sandboxPlace(other.env, 'acme')}; nothing was changed.`);
      expect(other.sandbox.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    } finally {
      await other.sandbox.stop();
    }
    const applied = await run(['apply', planFile, '--auto-approve']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toMatch(/^Apply complete: 1 applied, 0 failed, 0 skipped\.$/m);
    expect((await run(['apply', '--auto-approve'])).stderr).toContain('apply needs --instance NAME, or a saved plan (zdctl apply PLANFILE), which names its instance');
  });

  it("says nothing extra for the instance's own URL", () => {
    const instance = { name: 'main', displayDir: 'instances/main', config: { subdomain: 'acme' } } as unknown as LoadedInstance;
    const io = { env: {}, cwd: '/', stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
    expect(destinationOf(instance, io)).toEqual({ subdomain: 'acme', label: 'acme', stateFolder: 'main' });
    expect(destinationOf(instance, { ...io, env: { ZENDESK_URL: 'https://acme.zendesk.com/' } })).toEqual({ subdomain: 'acme', label: 'acme', stateFolder: 'main' });
    expect(destinationOf(instance, { ...io, env: { ZENDESK_URL: 'https://acme1234.zendesk.com' } })).toEqual({
      subdomain: 'acme',
      baseUrl: 'https://acme1234.zendesk.com',
      label: 'https://acme1234.zendesk.com (ZENDESK_URL; not acme.zendesk.com)',
      stateFolder: 'main@acme1234.zendesk.com',
    });
  });
});
