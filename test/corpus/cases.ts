import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { tempRepo, type TempRepo } from '../helpers/temp-repo.js';

/**
 * The bad-input corpus: `test/corpus/<category>/<case>/` holds
 * - `instance/**`: the files of instance `t` (an `instance.yaml` of `subdomain: test` is added when absent),
 * - `expected.txt`: the exact diagnostics zdctl must print on stderr, `<repo>` standing for the repository path,
 * - optionally `case.json` (`CaseExtras`) for what git cannot hold well: symlinks, multi-megabyte files.
 */
export interface CaseExtras {
  /** link path inside the instance → target, created as is (relative or absolute) */
  symlinks?: Record<string, string>;
  /** files outside the instance, relative to the repository root */
  repoFiles?: Record<string, string>;
  /** files built as head + repeat×times + tail */
  generated?: Record<string, { head: string; repeat: string; times: number; tail: string }>;
  /** do not add the default instance.yaml */
  noInstanceYaml?: boolean;
}

export interface CorpusCase {
  category: string;
  name: string;
  dir: string;
  expected: string;
  extras: CaseExtras;
}

export const CORPUS_DIR = path.dirname(new URL(import.meta.url).pathname);

export function corpusCases(): CorpusCase[] {
  const cases: CorpusCase[] = [];
  for (const category of subfolders(CORPUS_DIR)) {
    for (const name of subfolders(path.join(CORPUS_DIR, category))) {
      const dir = path.join(CORPUS_DIR, category, name);
      const extrasFile = path.join(dir, 'case.json');
      cases.push({
        category,
        name,
        dir,
        expected: readFileSync(path.join(dir, 'expected.txt'), 'utf8'),
        extras: existsSync(extrasFile) ? (JSON.parse(readFileSync(extrasFile, 'utf8')) as CaseExtras) : {},
      });
    }
  }
  return cases;
}

function subfolders(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** A temporary repository holding the case as instance `t`. */
export function materialize(c: CorpusCase): TempRepo {
  const repo = tempRepo();
  const instanceDir = path.join(repo.dir, 'instances/t');
  mkdirSync(instanceDir, { recursive: true });
  const source = path.join(c.dir, 'instance');
  if (existsSync(source)) cpSync(source, instanceDir, { recursive: true, verbatimSymlinks: true });
  if (!c.extras.noInstanceYaml && !existsSync(path.join(instanceDir, 'instance.yaml'))) writeFileSync(path.join(instanceDir, 'instance.yaml'), 'subdomain: test\n');
  repo.write(c.extras.repoFiles ?? {});
  for (const [relative, spec] of Object.entries(c.extras.generated ?? {})) {
    mkdirSync(path.dirname(path.join(instanceDir, relative)), { recursive: true });
    writeFileSync(path.join(instanceDir, relative), spec.head + spec.repeat.repeat(spec.times) + spec.tail);
  }
  for (const [relative, target] of Object.entries(c.extras.symlinks ?? {})) {
    mkdirSync(path.dirname(path.join(instanceDir, relative)), { recursive: true });
    symlinkSync(target, path.join(instanceDir, relative));
  }
  return repo;
}

/** Every entry under `dir` (not following symlinks): path → kind, mode and content digest. */
export function treeState(dir: string): Record<string, string> {
  const state: Record<string, string> = {};
  const walk = (relative: string) => {
    for (const entry of readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      const absolute = path.join(dir, child);
      const stat = lstatSync(absolute);
      const mode = (stat.mode & 0o7777).toString(8);
      if (stat.isSymbolicLink()) state[child] = `link ${readlinkSync(absolute)}`;
      else if (stat.isDirectory()) {
        state[child] = `dir ${mode}`;
        walk(child);
      } else state[child] = `file ${mode} ${createHash('sha256').update(readFileSync(absolute)).digest('hex')} ${statSync(absolute).mtimeMs}`;
    }
  };
  walk('');
  return state;
}
