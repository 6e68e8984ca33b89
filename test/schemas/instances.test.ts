// Every YAML file shipped under instances/ matches the schema its place
// implies, and its modeline points at that very schema.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { INSTANCES_DIR, SCHEMA_DIR, brief, loadAjv, schemaForInstancePath, validatorFor, walk } from './helpers.js';

const ajv = loadAjv();
const instances = fs.existsSync(INSTANCES_DIR)
  ? fs.readdirSync(INSTANCES_DIR).filter((d) => fs.existsSync(path.join(INSTANCES_DIR, d, 'instance.yaml')))
  : [];
const files = instances.flatMap((name) =>
  walk(path.join(INSTANCES_DIR, name))
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => ({ instance: name, rel: path.relative(path.join(INSTANCES_DIR, name), f), abs: f })),
);

describe('shipped instances', () => {
  it('include main and us-federal', () => {
    expect(instances).toEqual(expect.arrayContaining(['main', 'us-federal']));
  });

  it.each(files.map((f) => [`${f.instance}/${f.rel}`, f] as const))('%s matches its schema and names it in the modeline', (_name, f) => {
    const schema = schemaForInstancePath(f.rel);
    expect(schema, 'a YAML file in a place no schema covers').toBeDefined();
    const text = fs.readFileSync(f.abs, 'utf8');
    const modeline = /^# yaml-language-server: \$schema=(\S+)\n/.exec(text);
    expect(modeline, 'first line must be the yaml-language-server modeline').not.toBeNull();
    expect(path.resolve(path.dirname(f.abs), modeline![1]!)).toBe(path.join(SCHEMA_DIR, schema!));
    const validate = validatorFor(ajv, schema!);
    const ok = validate(parse(text));
    expect(ok ? [] : brief(validate.errors), JSON.stringify(validate.errors, null, 1)).toEqual([]);
  });

  it.each(instances)('%s: every {file:} names an existing file under content/', (name) => {
    const root = path.join(INSTANCES_DIR, name);
    const refs = files
      .filter((f) => f.instance === name)
      .flatMap((f) => [...fs.readFileSync(f.abs, 'utf8').matchAll(/^\s*-?\s*file: (\S+)$/gm)].map((m) => m[1]!));
    for (const ref of refs) {
      expect(fs.existsSync(path.join(root, ref)), ref).toBe(true);
    }
  });

  it.each(instances)('%s: README.md lists the looked-up names the instance uses', (name) => {
    const root = path.join(INSTANCES_DIR, name);
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const used = new Set<string>();
    for (const f of files.filter((x) => x.instance === name)) {
      const text = fs.readFileSync(f.abs, 'utf8');
      for (const m of text.matchAll(/'((?:Group|Brand|Schedule|Webhook|Target|Status): [^']+)'/g)) used.add(m[1]!);
      for (const m of text.matchAll(/\b([a-z0-9.+-]+@[a-z0-9-]+\.example)\b/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(0);
    const listed = new Set(readme.split('\n').map((l) => l.replace(/^[-*]\s+/, '').replace(/`/g, '').trim()));
    expect([...used].filter((u) => !listed.has(u))).toEqual([]);
  });
});
