import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/model/diagnostics.js';
import { instanceParseCache } from '../../src/model/parse-cache.js';
import { RULES } from '../../src/model/rules/index.js';
import { SchemaSet } from '../../src/model/schemas.js';
import { validateInstance } from '../../src/model/validate.js';
import { parseYaml } from '../../src/model/yaml-file.js';
import { minimalInstance, REPO_ROOT, tempRepo, type TempRepo } from '../helpers/temp-repo.js';

const schemas = new SchemaSet();
const bin = new URL('../../bin/zdctl', import.meta.url).pathname;
let repo: TempRepo | undefined;
afterEach(() => repo?.remove());

const macro = (title: string, value = 'hello') => `title: ${title}\nactions:\n  - field: comment_value\n    value: ${value}\n`;
const cacheFile = () => path.join(repo!.dir, '.zdctl/t/parse-cache.json');
const cacheText = () => readFileSync(cacheFile(), 'utf8');

/** validate with the cache, as the CLI runs it: what it reports and what it loaded. */
function validate(enabled = true) {
  const dir = repo!.dir;
  const { instance, diagnostics } = validateInstance(dir, 't', schemas, RULES, { cache: instanceParseCache(dir, 't', { enabled, schemas }) });
  return {
    diagnostics: diagnostics.map((d) => formatDiagnostic(d).replaceAll(dir, '<repo>')),
    objects: instance.objects.map((o) => ({ file: o.file, key: o.key, data: o.data, start: o.yaml.locate([]) })),
  };
}

