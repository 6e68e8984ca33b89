// End to end: the `script:` lines of the merge request, apply and drift jobs, read from
// .gitlab-ci.yml with their variables (global, job, matrix) and GitLab's predefined ones, run
// with bash in a temporary copy of the repository against a sandbox and a fake GitLab API.
// zdctl is `node <repo>/bin/zdctl` (the ZDCTL variable); before_script (npm ci) is not run.
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSeed, type Sandbox } from '../../src/sandbox/index.js';
import { REPO_ROOT } from '../helpers/temp-repo.js';
import { LOOKUP_SEEDS, repoCopy, sandboxFor, sandboxPlace } from '../helpers/zdctl.js';
import { startFakeGitLab, type FakeGitLab } from './fake-gitlab.js';
import { loadCiConfig, pipelineJobs, scriptLines, type Vars } from './gitlab-ci.js';
import { baseEnv, runProcess, type ProcessRun } from './process.js';

const config = loadCiConfig(path.join(REPO_ROOT, '.gitlab-ci.yml'));
const GITLAB_TOKEN = 'glpat-test-token-0123456789';
const SATURDAY_0230 = '2026-11-28T02:30:00Z';
const MONDAY_0930 = '2026-11-30T09:30:00Z';

const PIPELINES = {
  mr: { CI_PIPELINE_SOURCE: 'merge_request_event', CI_DEFAULT_BRANCH: 'main', CI_MERGE_REQUEST_IID: '7' },
  defaultBranch: { CI_PIPELINE_SOURCE: 'push', CI_DEFAULT_BRANCH: 'main', CI_COMMIT_BRANCH: 'main' },
  weekend: { CI_PIPELINE_SOURCE: 'schedule', CI_DEFAULT_BRANCH: 'main', CI_COMMIT_BRANCH: 'main', ZDCTL_SCHEDULE: 'weekend-apply' },
  nightly: { CI_PIPELINE_SOURCE: 'schedule', CI_DEFAULT_BRANCH: 'main', CI_COMMIT_BRANCH: 'main', ZDCTL_SCHEDULE: 'nightly' },
} satisfies Record<string, Vars>;

interface World {
  sandbox: Sandbox;
  env: NodeJS.ProcessEnv;
  repo: { dir: string; remove(): void };
}

async function world(instance: 'main' | 'us-federal'): Promise<World> {
  const { sandbox, env } = await sandboxFor();
  sandbox.seed(await readSeed(LOOKUP_SEEDS[instance]));
  const repo = repoCopy();
  cpSync(path.join(REPO_ROOT, 'ci'), path.join(repo.dir, 'ci'), { recursive: true });
  cpSync(path.join(REPO_ROOT, '.gitlab-ci.yml'), path.join(repo.dir, '.gitlab-ci.yml'));
  return { sandbox, env, repo };
}

/** Runs one job of a pipeline the way a GitLab runner's bash does: all lines in one shell, `set -e`. */
async function runJob(w: World, pipeline: Vars, jobName: string, extra: NodeJS.ProcessEnv = {}): Promise<ProcessRun> {
  const job = pipelineJobs(config, pipeline).find((j) => j.name === jobName);
  if (!job) throw new Error(`${jobName} is not in this pipeline: ${pipelineJobs(config, pipeline).map((j) => j.name).join(', ')}`);
  const predefined: NodeJS.ProcessEnv = {
    ...pipeline,
    CI: 'true',
    GITLAB_CI: 'true',
    CI_PROJECT_DIR: w.repo.dir,
    CI_PROJECT_ID: '42',
    CI_PIPELINE_ID: '9',
    CI_PIPELINE_URL: 'https://gitlab.example/acme/zendesk/-/pipelines/9',
    CI_JOB_NAME: job.name,
    CI_JOB_URL: 'https://gitlab.example/acme/zendesk/-/jobs/99',
    CI_COMMIT_SHORT_SHA: 'abc1234',
  };
  const variables = Object.fromEntries(
    Object.entries({ ...job.variables, ZDCTL: `${process.execPath} ${path.join(REPO_ROOT, 'bin/zdctl')}` }).map(([k, v]) => [k, v.replace(/\$(\w+)/g, (_, name: string) => String(predefined[name] ?? ''))]),
  );
  const script = ['set -e', ...scriptLines(job.job)].join('\n');
  return runProcess('bash', ['-c', script], { cwd: w.repo.dir, env: { ...baseEnv(), ...predefined, ...variables, ...w.env, ...extra } });
}

const writes = (sandbox: Sandbox) => sandbox.requests.filter((r) => r.method !== 'GET');

