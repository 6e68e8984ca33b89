import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/temp-repo.js';
import { zdctl } from '../helpers/zdctl.js';
import { ciInstances, evaluateIf, loadCiConfig, pipelineJobs, readmeVariables, refProtected, scriptLines, stringVars, variablesSeenBy, type JsonObject, type PipelineJob, type Vars } from './gitlab-ci.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const CI_FILE = path.join(REPO_ROOT, '.gitlab-ci.yml');
const config = loadCiConfig(CI_FILE);
const instances = ciInstances(REPO_ROOT);

/** Predefined variables of each kind of pipeline (what GitLab sets that the rules read). */
const PIPELINES: Record<string, Vars> = {
  'merge request': { CI_PIPELINE_SOURCE: 'merge_request_event', CI_DEFAULT_BRANCH: 'main', CI_MERGE_REQUEST_IID: '7' },
  'push to a branch with an open merge request': { CI_PIPELINE_SOURCE: 'push', CI_DEFAULT_BRANCH: 'main', CI_COMMIT_BRANCH: 'add-trigger', CI_OPEN_MERGE_REQUESTS: 'acme/zendesk!7' },
  'push to a branch without a merge request': { CI_PIPELINE_SOURCE: 'push', CI_DEFAULT_BRANCH: 'main', CI_COMMIT_BRANCH: 'add-trigger' },
  'push to the default branch (a merge)': { CI_PIPELINE_SOURCE: 'push', CI_DEFAULT_BRANCH: 'main', CI_COMMIT_BRANCH: 'main' },
  '"Run pipeline" on the default branch': { CI_PIPELINE_SOURCE: 'web', CI_DEFAULT_BRANCH: 'main', CI_COMMIT_BRANCH: 'main' },
  'weekend-apply schedule': { CI_PIPELINE_SOURCE: 'schedule', CI_DEFAULT_BRANCH: 'main', CI_COMMIT_BRANCH: 'main', ZDCTL_SCHEDULE: 'weekend-apply' },
  'weekend-apply schedule on another branch': { CI_PIPELINE_SOURCE: 'schedule', CI_DEFAULT_BRANCH: 'main', CI_COMMIT_BRANCH: 'add-trigger', ZDCTL_SCHEDULE: 'weekend-apply' },
  'nightly schedule': { CI_PIPELINE_SOURCE: 'schedule', CI_DEFAULT_BRANCH: 'main', CI_COMMIT_BRANCH: 'main', ZDCTL_SCHEDULE: 'nightly' },
  'tag push': { CI_PIPELINE_SOURCE: 'push', CI_DEFAULT_BRANCH: 'main', CI_COMMIT_TAG: 'v1.2.0' },
};


const perInstance = (job: string, when = 'on_success') => instances.map((i) => `${job}: [${i}] ${when}`);

