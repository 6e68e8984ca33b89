import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Ajv2020 } from 'ajv/dist/2020.js';

/** One JSON Schema file as shipped: its file name (the schema's id in zdctl) and its text. */
export interface SchemaFile {
  name: string;
  text: string;
}

/** The same options at build time (standalone code) and at run time (compiled on demand). */
const AJV_OPTIONS = { allErrors: true, strict: false, allowUnionTypes: true, verbose: true } as const;

export function readSchemaFiles(dir: string): SchemaFile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.schema.json'))
    .sort()
    .map((name) => ({ name, text: readFileSync(`${dir}/${name}`, 'utf8') }));
}

/** Identifies a set of schema texts: the precompiled validators are used only for the exact texts they were built from. */
export function schemasDigest(files: readonly SchemaFile[]): string {
  const hash = createHash('sha256');
  for (const { name, text } of files) hash.update(`${name}\0${text}\0`);
  return hash.digest('hex');
}

/**
 * An Ajv instance holding every schema. Loaded with require so that a run using the validators
 * compiled at build time never loads Ajv itself.
 */
export function ajvWithSchemas(files: readonly SchemaFile[], { forStandaloneCode = false } = {}): Ajv2020 {
  const require = createRequire(import.meta.url);
  const { Ajv2020: AjvClass } = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  const addFormats = require('ajv-formats') as (ajv: Ajv2020) => Ajv2020;
  const ajv = new AjvClass({ ...AJV_OPTIONS, ...(forStandaloneCode ? { code: { source: true } } : {}) });
  addFormats(ajv);
  for (const { name, text } of files) ajv.addSchema(JSON.parse(text) as Record<string, unknown>, name);
  return ajv;
}
