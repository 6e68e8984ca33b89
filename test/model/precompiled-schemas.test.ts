import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../src/model/yaml-file.js';
import { ajvWithSchemas, readSchemaFiles, schemasDigest } from '../../src/model/schema-compiler.js';
import { REPO_ROOT } from '../helpers/temp-repo.js';

// The build (npm run build, run before the tests) compiles the shipped schemas to code; zdctl uses
// that code instead of compiling at start. It must judge every file as Ajv at run time does.
const files = readSchemaFiles(`${REPO_ROOT}/schemas`);
const precompiled = createRequire(import.meta.url)(`${REPO_ROOT}/dist/model/schema-validators.cjs`) as Record<string, ((value: unknown) => boolean) & { errors?: unknown }> & { schemasDigest: string };
const ajv = ajvWithSchemas(files);

const yamlFiles = ['test/corpus', 'instances', 'examples'].flatMap((folder) =>
  readdirSync(`${REPO_ROOT}/${folder}`, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.yaml')).map((f) => `${folder}/${f}`),
);
const values = yamlFiles.flatMap((file) => parseYaml(readFileSync(`${REPO_ROOT}/${file}`, 'utf8'), file).yaml?.value ?? []);

describe('validators compiled at build time', () => {
  it('were built from the shipped schema texts', () => {
    expect(precompiled.schemasDigest).toBe(schemasDigest(files));
  });

  // common.schema.json holds only $defs that the others refer to: it accepts any value.
  it.each(files.map((f) => f.name).filter((name) => name !== 'common.schema.json'))('%s gives the same verdict and errors as Ajv compiling it, for every YAML file of the repository', (name) => {
    expect(values.length).toBeGreaterThan(200);
    const runtime = ajv.getSchema(name)!;
    let failures = 0;
    for (const value of values) {
      const verdict = precompiled[name]!(value);
      expect(verdict).toBe(runtime(value));
      expect(precompiled[name]!.errors ?? null).toEqual(runtime.errors ?? null);
      if (!verdict) failures += 1;
    }
    expect(failures).toBeGreaterThan(0);
  });
});