describe('.gitlab-ci.yml', () => {
  it('is valid against GitLab’s CI/CD JSON schema (vendored in ci/schema/)', () => {
    const schema = JSON.parse(readFileSync(path.join(REPO_ROOT, 'ci/schema/gitlab-ci.schema.json'), 'utf8')) as object;
    const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
    const validate = ajv.compile(schema);
    const document = parse(readFileSync(CI_FILE, 'utf8')) as unknown;
    const errors = validate(document) ? [] : (validate.errors ?? []).map((e: ErrorObject) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
    expect(errors).toEqual([]);
  });

  it('the vendored schema rejects what GitLab rejects (it is not a schema that accepts anything)', () => {
    const schema = JSON.parse(readFileSync(path.join(REPO_ROOT, 'ci/schema/gitlab-ci.schema.json'), 'utf8')) as object;
    const validate = addFormats(new Ajv({ strict: false })).compile(schema);
    expect(validate({ job: { script: ['true'] } })).toBe(true);
    expect(validate({ job: { scripts: ['true'] } })).toBe(false);
    expect(validate({ job: { script: ['true'], allow_failure: { exit_code: [2] } } })).toBe(false);
    expect(validate({ job: { script: ['true'], when: 'sometimes' } })).toBe(false);
    expect(validate({ job: { script: ['true'], parallel: { matrix: 'main' } } })).toBe(false);
  });

  it('names only stages it declares, jobs that exist in extends and needs', () => {
    const stages = config.raw.stages as string[];
    for (const name of config.names.filter((n) => !n.startsWith('.'))) {
      const job = config.job(name);
      expect(stages, name).toContain(job.stage);
      expect(scriptLines(job).length, name).toBeGreaterThan(0);
      for (const need of (job.needs ?? []) as string[]) expect(config.names, `${name} needs ${need}`).toContain(need);
    }
  });

  it('runs one job per instance folder: the matrix lists exactly the folders under instances/ that are not `ci: false`', () => {
    expect(instances.length).toBeGreaterThan(0);
    expect(config.job('.per-instance').parallel).toEqual({ matrix: [{ INSTANCE: instances }] });
    for (const name of ['validate', 'plan', 'apply:weekend', 'apply:emergency', 'export', 'drift']) {
      expect(config.job(name).parallel, name).toEqual({ matrix: [{ INSTANCE: instances }] });
    }
  });

  it.each(Object.entries(PIPELINES))('creates the right jobs for a %s', (kind, predefined) => {
    const jobs = pipelineJobs(config, predefined).map((j) => `${j.name} ${j.when}`);
    const expected: Record<string, string[]> = {
      'merge request': ['test on_success', ...perInstance('validate'), ...perInstance('plan')],
      'push to a branch with an open merge request': [],
      'push to a branch without a merge request': [],
      'push to the default branch (a merge)': ['test on_success', ...perInstance('validate'), ...perInstance('plan'), ...perInstance('apply:emergency', 'manual')],
      '"Run pipeline" on the default branch': ['test on_success', ...perInstance('validate'), ...perInstance('plan'), ...perInstance('apply:emergency', 'manual')],
      'weekend-apply schedule': [...perInstance('validate'), ...perInstance('apply:weekend')],
      'weekend-apply schedule on another branch': [...perInstance('validate')],
      'nightly schedule': [...perInstance('export'), ...perInstance('drift')],
      'tag push': [],
    };
    expect(jobs).toEqual(expected[kind]);
  });

  it('every job a job needs is in the same pipeline (GitLab refuses the pipeline otherwise)', () => {
    for (const predefined of Object.values(PIPELINES)) {
      const jobs = pipelineJobs(config, predefined);
      const bases = new Set(jobs.map((j) => j.base));
      for (const job of jobs) for (const need of (job.job.needs ?? []) as string[]) expect(bases.has(need), `${job.name} needs ${need}`).toBe(true);
    }
  });

  it('applies: never two at once per instance, never cancelled half-way, backups and audit log kept even on failure, for maintainers only', () => {
    for (const name of ['apply:weekend', 'apply:emergency']) {
      const job = config.job(name);
      expect(job.resource_group, name).toBe('zendesk-$INSTANCE');
      expect(job.interruptible, name).toBe(false);
      expect(job.artifacts, name).toEqual({ name: 'zdctl-apply-$INSTANCE-$CI_PIPELINE_ID', when: 'always', access: 'maintainer', expire_in: '30 days', paths: ['apply/'] });
      const script = scriptLines(job).join('\n');
      expect(script, name).toMatch(/--backup-dir "apply\/\$INSTANCE"/);
      expect(script, name).toContain('set -o pipefail\n');
      expect(script, name).toContain('${DEADLINE:+--deadline "$DEADLINE"}');
      expect(script, name).toContain('node ci/store-snapshots.mjs "apply/$INSTANCE/backups"/*');
    }
    expect(stringVars(config.job('apply:emergency').variables)).toEqual({ ZDCTL_APPLY_WINDOW: 'any' });
    expect(config.job('apply:weekend').variables).toBeUndefined();
    expect(stringVars(config.raw.variables).ZDCTL_APPLY_WINDOW).toBe('Sat 02:00-06:00');
    expect(config.job('.per-instance').interruptible).toBe(true);
  });

  it('separate gates: the weekend and the emergency apply deploy to different environments (approvals on one do not hold up the other)', () => {
    expect(config.job('apply:weekend').environment).toEqual({ name: 'zendesk/$INSTANCE/weekend', deployment_tier: 'production' });
    expect(config.job('apply:emergency').environment).toEqual({ name: 'zendesk/$INSTANCE/emergency', deployment_tier: 'production' });
    for (const name of config.names.filter((n) => !n.startsWith('.') && !n.startsWith('apply:'))) expect(config.job(name).environment, name).toBeUndefined();
    expect(config.job('apply:weekend').when).toBeUndefined();
  });

  it('the emergency apply checks first that its commit is the head of the default branch; the weekend one does not need to', () => {
    expect(scriptLines(config.job('apply:emergency'))[0]).toBe('node ci/check-default-head.mjs');
    expect(scriptLines(config.job('apply:emergency')).slice(1)).toEqual(scriptLines(config.job('apply:weekend')));
    expect(scriptLines(config.job('apply:weekend')).join('\n')).not.toContain('check-default-head');
  });

  it('job timeouts: the weekend apply fits its window (the window and a quarter of an hour at most); every job has one', () => {
    const minutes = (text: string) => [...text.matchAll(/(\d+)\s*(h|m)/g)].reduce((sum, m) => sum + Number(m[1]) * (m[2] === 'h' ? 60 : 1), 0);
    const window = /^Sat (\d\d):(\d\d)-(\d\d):(\d\d)$/.exec(stringVars(config.raw.variables).ZDCTL_APPLY_WINDOW!)!;
    const windowMinutes = Number(window[3]) * 60 + Number(window[4]) - (Number(window[1]) * 60 + Number(window[2]));
    const weekend = minutes(String(config.job('apply:weekend').timeout));
    expect(weekend).toBeGreaterThanOrEqual(windowMinutes);
    expect(weekend).toBeLessThanOrEqual(windowMinutes + 15);
    for (const name of config.names.filter((n) => !n.startsWith('.'))) expect(minutes(String(config.job(name).timeout)), name).toBeGreaterThan(0);
    expect(config.job('apply:emergency').timeout).toBe('2h');
  });

  it('the image is the current Node LTS; package.json engines stay what is tested (>= 20.19)', () => {
    expect((config.raw.default as JsonObject).image).toBe('node:24-bookworm');
    const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { engines: { node: string } };
    expect(pkg.engines.node).toBe('>=20.19.0');
  });

  it('artifacts that hold configuration are restricted and short-lived; a storage hook can take snapshots instead', () => {
    expect(config.job('drift').allow_failure).toEqual({ exit_codes: [2] });
    expect(scriptLines(config.job('drift')).join('\n')).toContain('--detailed-exitcode');
    expect(config.job('export').artifacts).toEqual({ name: 'zdctl-snapshot-$INSTANCE-$CI_PIPELINE_ID', access: 'maintainer', expire_in: '7 days', paths: ['snapshots/'] });
    expect(scriptLines(config.job('export'))).toContain('node ci/store-snapshots.mjs snapshots/*');
    expect(config.job('drift').artifacts).toEqual({ when: 'always', access: 'developer', expire_in: '7 days', paths: ['drift/'] });
    for (const name of config.names.filter((n) => !n.startsWith('.') && n !== 'test')) expect((config.job(name).artifacts as JsonObject | undefined)?.access ?? 'developer', name).not.toBe('all');
    expect(stringVars(config.raw.variables).ZDCTL_RESTRICTED).toBe('us-federal');
  });

  it('exposes the merge request plan on the MR (a fixed path: expose_as ignores paths with variables), for developers', () => {
    const artifacts = config.job('plan').artifacts as JsonObject;
    expect(artifacts).toEqual({ expose_as: 'zdctl plan', access: 'developer', expire_in: '7 days', paths: ['plan/'] });
  });

  it('never sets credentials: the variables instance.yaml names come only from CI/CD settings', () => {
    const names = instances.flatMap((instance) => {
      const auth = (parse(readFileSync(path.join(REPO_ROOT, 'instances', instance, 'instance.yaml'), 'utf8')) as { auth?: { read?: object; write?: object } }).auth ?? {};
      return [...Object.values(auth.read ?? {}), ...Object.values(auth.write ?? {})] as string[];
    });
    expect(names.sort()).toEqual(['ZENDESK_API_TOKEN', 'ZENDESK_EMAIL', 'ZENDESK_FED_API_TOKEN', 'ZENDESK_FED_EMAIL', 'ZENDESK_FED_READ_OAUTH_TOKEN', 'ZENDESK_READ_OAUTH_TOKEN']);
    const text = readFileSync(CI_FILE, 'utf8');
    for (const name of [...names, 'ZENDESK_URL', 'ZENDESK_OAUTH_TOKEN', 'ZDCTL_GITLAB_TOKEN']) {
      expect(text, name).not.toMatch(new RegExp(`\\b${name}\\s*[:=]`));
    }
    for (const name of config.names) expect(Object.keys(config.job(name).variables ?? {}).filter((v) => v.startsWith('ZENDESK')), name).toEqual([]);
    // every variable an instance.yaml names is in README's table
    expect(readmeVariables(path.join(REPO_ROOT, 'README.md')).map((v) => v.name)).toEqual(expect.arrayContaining(names));
  });

  describe('which job receives which Zendesk credential (GitLab: protected variables, environment scopes; README step 7)', () => {
    const variables = readmeVariables(path.join(REPO_ROOT, 'README.md'));
    const zendesk = (job: PipelineJob, predefined: Vars) => variablesSeenBy(job, variables, refProtected(predefined)).filter((v) => v.startsWith('ZENDESK'));
    const READ = ['ZENDESK_READ_OAUTH_TOKEN', 'ZENDESK_FED_READ_OAUTH_TOKEN'];
    const WRITE: Record<string, string[]> = { main: ['ZENDESK_EMAIL', 'ZENDESK_API_TOKEN'], 'us-federal': ['ZENDESK_FED_EMAIL', 'ZENDESK_FED_API_TOKEN'] };

    it('the write credentials are protected and scoped to their instance\'s apply environments; the read-only ones are not protected', () => {
      for (const v of variables.filter((x) => x.name.startsWith('ZENDESK'))) {
        const write = Object.values(WRITE).flat().includes(v.name);
        expect(v, v.name).toEqual({ name: v.name, protected: write, environmentScope: write ? expect.stringMatching(/^zendesk\/[a-z-]+\/\*$/) : '*' });
      }
    });

    it.each(Object.entries(PIPELINES))('%s', (_kind, predefined) => {
      for (const job of pipelineJobs(config, predefined)) {
        const instance = job.variables.INSTANCE;
        const expected = job.base.startsWith('apply:') && refProtected(predefined) ? [...READ, ...WRITE[instance!]!] : READ;
        expect(zendesk(job, predefined).sort(), job.name).toEqual([...expected].sort());
      }
    });

    it('a merge request that edits .gitlab-ci.yml to deploy to an apply environment still gets no write credential (its ref is not protected)', () => {
      const mr = PIPELINES['merge request']!;
      const plan = pipelineJobs(config, mr).find((j) => j.name === `plan: [${instances[0]}]`)!;
      const hijacked: PipelineJob = { ...plan, job: { ...plan.job, environment: { name: 'zendesk/$INSTANCE/emergency' } } };
      expect(zendesk(hijacked, mr).sort()).toEqual([...READ].sort());
    });

    it('every instance in CI has its read and write variables in the table', () => {
      for (const instance of instances) for (const name of WRITE[instance] ?? ['(no write variables known for this instance)']) expect(variables.map((v) => v.name), instance).toContain(name);
    });
  });

  it('the rules evaluator used above reads GitLab’s forms as GitLab does', () => {
    expect(evaluateIf('$A == "x"', { A: 'x' })).toBe(true);
    expect(evaluateIf('$A == "x"', {})).toBe(false);
    expect(evaluateIf('$A != "x"', {})).toBe(true);
    expect(evaluateIf('$A && $B', { A: '1', B: '' })).toBe(false);
    expect(evaluateIf('$A == $B', { A: 'main', B: 'main' })).toBe(true);
    expect(evaluateIf('$A == "x" || $B', { B: '1' })).toBe(true);
    expect(() => evaluateIf('$A =~ /x/', {})).toThrow(/do not know/);
  });

  it('the variable model used above reads protection and environment scopes as GitLab does', () => {
    const job = (environment?: string): PipelineJob => ({ name: 'j: [main]', base: 'j', when: 'on_success', job: environment ? { environment: { name: environment } } : {}, variables: { INSTANCE: 'main' } });
    const scoped = [{ name: 'W', protected: true, environmentScope: 'zendesk/main/*' }, { name: 'R', protected: false, environmentScope: '*' }];
    expect(variablesSeenBy(job('zendesk/$INSTANCE/weekend'), scoped, true)).toEqual(['W', 'R']);
    expect(variablesSeenBy(job('zendesk/$INSTANCE/weekend'), scoped, false)).toEqual(['R']);
    expect(variablesSeenBy(job('zendesk/main-dr/weekend'), scoped, true)).toEqual(['R']);
    expect(variablesSeenBy(job(), scoped, true)).toEqual(['R']);
  });
});

describe('the disaster-recovery runbook, followed literally inside this repository', () => {
  it('its DR instance folder is valid, stays out of the CI matrix, and the matrix check stays green', async () => {
    const runbook = readFileSync(path.join(REPO_ROOT, 'docs/disaster-recovery.md'), 'utf8');
    const block = /```yaml\n# (instances\/main-dr\/instance\.yaml)\n([\s\S]*?)```/.exec(runbook.replace(/^ {3}/gm, ''));
    expect(block, 'the runbook shows instances/main-dr/instance.yaml').not.toBeNull();
    const repo = mkdtempSync(path.join(tmpdir(), 'zdctl-dr-'));
    try {
      cpSync(path.join(REPO_ROOT, 'instances'), path.join(repo, 'instances'), { recursive: true });
      mkdirSync(path.join(repo, 'instances/main-dr'));
      writeFileSync(path.join(repo, block![1]!), block![2]!);
      expect(ciInstances(repo)).toEqual(instances);
      expect(config.job('.per-instance').parallel).toEqual({ matrix: [{ INSTANCE: ciInstances(repo) }] });
      const validated = await zdctl(['validate', '--all'], { cwd: repo });
      expect(validated.stderr).toBe('');
      expect(validated.code).toBe(0);
      expect(validated.stdout).toMatch(/^instances\/main-dr: valid, 0 objects, 0 errors$/m);
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });
});
