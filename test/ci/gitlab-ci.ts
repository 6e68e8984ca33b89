// Reads .gitlab-ci.yml the way GitLab does for what zdctl's pipeline uses: `extends` (deep merge of
// maps, later wins, lists replaced), `default:`, global and job `variables`, `parallel:matrix`,
// `workflow:rules` and job `rules` with `if` expressions. The expression language is limited on
// purpose to the forms the file uses ($VAR, $VAR == "x", $VAR != "x", $A == $B, &&, ||); anything
// else throws, so a new form in the file makes the tests fail rather than be guessed at.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, parseDocument } from 'yaml';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };
export type Vars = Record<string, string | undefined>;

/** Top-level keys that are not jobs. */
export const GLOBAL_KEYWORDS = new Set(['default', 'include', 'stages', 'variables', 'workflow', 'image', 'services', 'cache', 'before_script', 'after_script', 'types', 'spec']);
const DEFAULT_KEYS = ['after_script', 'artifacts', 'before_script', 'cache', 'hooks', 'id_tokens', 'image', 'interruptible', 'retry', 'services', 'tags', 'timeout'];

export interface CiConfig {
  raw: JsonObject;
  /** names of every job, hidden ones (".x") included, as written */
  names: string[];
  /** a job with extends and default applied (hidden jobs too) */
  job(name: string): JsonObject;
}

export function loadCiConfig(file: string): CiConfig {
  const document = parseDocument(readFileSync(file, 'utf8'), { prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0 || document.warnings.length > 0) {
    throw new Error([...document.errors, ...document.warnings].map((e) => e.message).join('\n'));
  }
  const raw = document.toJS({ maxAliasCount: 100 }) as JsonObject;
  const names = Object.keys(raw).filter((key) => !GLOBAL_KEYWORDS.has(key));
  const defaults = (raw.default ?? {}) as JsonObject;

  const resolving = new Set<string>();
  const resolved = (name: string): JsonObject => {
    const own = raw[name];
    if (!isObject(own)) throw new Error(`${name}: not a job (${JSON.stringify(own)})`);
    if (resolving.has(name)) throw new Error(`extends cycle at ${name}`);
    resolving.add(name);
    const parents = own.extends === undefined ? [] : Array.isArray(own.extends) ? own.extends : [own.extends];
    let merged: JsonObject = {};
    for (const parent of parents) {
      if (typeof parent !== 'string' || !(parent in raw)) throw new Error(`${name}: extends unknown job ${JSON.stringify(parent)}`);
      merged = deepMerge(merged, resolved(parent));
    }
    const { extends: _extends, ...rest } = own;
    resolving.delete(name);
    return deepMerge(merged, rest);
  };

  return {
    raw,
    names,
    job(name) {
      const job = resolved(name);
      for (const key of DEFAULT_KEYS) if (!(key in job) && key in defaults) job[key] = structuredClone(defaults[key]!);
      return job;
    },
  };
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function deepMerge(base: JsonObject, over: JsonObject): JsonObject {
  const out: JsonObject = structuredClone(base);
  for (const [key, value] of Object.entries(over)) {
    const prev = out[key];
    out[key] = isObject(prev) && isObject(value) ? deepMerge(prev, value) : structuredClone(value);
  }
  return out;
}

/** Evaluates one `rules:if` expression. */
export function evaluateIf(expression: string, vars: Vars): boolean {
  return expression.split('||').some((alternative) =>
    alternative.split('&&').every((term) => {
      const t = term.trim();
      let m = /^\$(\w+)$/.exec(t);
      if (m) return (vars[m[1]!] ?? '') !== '';
      m = /^\$(\w+)\s*(==|!=)\s*"([^"]*)"$/.exec(t);
      if (m) return (vars[m[1]!] === m[3]) === (m[2] === '==');
      m = /^\$(\w+)\s*(==|!=)\s*\$(\w+)$/.exec(t);
      if (m) return (vars[m[1]!] === vars[m[3]!]) === (m[2] === '==');
      throw new Error(`rules:if: the tests do not know this expression form: ${JSON.stringify(t)}`);
    }),
  );
}

/** `when` of the first matching rule ('never' when none matches). */
export function evaluateRules(rules: Json | undefined, vars: Vars): string {
  if (rules === undefined) return 'on_success';
  if (!Array.isArray(rules)) throw new Error('rules: not a list');
  for (const rule of rules) {
    if (!isObject(rule)) throw new Error('rules: an entry is not a map');
    const keys = Object.keys(rule).filter((k) => !['if', 'when', 'allow_failure', 'variables'].includes(k));
    if (keys.length > 0) throw new Error(`rules: the tests do not know ${keys.join(', ')}`);
    if (rule.if === undefined || evaluateIf(String(rule.if), vars)) return typeof rule.when === 'string' ? rule.when : 'on_success';
  }
  return 'never';
}

export interface PipelineJob {
  /** as GitLab names it: "plan: [main]" for a matrix job */
  name: string;
  base: string;
  when: string;
  job: JsonObject;
  /** global variables, job variables, matrix values (no expansion) */
  variables: Record<string, string>;
}

