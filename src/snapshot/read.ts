import { assignIdentities } from '../resources/identity.js';
import { DESCRIPTORS } from '../resources/index.js';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { error, type Diagnostic } from '../model/diagnostics.js';
import { LOOKUP_TYPES, MANAGED_TYPES, type LookupType } from '../resources/index.js';
import type { ApiObject, LiveState } from '../resources/live.js';
import { lookupsFile, MANIFEST, objectsFile, SNAPSHOT_FORMAT_VERSION, type SnapshotManifest } from './format.js';
import { sha256 } from './write.js';

export interface Snapshot {
  manifest: SnapshotManifest;
  live: LiveState;
}

/**
 * Checks a snapshot against its manifest before anything trusts it: every listed file present
 * with its sha256, no file that the manifest does not list. Returns the snapshot only if all holds.
 */
export function readSnapshot(dir: string): { snapshot?: Snapshot; diagnostics: Diagnostic[] } {
  const where = { file: `${dir}/${MANIFEST}`, line: 1, column: 1 };
  if (!existsSync(path.join(dir, MANIFEST))) return { diagnostics: [error('snapshot', `${dir} is not a snapshot: it has no ${MANIFEST}`, { source: where, detail: 'give the folder that zdctl export wrote' })] };
  let manifest: SnapshotManifest;
  try {
    manifest = JSON.parse(readFileSync(path.join(dir, MANIFEST), 'utf8')) as SnapshotManifest;
  } catch (cause) {
    return { diagnostics: [error('snapshot', `${MANIFEST} is not valid JSON: ${(cause as Error).message}`, { source: where })] };
  }
  if (manifest.format_version !== SNAPSHOT_FORMAT_VERSION || typeof manifest.files !== 'object' || manifest.files === null) {
    return { diagnostics: [error('snapshot', `${MANIFEST} is not a zdctl snapshot manifest of format ${SNAPSHOT_FORMAT_VERSION}`, { source: where })] };
  }
  const diagnostics: Diagnostic[] = [];
  for (const [relative, expected] of Object.entries(manifest.files)) {
    const absolute = path.join(dir, relative);
    if (relative.includes('..') || path.isAbsolute(relative)) diagnostics.push(error('snapshot', `the manifest lists "${relative}", a path outside the snapshot`, { source: where }));
    else if (!existsSync(absolute)) diagnostics.push(error('snapshot', `${relative} is listed in the manifest but missing`, { source: where, detail: 'the snapshot is incomplete; restore refuses it' }));
    else if (sha256(readFileSync(absolute)) !== expected) diagnostics.push(error('snapshot', `${relative} was changed after the snapshot was taken (sha256 differs from the manifest)`, { source: { file: `${dir}/${relative}`, line: 1, column: 1 }, detail: 'restore refuses a snapshot that does not match its manifest' }));
  }
  for (const relative of filesUnder(dir)) {
    if (relative !== MANIFEST && !(relative in manifest.files)) diagnostics.push(error('snapshot', `${relative} is not listed in the manifest`, { source: { file: `${dir}/${relative}`, line: 1, column: 1 }, detail: 'a file was added after the snapshot was taken' }));
  }
  if (diagnostics.length > 0) return { diagnostics };
  const objects = Object.fromEntries(MANAGED_TYPES.map((type) => [type, readJsonArray(dir, objectsFile(type))])) as LiveState['objects'];
  for (const type of MANAGED_TYPES) assignIdentities(DESCRIPTORS[type], objects[type]);
  const lookups: LiveState['lookups'] = {};
  for (const type of LOOKUP_TYPES as readonly LookupType[]) if (lookupsFile(type) in manifest.files) lookups[type] = readJsonArray(dir, lookupsFile(type));
  return { snapshot: { manifest, live: { objects, lookups } }, diagnostics: [] };
}

function readJsonArray(dir: string, relative: string): ApiObject[] {
  const absolute = path.join(dir, relative);
  return existsSync(absolute) ? (JSON.parse(readFileSync(absolute, 'utf8')) as ApiObject[]) : [];
}

function filesUnder(dir: string, relative = ''): string[] {
  return readdirSync(path.join(dir, relative)).flatMap((name) => {
    const child = relative ? `${relative}/${name}` : name;
    return statSync(path.join(dir, child)).isDirectory() ? filesUnder(dir, child) : [child];
  });
}

