// End to end: the `script:` lines of the merge request, apply and drift jobs, read from
// .gitlab-ci.yml with their variables (global, job, matrix) and GitLab's predefined ones, run
// with bash in a temporary copy of the repository (a git repository with an `origin`) against a
// sandbox (an admin token and a read-only token) and a fake GitLab API. Each job gets only the
// CI/CD variables GitLab would give it under README's settings (protected, environment scope).
// zdctl is `node <repo>/bin/zdctl` (the ZDCTL variable); before_script (npm ci) is not run.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSeed, type Sandbox } from '../../src/sandbox/index.js';
import { REPO_ROOT } from '../helpers/temp-repo.js';
import { LOOKUP_SEEDS, repoCopy, sandboxFor, sandboxPlace } from '../helpers/zdctl.js';
import { startFakeGitLab, type FakeGitLab } from './fake-gitlab.js';
import { loadCiConfig, pipelineJobs, readmeVariables, refProtected, scriptLines, variablesSeenBy, type Vars } from './gitlab-ci.js';
import { baseEnv, runProcess, type ProcessRun } from './process.js';

const config = loadCiConfig(path.join(REPO_ROOT, '.gitlab-ci.yml'));
const projectVariables = readmeVariables(path.join(REPO_ROOT, 'README.md'));
const GITLAB_TOKEN = 'glpat-test-token-0123456789';
const WRITE_TOKEN = 'admin-api-token-for-the-pipeline-tests';
const READ_TOKEN = 'read-scoped-oauth-token-for-the-pipeline-tests';
/** The values of the CI/CD variables in README's table (the sandbox accepts these tokens). */
const VALUES: Record<string, string> = {
  ZENDESK_READ_OAUTH_TOKEN: READ_TOKEN,
  ZENDESK_FED_READ_OAUTH_TOKEN: READ_TOKEN,
  ZENDESK_EMAIL: 'admin@example.com',
  ZENDESK_API_TOKEN: WRITE_TOKEN,
  ZENDESK_FED_EMAIL: 'admin@example.com',
  ZENDESK_FED_API_TOKEN: WRITE_TOKEN,
};
// A Saturday long past: its window (and so the apply's deadline) closed long ago.
const SATURDAY_0230 = '2026-11-28T02:30:00Z';
const MONDAY_0930 = '2026-11-30T09:30:00Z';
/** 02:30 UTC on the next Saturday: inside the window, and the window's end still ahead. */
function nextSaturday0230(): string {
  const date = new Date();
  date.setUTCDate(date.getUTCDate() + ((6 - date.getUTCDay() + 7) % 7 || 7));
  date.setUTCHours(2, 30, 0, 0);
  return date.toISOString();
}
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=zdctl tests', '-c', 'user.email=tests@example.com', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

const PIPELINES = {
  mr: { CI_PIPELINE_SOURCE: 'merge_request_event', CI_DEFAULT_BRANCH: 'main', CI_MERGE_REQUEST_IID: '7' },
  defaultBranch: { CI_PIPELINE_SOURCE: 'push', CI_DEFAULT_BRANCH: 'main', CI_COMMIT_BRANCH: 'main' },
  weekend: { CI_PIPELINE_SOURCE: 'schedule', CI_DEFAULT_BRANCH: 'main', CI_COMMIT_BRANCH: 'main', ZDCTL_SCHEDULE: 'weekend-apply' },
  nightly: { CI_PIPELINE_SOURCE: 'schedule', CI_DEFAULT_BRANCH: 'main', CI_COMMIT_BRANCH: 'main', ZDCTL_SCHEDULE: 'nightly' },
} satisfies Record<string, Vars>;

interface World {
  sandbox: Sandbox;
  repo: { dir: string; remove(): void };
  /** the commit the pipelines run for (CI_COMMIT_SHA), pushed to `origin` as main */
  commit: string;
  /** the bare repository `origin` points at */
  origin: string;
}

async function world(instance: 'main' | 'us-federal'): Promise<World> {
  const { sandbox } = await sandboxFor({ token: WRITE_TOKEN, readToken: READ_TOKEN });
  sandbox.seed(await readSeed(LOOKUP_SEEDS[instance]));
  const copy = repoCopy();
  cpSync(path.join(REPO_ROOT, 'ci'), path.join(copy.dir, 'ci'), { recursive: true });
  cpSync(path.join(REPO_ROOT, '.gitlab-ci.yml'), path.join(copy.dir, '.gitlab-ci.yml'));
  const origin = mkdtempSync(path.join(tmpdir(), 'zdctl-origin-'));
  git(origin, 'init', '--bare', '-q');
  git(copy.dir, 'init', '-q');
  git(copy.dir, 'add', '-A');
  git(copy.dir, 'commit', '-q', '-m', 'configuration');
  git(copy.dir, 'remote', 'add', 'origin', origin);
  git(copy.dir, 'push', '-q', 'origin', 'HEAD:refs/heads/main');
  const commit = git(copy.dir, 'rev-parse', 'HEAD');
  const repo = { dir: copy.dir, remove: () => (copy.remove(), rmSync(origin, { recursive: true, force: true })) };
  return { sandbox, repo, commit, origin };
}