/** The jobs GitLab creates for a pipeline with these predefined variables (none if workflow:rules says never). */
export function pipelineJobs(config: CiConfig, predefined: Vars): PipelineJob[] {
  const globalVars = stringVars(config.raw.variables);
  const vars = { ...globalVars, ...predefined };
  const workflow = (config.raw.workflow as JsonObject | undefined)?.rules;
  if (workflow !== undefined && evaluateRules(workflow, vars) === 'never') return [];
  const jobs: PipelineJob[] = [];
  for (const base of config.names.filter((n) => !n.startsWith('.'))) {
    const job = config.job(base);
    const jobVars = { ...globalVars, ...stringVars(job.variables) };
    const when = evaluateRules(job.rules, { ...vars, ...jobVars });
    if (when === 'never') continue;
    for (const combination of matrixOf(job)) {
      const name = Object.keys(combination).length ? `${base}: [${Object.values(combination).join(', ')}]` : base;
      jobs.push({ name, base, when, job, variables: { ...jobVars, ...combination } });
    }
  }
  return jobs;
}

/** Each combination of a job's parallel:matrix ([{}] without one). */
export function matrixOf(job: JsonObject): Record<string, string>[] {
  const matrix = isObject(job.parallel) ? job.parallel.matrix : undefined;
  if (!Array.isArray(matrix)) return [{}];
  return matrix.flatMap((entry) => {
    if (!isObject(entry)) throw new Error('parallel:matrix entry is not a map');
    let combos: Record<string, string>[] = [{}];
    for (const [key, values] of Object.entries(entry)) {
      const list = Array.isArray(values) ? values : [values];
      combos = combos.flatMap((c) => list.map((v) => ({ ...c, [key]: String(v) })));
    }
    return combos;
  });
}

export function stringVars(value: Json | undefined): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) throw new Error('variables: not a map');
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => {
      if (isObject(v)) return [key, String(v.value ?? '')];
      return [key, String(v)];
    }),
  );
}

/** The job's script lines, before_script first when asked (lists may nest one level, as GitLab allows). */
export function scriptLines(job: JsonObject, key: 'script' | 'before_script' = 'script'): string[] {
  const value = job[key];
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.flatMap((line) => (Array.isArray(line) ? line.map(String) : [String(line)]));
}

/** A CI/CD variable as Settings → CI/CD → Variables holds it (only what decides who receives it). */
export interface ProjectVariable {
  name: string;
  protected: boolean;
  /** `*` for all environments, else an environment name, `*` a wildcard */
  environmentScope: string;
}

/** The job's `environment:name` with its variables (matrix values included) expanded, or undefined. */
export function environmentOf(job: PipelineJob): string | undefined {
  const environment = job.job.environment;
  const name = isObject(environment) ? environment.name : environment;
  if (typeof name !== 'string') return undefined;
  return name.replace(/\$(\w+)|\$\{(\w+)\}/g, (_, a: string | undefined, b: string | undefined) => job.variables[(a ?? b)!] ?? '');
}

/**
 * Which project variables GitLab gives a job: a protected variable only to pipelines of a protected
 * branch or tag; a variable with an environment scope other than `*` only to a job whose
 * environment name matches the scope (`*` matches any text).
 */
export function variablesSeenBy(job: PipelineJob, variables: readonly ProjectVariable[], refProtected: boolean): string[] {
  const environment = environmentOf(job);
  return variables
    .filter((v) => !v.protected || refProtected)
    .filter((v) => v.environmentScope === '*' || (environment !== undefined && scopePattern(v.environmentScope).test(environment)))
    .map((v) => v.name);
}

function scopePattern(scope: string): RegExp {
  return new RegExp(`^${scope.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, '\\$&')).join('.*')}$`);
}

/** The instance folders the pipeline runs for: those under instances/ whose instance.yaml does not say `ci: false`. */
export function ciInstances(repoDir: string): string[] {
  const root = path.join(repoDir, 'instances');
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(root, entry.name, 'instance.yaml')))
    .filter((entry) => (parse(readFileSync(path.join(root, entry.name, 'instance.yaml'), 'utf8')) as { ci?: unknown } | null)?.ci !== false)
    .map((entry) => entry.name)
    .sort();
}

/** Whether a pipeline's ref is protected, as README's checklist sets it up (step 3: only the default branch). */
export function refProtected(predefined: Vars): boolean {
  return predefined.CI_PIPELINE_SOURCE !== 'merge_request_event' && predefined.CI_COMMIT_BRANCH !== undefined && predefined.CI_COMMIT_BRANCH === predefined.CI_DEFAULT_BRANCH;
}

/** The CI/CD variables as README's checklist (step 7) tells a GitLab admin to set them: its table, read. */
export function readmeVariables(readmeFile: string): ProjectVariable[] {
  const readme = readFileSync(readmeFile, 'utf8');
  const at = readme.indexOf('| variable | holds | protected | environment scope |');
  if (at < 0) throw new Error('README: no CI/CD variables table');
  const lines = readme.slice(at).split('\n').map((line) => line.trim());
  const rows = lines.slice(2, lines.findIndex((line, i) => i >= 2 && !line.startsWith('|')));
  return rows.flatMap((row) => {
    const cells = row.split('|').slice(1, -1).map((cell) => cell.trim());
    const names = [...cells[0]!.matchAll(/`([A-Z0-9_]+)`/g)].map((m) => m[1]!);
    const scope = /^`([^`]+)`$/.exec(cells[3] ?? '')?.[1];
    if (names.length === 0 || !['yes', 'no'].includes(cells[2]!) || !scope) throw new Error(`README variables table: cannot read ${row}`);
    return names.map((name) => ({ name, protected: cells[2] === 'yes', environmentScope: scope }));
  });
}