describe('parse cache', () => {
  it('a warm run reports and loads exactly what a run without the cache does, positions included', () => {
    repo = tempRepo(minimalInstance({
      'macros/a.yaml': macro('A'),
      'macros/b.yaml': `# a comment first\n\n${macro('B')}`,
      'macros/_order.yaml': '- A\n- B\n',
    }));
    const uncached = validate(false);
    expect(existsSync(cacheFile())).toBe(false);
    const cold = validate();
    expect(Object.keys(JSON.parse(cacheText()).entries as object)).toHaveLength(3);
    const warm = validate();
    expect(cold).toEqual(uncached);
    expect(warm).toEqual(uncached);
    expect(uncached.objects.find((o) => o.key === 'B')!.start).toEqual({ file: 'instances/t/macros/b.yaml', line: 3, column: 1 });

    const text = readFileSync(path.join(repo.dir, 'instances/t/macros/b.yaml'), 'utf8');
    const cached = instanceParseCache(repo.dir, 't', { enabled: true, schemas }).parse(text, 'b.yaml').yaml!;
    const parsed = parseYaml(text, 'b.yaml').yaml!;
    for (const at of [[], ['title'], ['actions'], ['actions', 0], ['actions', 0, 'value'], ['actions', 0, 'missing']]) {
      expect(cached.locate(at)).toEqual(parsed.locate(at));
      expect(cached.locateKey(at)).toEqual(parsed.locateKey(at));
    }
    expect(cached.locate(['actions', 0, 'value'])).toEqual({ file: 'b.yaml', line: 6, column: 12 });

    repo.write({ 'instances/t/macros/bad.yaml': `title: Bad\nactions:\n  - field: comment_value\n    value: x\n    colour: red\n` });
    const refused = validate(false);
    expect(refused.diagnostics.some((d) => d.includes('macros/bad.yaml:5:5') && d.includes('colour'))).toBe(true);
    expect(validate()).toEqual(refused);
  });

  it('uses a stored value for a file whose text is unchanged (the value planted here is what the loader returns)', () => {
    repo = tempRepo(minimalInstance({ 'macros/a.yaml': macro('A') }));
    validate();
    const planted = cacheText().replace('"hello"', '"from the cache"');
    writeFileSync(cacheFile(), planted);
    expect(validate().objects[0]!.data).toMatchObject({ actions: [{ value: 'from the cache' }] });
  });

  it('sees a changed, a renamed and a deleted file, and keeps only the files of the last run', () => {
    repo = tempRepo(minimalInstance({ 'macros/a.yaml': macro('A'), 'macros/b.yaml': macro('B'), 'macros/c.yaml': macro('C') }));
    validate();
    const dir = path.join(repo.dir, 'instances/t/macros');
    writeFileSync(path.join(dir, 'a.yaml'), macro('A', 'changed'));
    renameSync(path.join(dir, 'b.yaml'), path.join(dir, 'renamed.yaml'));
    rmSync(path.join(dir, 'c.yaml'));
    const after = validate();
    expect(after).toEqual(validate(false));
    expect(after.objects.map((o) => [o.file, o.key, (o.data.actions as { value: string }[])[0]!.value])).toEqual([
      ['instances/t/macros/a.yaml', 'A', 'changed'],
      ['instances/t/macros/renamed.yaml', 'B', 'hello'],
    ]);
    expect(Object.keys(JSON.parse(cacheText()).entries as object)).toHaveLength(2);
    expect(cacheText()).not.toContain('"C"');
  });

  it.each([
    ['not JSON', '{"format": "zdctl-parse-cache/1", "entr'],
    ['empty', ''],
    ['another format', JSON.stringify({ format: 'zdctl-parse-cache/0', parser: 'x', entries: {} })],
    ['entries of the wrong shape', null],
  ])('ignores a corrupt cache (%s) and writes a good one', (_, corrupt) => {
    repo = tempRepo(minimalInstance({ 'macros/a.yaml': macro('A') }));
    const expected = validate(false);
    validate();
    const good = cacheText();
    const document = JSON.parse(good) as { entries: Record<string, unknown> };
    const bad = corrupt ?? JSON.stringify({ ...document, entries: Object.fromEntries(Object.keys(document.entries).map((hash) => [hash, { value: 'not an entry' }])) });
    writeFileSync(cacheFile(), bad);
    expect(validate()).toEqual(expected);
    expect(cacheText()).toBe(good);
  });

  it('never holds instance.yaml, nor a value JSON cannot hold exactly', () => {
    repo = tempRepo(minimalInstance({ 'macros/a.yaml': macro('A'), 'macros/nan.yaml': macro('Not a number', '.nan') }));
    writeFileSync(path.join(repo.dir, 'instances/t/instance.yaml'), 'subdomain: test\n# SECRET-LOOKING-TEXT\n');
    const expected = validate(false);
    validate();
    expect(cacheText()).not.toContain('SECRET-LOOKING-TEXT');
    expect(cacheText()).not.toContain('subdomain');
    expect(cacheText()).not.toContain('Not a number');
    expect(Object.keys(JSON.parse(cacheText()).entries as object)).toHaveLength(1);
    expect(validate()).toEqual(expected);
  });

  it('a run with an error writes no cache, and uses the one a valid run wrote', () => {
    repo = tempRepo(minimalInstance({ 'macros/a.yaml': macro('A'), 'macros/broken.yaml': 'title: Broken\nactions: [\n' }));
    const refused = validate();
    expect(refused.diagnostics).toHaveLength(1);
    expect(existsSync(path.join(repo.dir, '.zdctl'))).toBe(false);
    rmSync(path.join(repo.dir, 'instances/t/macros/broken.yaml'));
    validate();
    writeFileSync(cacheFile(), cacheText().replace('"hello"', '"from the cache"'));
    const kept = cacheText();
    writeFileSync(path.join(repo.dir, 'instances/t/macros/broken.yaml'), 'title: Broken\nactions: [\n');
    expect(validate()).toMatchObject({ diagnostics: refused.diagnostics, objects: [{ data: { actions: [{ value: 'from the cache' }] } }] });
    expect(cacheText()).toBe(kept);
  });

  it('keeps a schema verdict for the same text and schema only: a file moved to another type folder is checked again', () => {
    repo = tempRepo(minimalInstance({ 'macros/a.yaml': macro('A') }));
    validate();
    expect(Object.values(JSON.parse(cacheText()).entries as object)).toEqual([[1, 1, expect.anything(), 'macro.schema.json']]);
    rmSync(path.join(repo.dir, 'instances/t/macros/a.yaml'));
    repo.write({ 'instances/t/triggers/a.yaml': macro('A') });
    const moved = validate();
    expect(moved).toEqual(validate(false));
    expect(moved.diagnostics.some((d) => d.includes('triggers/a.yaml') && d.includes('[schema]'))).toBe(true);
  });

  it('drops the whole cache when the schemas change', () => {
    repo = tempRepo(minimalInstance({ 'macros/a.yaml': macro('A') }));
    validate();
    const before = JSON.parse(cacheText()) as { parser: string };
    const edited = tempRepo(Object.fromEntries(readdirSync(`${REPO_ROOT}/schemas`).map((f) => [f, readFileSync(`${REPO_ROOT}/schemas/${f}`, 'utf8')])));
    try {
      edited.write({ 'macro.schema.json': readFileSync(`${REPO_ROOT}/schemas/macro.schema.json`, 'utf8').replace('"required"', '"description": "edited", "required"') });
      const otherSchemas = new SchemaSet(edited.dir);
      expect(otherSchemas.digest).not.toBe(schemas.digest);
      writeFileSync(cacheFile(), cacheText().replace('"hello"', '"from the cache"'));
      const { instance } = validateInstance(repo.dir, 't', otherSchemas, RULES, { cache: instanceParseCache(repo.dir, 't', { enabled: true, schemas: otherSchemas }) });
      expect(instance.objects[0]!.data).toMatchObject({ actions: [{ value: 'hello' }] });
      expect((JSON.parse(cacheText()) as { parser: string }).parser).not.toBe(before.parser);
    } finally {
      edited.remove();
    }
  });

  it('zdctl validate writes the cache owner-only, and --no-cache neither reads nor writes it', () => {
    repo = tempRepo(minimalInstance({ 'macros/a.yaml': macro('A') }));
    const run = (...flags: string[]) => spawnSync(process.execPath, [bin, 'validate', '--instance', 't', ...flags], { cwd: repo!.dir, encoding: 'utf8' });
    const noCache = run('--no-cache');
    expect(noCache.status).toBe(0);
    expect(existsSync(path.join(repo.dir, '.zdctl'))).toBe(false);
    const cached = run();
    expect(cached.stdout).toBe(noCache.stdout);
    expect(statSync(cacheFile()).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(cacheFile())).mode & 0o777).toBe(0o700);
    writeFileSync(cacheFile(), cacheText().replace('"A"', '"Planted"'));
    expect(run('--no-cache').stdout).toBe(noCache.stdout);
    expect(cacheText()).toContain('Planted');
  });
});
