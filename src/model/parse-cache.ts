import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from './diagnostics.js';
import type { SchemaSet } from './schemas.js';
import { parseYaml, positionedYaml, yamlBody, type YamlFile } from './yaml-file.js';

export type ParseResult = { yaml?: YamlFile; diagnostics: Diagnostic[] };

/** What a file's text parsed to: where its value starts (line, column), the value, and the schema it passed, if it did. */
type Entry = [line: number, column: number, value: unknown, passedSchema?: string];

interface CacheDocument {
  format: string;
  parser: string;
  entries: Record<string, Entry>;
}

const FORMAT = 'zdctl-parse-cache/1';

/** The cache of one instance's files, `.zdctl/<instance>/parse-cache.json` (beside apply's backups); none with `--no-cache`. */
export function instanceParseCache(repoDir: string, instance: string, { enabled, schemas }: { enabled: boolean; schemas: SchemaSet }): ParseCache {
  if (!enabled || !/^[A-Za-z0-9_-][A-Za-z0-9._-]*$/.test(instance)) return ParseCache.none();
  return ParseCache.open(path.join(repoDir, '.zdctl', instance, 'parse-cache.json'), schemas.digest);
}

/**
 * Parsed object files by the SHA-256 of their text, as linters keep them: a file whose text is
 * unchanged is not parsed again. Every file is still listed and read at every run, so a changed,
 * new, renamed or deleted file is always seen. Only files that parsed without a diagnostic, to a
 * value that JSON holds exactly, are kept. A cache that cannot be read or is not what this build
 * wrote is ignored and rewritten; one that cannot be written is not an error.
 */
export class ParseCache {
  private readonly stored: Record<string, Entry>;
  private readonly used: Record<string, Entry> = {};
  private readonly hashOf = new WeakMap<YamlFile, string>();
  private changed = false;

  private constructor(private readonly file: string | undefined, stored: Record<string, Entry>, private readonly identity = '') {
    this.stored = stored;
  }

  /** A cache that parses every file (`--no-cache`). */
  static none(): ParseCache {
    return new ParseCache(undefined, {});
  }

  /** `schemasDigest`: the schema texts that verdicts in the cache were given under (any change drops the cache). */
  static open(file: string, schemasDigest: string): ParseCache {
    const identity = `${parserIdentity()} ${schemasDigest}`;
    const stored = readCache(file, identity);
    const cache = new ParseCache(file, stored ?? {}, identity);
    cache.changed = stored === undefined;
    return cache;
  }

  parse(text: string, file: string): ParseResult {
    if (this.file === undefined) return parseYaml(text, file);
    const hash = createHash('sha256').update(text).digest('base64');
    const hit = this.stored[hash];
    // Two files with the same text in one run each get a value of their own, as a parse gives.
    if (hit && !(hash in this.used)) {
      this.used[hash] = hit;
      const yaml = positionedYaml(yamlBody(text), file, hit[2], { line: hit[0], column: hit[1] });
      this.hashOf.set(yaml, hash);
      return { yaml, diagnostics: [] };
    }
    const parsed = parseYaml(text, file);
    if (parsed.yaml && parsed.diagnostics.length === 0 && isExactInJson(parsed.yaml.value)) {
      const { line, column } = parsed.yaml.locate([]);
      this.used[hash] = [line, column, parsed.yaml.value];
      this.hashOf.set(parsed.yaml, hash);
      this.changed = true;
    }
    return parsed;
  }

  /**
   * A schema's verdict on a file depends on its text and the schema's text alone: a file that
   * passed this schema before (the same schema: a file moved to another type folder is checked
   * again) is not checked again.
   */
  passedBefore(yaml: YamlFile, schemaFile: string): boolean {
    const hash = this.hashOf.get(yaml);
    return hash !== undefined && this.used[hash]?.[3] === schemaFile;
  }

  recordPassed(yaml: YamlFile, schemaFile: string): void {
    const hash = this.hashOf.get(yaml);
    const entry = hash === undefined ? undefined : this.used[hash];
    if (!entry || entry[3] === schemaFile) return;
    this.used[hash!] = [entry[0], entry[1], entry[2], schemaFile];
    this.changed = true;
  }

  /** Writes what this run used (entries of files no longer there are dropped), if anything changed. */
  save(): void {
    if (this.file === undefined) return;
    if (!this.changed && Object.keys(this.used).length === Object.keys(this.stored).length) return;
    const document: CacheDocument = { format: FORMAT, parser: this.identity, entries: this.used };
    const temporary = `${this.file}.${process.pid}.tmp`;
    try {
      mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
      writeFileSync(temporary, JSON.stringify(document), { mode: 0o600 });
      renameSync(temporary, this.file);
    } catch {
      rmSync(temporary, { force: true });
    }
  }
}

function readCache(file: string, identity: string): Record<string, Entry> | undefined {
  try {
    const document = JSON.parse(readFileSync(file, 'utf8')) as Partial<CacheDocument> | null;
    if (document?.format !== FORMAT || document.parser !== identity || !isEntries(document.entries)) return undefined;
    return document.entries;
  } catch {
    return undefined;
  }
}

function isEntries(entries: unknown): entries is Record<string, Entry> {
  if (typeof entries !== 'object' || entries === null || Array.isArray(entries)) return false;
  return Object.values(entries).every(
    (entry) => Array.isArray(entry) && (entry.length === 3 || (entry.length === 4 && typeof entry[3] === 'string')) && Number.isInteger(entry[0]) && Number.isInteger(entry[1]),
  );
}

/** JSON would turn NaN, ±Infinity into null and -0 into 0: such a file is parsed every time instead. */
function isExactInJson(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (typeof value === 'string' || typeof value === 'boolean' || value === null) return true;
  if (Array.isArray(value)) return value.every(isExactInJson);
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) return Object.values(value as object).every(isExactInJson);
  return false;
}

let identity: string | undefined;

/**
 * The parser that filled a cache: the yaml library's version and zdctl's own parse code. A cache
 * from any other is ignored, so an upgrade never reuses what an older parser made of a file.
 */
function parserIdentity(): string {
  if (identity) return identity;
  const require = createRequire(import.meta.url);
  const yamlPackage = readFileSync(path.join(path.dirname(require.resolve('yaml')), '..', 'package.json'), 'utf8');
  const ownCode = readFileSync(fileURLToPath(new URL(`./yaml-file${path.extname(fileURLToPath(import.meta.url))}`, import.meta.url)), 'utf8');
  return (identity = createHash('sha256').update(yamlPackage).update('\0').update(ownCode).digest('base64'));
}
