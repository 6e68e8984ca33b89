import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DESCRIPTORS, schemaFileOf } from '../../src/resources/index.js';
import { SCHEMA_BASE, SCHEMA_DIR, SINGULAR, TYPES, loadAjv, schemaFiles } from './helpers.js';

// Schemas written ahead of their descriptors (issue 15): they ship, and the descriptors follow.
const SCHEMAS_OF_TYPES_IN_PROGRESS = ['sla_policy.schema.json', 'webhook.schema.json'];

const expected = [
  'common.schema.json',
  'instance.schema.json',
  'order.schema.json',
  'plan.schema.json',
  'trigger-order.schema.json',
  ...new Set([...TYPES.map((t) => schemaFileOf(DESCRIPTORS[t])), ...SCHEMAS_OF_TYPES_IN_PROGRESS]),
].sort();

describe('schemas/', () => {
  it('holds exactly the schema files FORMAT.md names (plus common)', () => {
    expect(schemaFiles()).toEqual(expected);
  });

  it.each(expected)('%s is draft 2020-12 with an $id named after the file', (file) => {
    const schema = JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, file), 'utf8')) as Record<string, unknown>;
    expect(schema['$schema']).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema['$id']).toBe(SCHEMA_BASE + file);
    expect(typeof schema['title']).toBe('string');
    expect(typeof schema['description']).toBe('string');
  });

  it.each(expected)('%s compiles in ajv strict mode', (file) => {
    const ajv = loadAjv();
    expect(() => ajv.getSchema(SCHEMA_BASE + file)).not.toThrow();
    expect(ajv.getSchema(SCHEMA_BASE + file)).toBeTypeOf('function');
  });

  it.each(TYPES.map((t) => `${SINGULAR[t]}.schema.json`))('%s rejects unknown top-level keys', (file) => {
    const schema = JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, file), 'utf8')) as Record<string, unknown>;
    expect(schema['additionalProperties']).toBe(false);
    expect(schema['type']).toBe('object');
  });
});
