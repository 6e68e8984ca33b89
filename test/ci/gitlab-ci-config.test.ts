import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/temp-repo.js';
import { evaluateIf, loadCiConfig, pipelineJobs, scriptLines, stringVars, type JsonObject, type Vars } from './gitlab-ci.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const CI_FILE = path.join(REPO_ROOT, '.gitlab-ci.yml');
const config = loadCiConfig(CI_FILE);
const instances = readdirSync(path.join(REPO_ROOT, 'instances')).filter((name) => statSync(path.join(REPO_ROOT, 'instances', name)).isDirectory()).sort();

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

  it('runs one job per instance folder: the matrix lists exactly the folders under instances/', () => {
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

  it('applies: never two at once per instance, never cancelled half-way, backups and audit log kept even on failure', () => {
    for (const name of ['apply:weekend', 'apply:emergency']) {
      const job = config.job(name);
      expect(job.resource_group, name).toBe('zendesk-$INSTANCE');
      expect(job.interruptible, name).toBe(false);
      expect(job.environment, name).toEqual({ name: 'zendesk/$INSTANCE', deployment_tier: 'production' });
      expect(job.artifacts, name).toEqual({ name: 'zdctl-apply-$INSTANCE-$CI_PIPELINE_ID', when: 'always', expire_in: '1 year', paths: ['apply/'] });
      expect(scriptLines(job).join('\n'), name).toMatch(/--backup-dir "apply\/\$INSTANCE"/);
      expect(scriptLines(job)[0], name).toBe('set -o pipefail');
    }
    expect(stringVars(config.job('apply:emergency').variables)).toEqual({ ZDCTL_APPLY_WINDOW: 'any' });
    expect(config.job('apply:weekend').variables).toBeUndefined();
    expect(stringVars(config.raw.variables).ZDCTL_APPLY_WINDOW).toBe('Sat 02:00-06:00');
    expect(config.job('.per-instance').interruptible).toBe(true);
  });

  it('drift: exit 2 (changes) is a warning, any other failure an error; the nightly export keeps its snapshot 90 days', () => {
    expect(config.job('drift').allow_failure).toEqual({ exit_codes: [2] });
    expect(scriptLines(config.job('drift')).join('\n')).toContain('--detailed-exitcode');
    expect(config.job('export').artifacts).toEqual({ name: 'zdctl-snapshot-$INSTANCE-$CI_PIPELINE_ID', expire_in: '90 days', paths: ['snapshots/'] });
  });

  it('exposes the merge request plan on the MR (a fixed path: expose_as ignores paths with variables)', () => {
    const artifacts = config.job('plan').artifacts as JsonObject;
    expect(artifacts).toEqual({ expose_as: 'zdctl plan', expire_in: '30 days', paths: ['plan/'] });
  });

  it('never sets credentials: the variables instance.yaml names come only from CI/CD settings', () => {
    const names = instances.flatMap((instance) => {
      const auth = (parse(readFileSync(path.join(REPO_ROOT, 'instances', instance, 'instance.yaml'), 'utf8')) as { auth?: Record<string, string> }).auth ?? {};
      return Object.values(auth);
    });
    expect(names).toContain('ZENDESK_FED_API_TOKEN');
    for (const name of names) expect(name).toMatch(/^[A-Z][A-Z0-9_]*$/);
    const text = readFileSync(CI_FILE, 'utf8');
    for (const name of [...names, 'ZENDESK_URL', 'ZENDESK_OAUTH_TOKEN', 'ZDCTL_GITLAB_TOKEN']) {
      expect(text, name).not.toMatch(new RegExp(`\\b${name}\\s*[:=]`));
    }
    for (const name of config.names) expect(Object.keys(config.job(name).variables ?? {}).filter((v) => v.startsWith('ZENDESK')), name).toEqual([]);
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
});
