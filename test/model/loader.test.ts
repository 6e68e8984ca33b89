import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/model/diagnostics.js';
import { SchemaSet } from '../../src/model/schemas.js';
import { validateInstance } from '../../src/model/validate.js';
import { minimalInstance, tempRepo, type TempRepo } from '../helpers/temp-repo.js';

const schemas = new SchemaSet();
let repo: TempRepo | undefined;
afterEach(() => repo?.remove());

function problems(files: Record<string, string | Buffer>, setup?: (dir: string) => void): string[] {
  repo = tempRepo(minimalInstance(files));
  setup?.(repo.dir);
  const dir = repo.dir;
  return validateInstance(dir, 't', schemas).diagnostics.map((d) => formatDiagnostic(d).replaceAll(dir, '<repo>'));
}

const macro = (extra = '') => `title: Reply\n${extra}actions:\n  - field: comment_value\n    value: hello\n`;

describe('loading hostile or broken files', () => {
  it('reports a YAML syntax error with its position', () => {
    expect(problems({ 'macros/a.yaml': 'title: Reply\nactions: [\n' })).toMatchInlineSnapshot(`
      [
        "instances/t/macros/a.yaml:3:1: error: Flow sequence in block collection must be sufficiently indented and end with a ] [yaml]
        a line is not indented like the lines it belongs with, or a [ or { before it is never closed: line it up with them (spaces only) and close what is open",
      ]
    `);
  });

  it('refuses duplicate keys', () => {
    expect(problems({ 'macros/a.yaml': `title: One\n${macro().replace('title: Reply\n', 'title: Two\n')}` })).toMatchInlineSnapshot(`
      [
        "instances/t/macros/a.yaml:2:1: error: duplicate key: map keys must be unique [yaml]
        each key may appear once in a map; remove or rename one of them",
      ]
    `);
  });

  it('refuses an alias bomb without expanding it', () => {
    const bomb = ['a: &a [x,x,x,x,x,x,x,x,x]', 'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]', 'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]', 'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]', 'title: [*d,*d,*d,*d,*d,*d,*d,*d,*d]'].join('\n');
    expect(problems({ 'macros/a.yaml': bomb })).toMatchInlineSnapshot(`
      [
        "instances/t/macros/a.yaml:1:1: error: too many alias expansions (more than 100) [yaml]
        YAML aliases (*name) are expanded when read; a file that expands them this often is refused",
      ]
    `);
  });

  it('refuses deep nesting', () => {
    expect(problems({ 'macros/a.yaml': `title: ${'['.repeat(100)}${']'.repeat(100)}\n` })).toMatchInlineSnapshot(`
      [
        "instances/t/macros/a.yaml:1:72: error: nesting deeper than 64 levels [yaml]",
      ]
    `);
  });

  it('refuses YAML tags', () => {
    expect(problems({ 'macros/a.yaml': macro('description: !!js/function "x"\n') })).toMatchInlineSnapshot(`
      [
        "instances/t/macros/a.yaml:2:14: error: Unresolved tag: tag:yaml.org,2002:js/function [yaml]
        zdctl reads plain YAML only; remove the !tag",
      ]
    `);
  });

  it('refuses a second document in one file', () => {
    expect(problems({ 'macros/a.yaml': `${macro()}---\n${macro()}` })).toMatchInlineSnapshot(`
      [
        "instances/t/macros/a.yaml:5:1: error: the file holds more than one YAML document [yaml]
        a file holds one YAML document; remove the second \`---\` and what follows, or move it to a file of its own",
      ]
    `);
  });

  it('refuses non-UTF-8 bytes and UTF-16, accepts a UTF-8 byte-order mark', () => {
    expect(
      problems({
        'macros/a.yaml': Buffer.concat([Buffer.from('title: Caf'), Buffer.from([0xe9]), Buffer.from('\nactions: []\n')]),
        'macros/b.yaml': Buffer.from(`\ufeff${macro()}`, 'utf16le'),
        'macros/c.yaml': Buffer.from(`\ufeff${macro().replace('Reply', 'Bom')}`, 'utf8'),
      }),
    ).toMatchInlineSnapshot(`
      [
        "instances/t/macros/a.yaml:1:1: error: the file is not valid UTF-8 [file]
        byte 11 starts an invalid sequence; save the file as UTF-8",
        "instances/t/macros/b.yaml:1:1: error: the file is UTF-16 encoded [file]
        save it as UTF-8",
      ]
    `);
  });

  it('refuses a gigantic file without reading it', () => {
    expect(problems({ 'macros/a.yaml': `title: x\ndescription: "${'a'.repeat(3 * 1024 * 1024)}"\n` })).toMatchInlineSnapshot(`
      [
        "instances/t/macros/a.yaml:1:1: error: the file is 3145753 bytes; zdctl reads files up to 2097152 bytes [file]",
      ]
    `);
  });

  it('refuses unknown and read-only keys', () => {
    expect(problems({ 'macros/a.yaml': macro('id: 123\nposition: 4\ncolour: red\n') })).toMatchInlineSnapshot(`
      [
        "instances/t/macros/a.yaml:2:1: error: unknown key "id" in the file (macros/Reply) [schema]
        "id" is set by Zendesk and read-only; remove it from the file",
        "instances/t/macros/a.yaml:3:1: error: unknown key "position" in the file (macros/Reply) [schema]
        positions come from _order.yaml, not from the object file",
        "instances/t/macros/a.yaml:4:1: error: unknown key "colour" in the file (macros/Reply) [schema]
        macro.schema.json does not allow it; check the spelling",
      ]
    `);
  });

  it('reads {file:} content and refuses paths that leave the instance folder', () => {
    expect(
      problems(
        {
          'content/ok.md': 'Thanks!\n',
          'macros/a.yaml': 'title: A\nactions:\n  - field: comment_value\n    value: {file: content/ok.md}\n',
          'macros/b.yaml': 'title: B\nactions:\n  - field: comment_value\n    value: {file: content/../../../../etc/passwd}\n',
          'macros/c.yaml': 'title: C\nactions:\n  - field: comment_value\n    value: {file: /etc/passwd}\n',
          'macros/d.yaml': 'title: D\nactions:\n  - field: comment_value\n    value: {file: content/missing.md}\n',
          'macros/e.yaml': 'title: E\nactions:\n  - field: comment_value\n    value: {file: content/link.md}\n',
        },
        (dir) => symlinkSync('/etc/hostname', path.join(dir, 'instances/t/content/link.md')),
      ),
    ).toMatchInlineSnapshot(`
      [
        "instances/t/macros/b.yaml:4:19: error: actions.0.value.file "content/../../../../etc/passwd" is not allowed here (macros/B) [schema]
        Path relative to the instance folder, under content/.",
        "instances/t/macros/c.yaml:4:19: error: actions.0.value.file "/etc/passwd" is not allowed here (macros/C) [schema]
        Path relative to the instance folder, under content/.",
        "instances/t/macros/d.yaml:4:19: error: file instances/t/content/missing.md does not exist [file]",
        "instances/t/macros/e.yaml:4:19: error: path "content/link.md" is a symlink to "/etc/hostname", outside the instance folder [content-file]
        content files must lie inside the instance folder, e.g. {file: content/macros/reply.md}",
      ]
    `);
  });

  it('refuses an object file that is a symlink to outside the instance', () => {
    expect(
      problems({}, (dir) => {
        writeFileSync(path.join(dir, 'outside.yaml'), macro());
        mkdirSync(path.join(dir, 'instances/t/macros'));
        symlinkSync(path.join(dir, 'outside.yaml'), path.join(dir, 'instances/t/macros/a.yaml'));
      }),
    ).toMatchInlineSnapshot(`
      [
        "instances/t/macros/a.yaml:1:1: error: path "macros/a.yaml" is a symlink to "<repo>/outside.yaml", outside the instance folder [file]
        symlinks may only point inside the instance folder",
      ]
    `);
  });

  it('reports a missing instance with the ones that exist', () => {
    repo = tempRepo(minimalInstance());
    expect(validateInstance(repo.dir, 'nope', schemas).diagnostics.map(formatDiagnostic)).toMatchInlineSnapshot(`
      [
        "error: no instance "nope": instances/nope is not a folder [instance]
        instances here: t",
      ]
    `);
  });
});

describe('configOnly (export, restore)', () => {
  it('reads instance.yaml and no object file', async () => {
    const { loadInstance } = await import('../../src/model/instance.js');
    repo = tempRepo(minimalInstance({ 'macros/a.yaml': macro(), 'macros/b.yaml': 'title: [\n' }));
    const full = loadInstance(repo.dir, 't', schemas);
    expect(full.objects.map((o) => o.key)).toEqual(['Reply']);
    expect(full.diagnostics.length).toBeGreaterThan(0);
    const configOnly = loadInstance(repo.dir, 't', schemas, { configOnly: true });
    expect(configOnly.config?.subdomain).toBe(full.config?.subdomain);
    expect(configOnly.objects).toEqual([]);
    expect(configOnly.diagnostics).toEqual([]);
  });
});