/** The Zendesk credential variables a job of this pipeline receives from GitLab (README's settings). */
function credentialsOf(pipeline: Vars, jobName: string): string[] {
  const job = pipelineJobs(config, pipeline).find((j) => j.name === jobName)!;
  return variablesSeenBy(job, projectVariables, refProtected(pipeline)).filter((name) => name in VALUES);
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
    CI_COMMIT_SHA: w.commit,
    CI_COMMIT_SHORT_SHA: w.commit.slice(0, 8),
  };
  const credentials = Object.fromEntries(credentialsOf(pipeline, jobName).map((name) => [name, VALUES[name]]));
  const variables = Object.fromEntries(
    Object.entries({ ...job.variables, ZDCTL: `${process.execPath} ${path.join(REPO_ROOT, 'bin/zdctl')}` }).map(([k, v]) => [k, v.replace(/\$(\w+)/g, (_, name: string) => String(predefined[name] ?? ''))]),
  );
  const script = ['set -e', ...scriptLines(job.job)].join('\n');
  return runProcess('bash', ['-c', script], { cwd: w.repo.dir, env: { ...baseEnv(), ...predefined, ...variables, ZENDESK_URL: w.sandbox.url, ...credentials, ...extra } });
}

const writes = (sandbox: Sandbox) => sandbox.requests.filter((r) => r.method !== 'GET');

