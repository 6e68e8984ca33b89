import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { schemaFileOf, type ResourceDescriptor } from './types.js';

const SCHEMAS_DIR = fileURLToPath(new URL('../../schemas/', import.meta.url));
const cache = new Map<string, readonly string[]>();

/**
 * The keys a file may hold for a type, read from its JSON Schema: the schema is the one list of
 * what zdctl manages, so a key Zendesk adds to its answers one day is ignored, not diffed forever.
 */
export function fileKeysOf(descriptor: ResourceDescriptor): readonly string[] {
  let keys = cache.get(descriptor.type);
  if (!keys) {
    const schema = JSON.parse(readFileSync(`${SCHEMAS_DIR}${schemaFileOf(descriptor)}`, 'utf8')) as { properties?: Record<string, unknown> };
    keys = Object.keys(schema.properties ?? {});
    cache.set(descriptor.type, keys);
  }
  return keys;
}

/** The keys that go to Zendesk: the file's keys less the ones only zdctl reads. */
export function apiKeysOf(descriptor: ResourceDescriptor): string[] {
  return fileKeysOf(descriptor).filter((key) => !descriptor.localOnly.includes(key));
}