async function api(sandbox: Sandbox, method: string, apiPath: string, body?: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${sandbox.url}/api/v2/${apiPath}`, {
    method,
    headers: { Authorization: 'Bearer sandbox', 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${apiPath}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

describe('the pipeline, run against a sandbox: instance main', () => {
  let w: World;
  let gitlab: FakeGitLab;
  const mrEnv = () => ({ CI_API_V4_URL: gitlab.apiUrl, ZDCTL_GITLAB_TOKEN: GITLAB_TOKEN });

  beforeAll(async () => {
    w = await world('main');
    gitlab = await startFakeGitLab({ token: GITLAB_TOKEN });
  });
  afterAll(async () => {
    await w.sandbox.stop();
    await gitlab.stop();
    w.repo.remove();
  });

  it('merge request: validate', async () => {
    const result = await runJob(w, PIPELINES.mr, 'validate: [main]');
    expect(result).toEqual({ code: 0, stdout: 'instances/main: valid, 78 objects, 0 errors\n', stderr: '' });
  });

  it('merge request: plan writes the markdown artifact and posts it as the MR note, reading only', async () => {
    w.sandbox.clearRequests();
    const result = await runJob(w, PIPELINES.mr, 'plan: [main]', mrEnv());
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const plan = readFileSync(path.join(w.repo.dir, 'plan/main.md'), 'utf8');
    expect(plan).toContain(`### zdctl plan: \`main\` (${w.env.ZENDESK_URL}, not acme.zendesk.com)\n`);
    expect(plan).toMatch(/^\*\*Plan: 78 to create, 0 to update, 0 to delete, 6 to reorder\.\*\*$/m);
    expect(result.stdout).toBe(`${plan}Plan note for main created on merge request !7 (note 1000).\n`);
    expect(writes(w.sandbox)).toEqual([]);
    const notes = gitlab.notes.get('42!7')!;
    expect(notes).toHaveLength(1);
    expect(notes[0]!.body.startsWith(`<!-- zdctl-plan instance=main -->\n${plan.trimEnd()}\n`)).toBe(true);
  });

  it('merge request, next push: the same note is updated, not a new one added', async () => {
    const result = await runJob(w, PIPELINES.mr, 'plan: [main]', mrEnv());
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Plan note for main updated on merge request !7 \(note 1000\)\.$/m);
    expect(gitlab.notes.get('42!7')).toHaveLength(1);
    expect(gitlab.requests.map((r) => r.method)).toEqual(['GET', 'POST', 'GET', 'PUT']);
  });

  it('merge request without ZDCTL_GITLAB_TOKEN: the plan is an artifact only', async () => {
    const before = gitlab.requests.length;
    const result = await runJob(w, PIPELINES.mr, 'plan: [main]', { CI_API_V4_URL: gitlab.apiUrl });
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('Plan note');
    expect(gitlab.requests.length).toBe(before);
  });

  it('default branch: plan shows what the weekend will apply and posts no note', async () => {
    const before = gitlab.requests.length;
    const result = await runJob(w, PIPELINES.defaultBranch, 'plan: [main]', mrEnv());
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^\*\*Plan: 78 to create/m);
    expect(gitlab.requests.length).toBe(before);
  });

  it('weekend apply started outside the window applies nothing', async () => {
    w.sandbox.clearRequests();
    const result = await runJob(w, PIPELINES.weekend, 'apply:weekend: [main]', { ZDCTL_NOW: MONDAY_0930 });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'Apply window Sat 02:00-06:00 UTC: it is Mon 2026-11-30 09:30 UTC, outside; nothing was applied.\n' +
        'A scheduled apply that starts late stops here; run the manual apply:emergency job to apply now.\n',
    );
    expect(w.sandbox.requests).toEqual([]);
    expect(existsSync(path.join(w.repo.dir, 'apply'))).toBe(false);
  });

  it('weekend apply inside the window applies the default branch and leaves plan, backup and audit log as artifacts', { timeout: 60_000 }, async () => {
    const result = await runJob(w, PIPELINES.weekend, 'apply:weekend: [main]', { ZDCTL_NOW: SATURDAY_0230 });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Apply window Sat 02:00-06:00 UTC: it is Sat 2026-11-28 02:30 UTC, inside; applying\.$/m);
    expect(result.stdout).toMatch(/^Apply complete: 84 applied, 0 failed, 0 skipped\.$/m);
    const out = path.join(w.repo.dir, 'apply/main');
    expect(readdirSync(out).sort()).toEqual(['apply.txt', 'audit.jsonl', 'backups', 'plan.json', 'plan.txt']);
    expect(readFileSync(path.join(out, 'plan.txt'), 'utf8')).toMatch(/^Plan: 78 to create, 0 to update, 0 to delete, 6 to reorder\.$/m);
    expect(readFileSync(path.join(out, 'apply.txt'), 'utf8')).toMatch(/^Apply complete: 84 applied, 0 failed, 0 skipped\.$/m);
    expect(readFileSync(path.join(out, 'audit.jsonl'), 'utf8').trim().split('\n')).toHaveLength(84);
    const backups = readdirSync(path.join(out, 'backups'));
    expect(backups).toHaveLength(1);
    expect(existsSync(path.join(out, 'backups', backups[0]!, 'manifest.json'))).toBe(true);
  });

  it('nightly export writes a dated snapshot folder under snapshots/ (the artifact path)', async () => {
    const result = await runJob(w, PIPELINES.nightly, 'export: [main]');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const folders = readdirSync(path.join(w.repo.dir, 'snapshots'));
    expect(folders).toHaveLength(1);
    expect(folders[0]).toMatch(/^main-\d{8}T\d{6}Z$/);
    expect(result.stdout).toContain(`Exported main (${sandboxPlace(w.env, 'acme')}) to snapshots/${folders[0]}: ticket_fields `);
    expect(readdirSync(path.join(w.repo.dir, 'snapshots', folders[0]!)).sort()).toEqual(['lookups', 'manifest.json', 'objects']);
  });

  it('nightly drift check: no drift, exit 0', async () => {
    const result = await runJob(w, PIPELINES.nightly, 'drift: [main]');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^No changes\.$/m);
    expect(result.stdout).not.toContain('Drift on');
  });

  it('nightly drift check: a change made in Zendesk exits 2 (a warning) and names the drifted object', async () => {
    const { automations } = (await api(w.sandbox, 'GET', 'automations.json')) as { automations: { id: number; title: string; conditions: { all: { field: string; value: unknown }[]; any: unknown[] } }[] };
    const target = automations.find((a) => a.title === 'Remind requester after 2 days pending')!;
    const all = target.conditions.all.map((c) => (c.field === 'PENDING' ? { ...c, value: '72' } : c));
    await api(w.sandbox, 'PUT', `automations/${target.id}.json`, { automation: { conditions: { all, any: target.conditions.any } } });
    const result = await runJob(w, PIPELINES.nightly, 'drift: [main]');
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(
      'Drift on main: the live instance differs from the default branch in:\n  ~ update automations/Remind requester after 2 days pending  # changed: conditions\n',
    );
    expect(result.stdout).toMatch(/^Plan: 0 to create, 1 to update, 0 to delete, 0 to reorder\.$/m);
    expect(readFileSync(path.join(w.repo.dir, 'drift/main.txt'), 'utf8')).toMatch(/^~ update automations\/Remind requester after 2 days pending/m);
  });

  it('manual emergency apply (any time) puts it back; the drift check is clean again', { timeout: 60_000 }, async () => {
    const result = await runJob(w, PIPELINES.defaultBranch, 'apply:emergency: [main]');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Apply window: any \(ZDCTL_APPLY_WINDOW=any\), applying now\.$/m);
    expect(result.stdout).toMatch(/^Apply complete: 1 applied, 0 failed, 0 skipped\.$/m);
    expect(readdirSync(path.join(w.repo.dir, 'apply/main/backups'))).toHaveLength(2);
    expect((await runJob(w, PIPELINES.nightly, 'drift: [main]')).code).toBe(0);
  });
});