async function api(sandbox: Sandbox, method: string, apiPath: string, body?: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${sandbox.url}/api/v2/${apiPath}`, {
    method,
    headers: { Authorization: `Bearer ${WRITE_TOKEN}`, 'Content-Type': 'application/json' },
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
    expect(result).toEqual({ code: 0, stdout: 'instances/main: valid, 81 objects, 0 errors\n', stderr: '' });
  });

  it('merge request: plan gets no write credential, writes the markdown artifact and posts it as the MR note, reading only', async () => {
    expect(credentialsOf(PIPELINES.mr, 'plan: [main]').sort()).toEqual(['ZENDESK_FED_READ_OAUTH_TOKEN', 'ZENDESK_READ_OAUTH_TOKEN']);
    w.sandbox.clearRequests();
    const result = await runJob(w, PIPELINES.mr, 'plan: [main]', mrEnv());
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const plan = readFileSync(path.join(w.repo.dir, 'plan/main.md'), 'utf8');
    expect(plan).toContain(`### zdctl plan: \`main\` (${w.sandbox.url}, not acme.zendesk.com)\n`);
    expect(plan).toMatch(/^\*\*Plan: 78 to create, 0 to update, 0 to delete, 6 to reorder\.\*\*$/m);
    expect(result.stdout).toBe(`${plan}Plan note for main created on merge request !7 (note 1000).\n`);
    expect(writes(w.sandbox)).toEqual([]);
    expect(w.sandbox.requests.every((r) => r.status === 200)).toBe(true);
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

  it('weekend apply whose window closed before it wrote (a slow start): starts no write, says so, exit 1', { timeout: 60_000 }, async () => {
    w.sandbox.clearRequests();
    const result = await runJob(w, PIPELINES.weekend, 'apply:weekend: [main]', { ZDCTL_NOW: SATURDAY_0230 });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^Apply window Sat 02:00-06:00 UTC: it is Sat 2026-11-28 02:30 UTC, inside; applying\.$/m);
    const output = readFileSync(path.join(w.repo.dir, 'apply/main/apply.txt'), 'utf8');
    expect(output).toMatch(/^Stopped: the deadline 2026-11-28T06:00:00\.000Z had passed; 84 changes were not started\.$/m);
    expect(output).toMatch(/^Apply incomplete: 0 applied, 0 failed, 0 skipped, 84 not started\.$/m);
    expect(writes(w.sandbox)).toEqual([]);
    rmSync(path.join(w.repo.dir, 'apply'), { recursive: true });
  });

  it('weekend apply inside the window applies the default branch with the write credential and leaves plan, backup and audit log as artifacts', { timeout: 60_000 }, async () => {
    expect(credentialsOf(PIPELINES.weekend, 'apply:weekend: [main]').sort()).toEqual(['ZENDESK_API_TOKEN', 'ZENDESK_EMAIL', 'ZENDESK_FED_READ_OAUTH_TOKEN', 'ZENDESK_READ_OAUTH_TOKEN']);
    const result = await runJob(w, PIPELINES.weekend, 'apply:weekend: [main]', { ZDCTL_NOW: nextSaturday0230() });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Apply window Sat 02:00-06:00 UTC: it is Sat \d{4}-\d\d-\d\d 02:30 UTC, inside; applying\.$/m);
    expect(result.stdout).toMatch(/^Snapshots kept as job artifacts \(ZDCTL_SNAPSHOT_COMMAND is not set\): apply\/main\/backups\/.+$/m);
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
    expect(result.stdout).toContain(`Exported main (${sandboxPlace({ ZENDESK_URL: w.sandbox.url }, 'acme')}) to snapshots/${folders[0]}: groups 7, custom_statuses 6, schedules 2, dynamic_content 0, ticket_fields `);
    expect(readdirSync(path.join(w.repo.dir, 'snapshots', folders[0]!)).sort()).toEqual(['lookups', 'manifest.json', 'objects']);
  });

  it('nightly export with ZDCTL_SNAPSHOT_COMMAND: the snapshot goes to that storage and is not left as an artifact', async () => {
    const store = mkdtempSync(path.join(tmpdir(), 'zdctl-store-'));
    rmSync(path.join(w.repo.dir, 'snapshots'), { recursive: true, force: true });
    try {
      const result = await runJob(w, PIPELINES.nightly, 'export: [main]', { ZDCTL_SNAPSHOT_COMMAND: `cp -R "$1" ${JSON.stringify(store)}/` });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const stored = readdirSync(store);
      expect(stored).toHaveLength(1);
      expect(readdirSync(path.join(store, stored[0]!)).sort()).toEqual(['lookups', 'manifest.json', 'objects']);
      expect(result.stdout).toMatch(new RegExp(`^Stored snapshots/${stored[0]} with ZDCTL_SNAPSHOT_COMMAND; not kept as an artifact\\.$`, 'm'));
      expect(existsSync(path.join(w.repo.dir, 'snapshots', stored[0]!))).toBe(false);
      const failing = await runJob(w, PIPELINES.nightly, 'export: [main]', { ZDCTL_SNAPSHOT_COMMAND: 'exit 3' });
      expect(failing.code).toBe(1);
      expect(failing.stderr).toMatch(/^ZDCTL_SNAPSHOT_COMMAND failed for snapshots\/main-\d{8}T\d{6}Z \(exit 3\); it is kept as a job artifact instead\.$/m);
      expect(readdirSync(path.join(w.repo.dir, 'snapshots'))).toHaveLength(1);
    } finally {
      rmSync(store, { recursive: true, force: true });
    }
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

  it('manual emergency apply (any time) of the head of main puts it back; the drift check is clean again', { timeout: 60_000 }, async () => {
    const result = await runJob(w, PIPELINES.defaultBranch, 'apply:emergency: [main]');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^Commit ${w.commit.slice(0, 8)} is the head of main; applying\\.$`, 'm'));
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

  it('merge request plan of a restricted instance: in the artifact only, not in the job log, no MR note', async () => {
    const gitlab = await startFakeGitLab({ token: GITLAB_TOKEN });
    try {
      const result = await runJob(w, PIPELINES.mr, 'plan: [us-federal]', { CI_API_V4_URL: gitlab.apiUrl, ZDCTL_GITLAB_TOKEN: GITLAB_TOKEN });
      expect(result).toEqual({ code: 0, stdout: 'us-federal is in ZDCTL_RESTRICTED; its plan is in the job artifacts only (developers and up).\n', stderr: '' });
      expect(readFileSync(path.join(w.repo.dir, 'plan/us-federal.md'), 'utf8')).toContain(`### zdctl plan: \`us-federal\` (${w.sandbox.url}, not acme-fed.zendesk.com)\n`);
      expect(gitlab.requests).toEqual([]);
    } finally {
      await gitlab.stop();
    }
  });

  it('applies the instance, then refuses a plan that deletes unless ZDCTL_ALLOW_DELETE names the instance', { timeout: 60_000 }, async () => {
    const first = await runJob(w, PIPELINES.defaultBranch, 'apply:emergency: [us-federal]');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    await api(w.sandbox, 'POST', 'triggers.json', {
      trigger: { title: 'Made in the Zendesk UI', conditions: { all: [{ field: 'status', operator: 'is', value: 'new' }], any: [] }, actions: [{ field: 'priority', value: 'high' }] },
    });
    w.sandbox.clearRequests();
    const refused = await runJob(w, PIPELINES.weekend, 'apply:weekend: [us-federal]', { ZDCTL_NOW: nextSaturday0230(), ZDCTL_ALLOW_DELETE: 'main' });
    expect(refused.code).toBe(1);
    expect(readFileSync(path.join(w.repo.dir, 'apply/us-federal/apply.txt'), 'utf8')).toContain(
      'The plan deletes 1 object (triggers/Made in the Zendesk UI); nothing was changed. Run again with --allow-delete to let it.',
    );
    expect(writes(w.sandbox)).toEqual([]);
    const allowed = await runJob(w, PIPELINES.weekend, 'apply:weekend: [us-federal]', { ZDCTL_NOW: nextSaturday0230(), ZDCTL_ALLOW_DELETE: 'main us-federal' });
    expect(allowed.code).toBe(0);
    // us-federal is in ZDCTL_RESTRICTED: the output is in the artifact, not in the job log
    expect(allowed.stdout).not.toContain('triggers/');
    expect(allowed.stdout).toMatch(/^us-federal is in ZDCTL_RESTRICTED; its plan and apply output are in the job artifacts only \(maintainers\)\.$/m);
    expect(readFileSync(path.join(w.repo.dir, 'apply/us-federal/apply.txt'), 'utf8')).toMatch(/^Apply complete: 1 applied, 0 failed, 0 skipped\.$/m);
    const { triggers } = (await api(w.sandbox, 'GET', 'triggers.json')) as { triggers: { title: string }[] };
    expect(triggers.map((t) => t.title)).not.toContain('Made in the Zendesk UI');
  });
});

describe('the pipeline, run against a sandbox: the emergency apply of a stale pipeline', () => {
  let w: World;
  beforeAll(async () => {
    w = await world('main');
  });
  afterAll(async () => {
    await w.sandbox.stop();
    w.repo.remove();
  });

  it('refuses when main has moved on, naming the newer commit; applies with ZDCTL_FORCE_COMMIT naming this one', { timeout: 60_000 }, async () => {
    const clone = mkdtempSync(path.join(tmpdir(), 'zdctl-clone-'));
    try {
      git(clone, 'clone', '-q', w.origin, '.');
      writeFileSync(path.join(clone, 'NEWER.md'), 'a newer merge\n');
      git(clone, 'add', '-A');
      git(clone, 'commit', '-q', '-m', 'newer');
      git(clone, 'push', '-q', 'origin', 'HEAD:refs/heads/main');
      const newer = git(clone, 'rev-parse', 'HEAD');
      w.sandbox.clearRequests();
      const refused = await runJob(w, PIPELINES.defaultBranch, 'apply:emergency: [main]');
      expect(refused).toEqual({
        code: 1,
        stdout: '',
        stderr:
          `main is now at ${newer}, newer than this pipeline's commit ${w.commit}: nothing was applied.\n` +
          `Run apply:emergency from the latest main pipeline, or run this job again with ZDCTL_FORCE_COMMIT=${w.commit.slice(0, 8)} to apply this older commit on purpose.\n`,
      });
      expect(w.sandbox.requests).toEqual([]);
      expect(existsSync(path.join(w.repo.dir, 'apply'))).toBe(false);
      const wrong = await runJob(w, PIPELINES.defaultBranch, 'apply:emergency: [main]', { ZDCTL_FORCE_COMMIT: newer.slice(0, 8) });
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toContain(`nothing was applied (ZDCTL_FORCE_COMMIT=${newer.slice(0, 8)} does not name this commit).`);
      expect(w.sandbox.requests).toEqual([]);
      const forced = await runJob(w, PIPELINES.defaultBranch, 'apply:emergency: [main]', { ZDCTL_FORCE_COMMIT: w.commit.slice(0, 8) });
      expect(forced.stdout).toMatch(new RegExp(`^Commit ${w.commit.slice(0, 8)} is not the head of main \\(${newer.slice(0, 8)} is\\); applying it anyway: ZDCTL_FORCE_COMMIT=${w.commit.slice(0, 8)}\\.$`, 'm'));
      expect(forced.stdout).toMatch(/^Apply complete: 84 applied, 0 failed, 0 skipped\.$/m);
      expect(forced.code).toBe(0);
    } finally {
      rmSync(clone, { recursive: true, force: true });
    }
  });
});