describe('the pipeline, run against a sandbox: deletes (us-federal deletes unmanaged triggers)', () => {
  let w: World;
  beforeAll(async () => {
    w = await world('us-federal');
  });
  afterAll(async () => {
    await w.sandbox.stop();
    w.repo.remove();
  });

  it('applies the instance, then refuses a plan that deletes unless ZDCTL_ALLOW_DELETE names the instance', { timeout: 60_000 }, async () => {
    const first = await runJob(w, PIPELINES.defaultBranch, 'apply:emergency: [us-federal]');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    await api(w.sandbox, 'POST', 'triggers.json', {
      trigger: { title: 'Made in the Zendesk UI', conditions: { all: [{ field: 'status', operator: 'is', value: 'new' }], any: [] }, actions: [{ field: 'priority', value: 'high' }] },
    });
    w.sandbox.clearRequests();
    const refused = await runJob(w, PIPELINES.weekend, 'apply:weekend: [us-federal]', { ZDCTL_NOW: SATURDAY_0230, ZDCTL_ALLOW_DELETE: 'main' });
    expect(refused.code).toBe(1);
    expect(readFileSync(path.join(w.repo.dir, 'apply/us-federal/apply.txt'), 'utf8')).toContain(
      'The plan deletes 1 object (triggers/Made in the Zendesk UI); nothing was changed. Run again with --allow-delete to let it.',
    );
    expect(writes(w.sandbox)).toEqual([]);
    const allowed = await runJob(w, PIPELINES.weekend, 'apply:weekend: [us-federal]', { ZDCTL_NOW: SATURDAY_0230, ZDCTL_ALLOW_DELETE: 'main us-federal' });
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toMatch(/^Apply complete: 1 applied, 0 failed, 0 skipped\.$/m);
    const { triggers } = (await api(w.sandbox, 'GET', 'triggers.json')) as { triggers: { title: string }[] };
    expect(triggers.map((t) => t.title)).not.toContain('Made in the Zendesk UI');
  });
});
