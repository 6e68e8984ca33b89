import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { LookupType, ManagedType } from '../resources/index.js';
import type { LiveState } from '../resources/live.js';
import { lookupsFile, MANIFEST, objectsFile, SNAPSHOT_FORMAT_VERSION, type SnapshotManifest } from './format.js';

export interface SnapshotContent {
  kind: SnapshotManifest['kind'];
  instance: string;
  subdomain: string;
  /** Set when the live state came from another URL than the instance's own. */
  baseUrl?: string;
  zdctlVersion: string;
  now?: Date;
  live: { objects: Partial<LiveState['objects']>; lookups: LiveState['lookups'] };
}

/**
 * Writes a snapshot folder atomically: everything goes into a hidden sibling folder, the manifest
 * last, then one rename makes it appear. A failed write leaves no folder that looks complete.
 * Owner-only permissions: a snapshot holds a company's whole configuration.
 */
export function writeSnapshot(target: string, content: SnapshotContent): SnapshotManifest {
  if (existsSync(target)) throw new Error(`${target} already exists; choose another --out folder`);
  const parent = path.dirname(target);
  mkdirSync(parent, { recursive: true, mode: 0o700 });
  const staging = path.join(parent, `.${path.basename(target)}.partial-${randomBytes(4).toString('hex')}`);
  mkdirSync(path.join(staging, 'objects'), { recursive: true, mode: 0o700 });
  mkdirSync(path.join(staging, 'lookups'), { mode: 0o700 });
  try {
    const files: Record<string, string> = {};
    const counts: SnapshotManifest['counts'] = {};
    const put = (relative: string, value: unknown) => {
      const bytes = `${JSON.stringify(value, null, 2)}\n`;
      writeFileSync(path.join(staging, relative), bytes, { mode: 0o600 });
      files[relative] = sha256(bytes);
    };
    for (const [type, objects] of Object.entries(content.live.objects) as [ManagedType, unknown[]][]) {
      put(objectsFile(type), objects);
      counts[type] = objects.length;
    }
    for (const [type, objects] of Object.entries(content.live.lookups) as [LookupType, unknown[]][]) {
      put(lookupsFile(type), objects);
      counts[type] = objects.length;
    }
    const manifest: SnapshotManifest = {
      format_version: SNAPSHOT_FORMAT_VERSION,
      kind: content.kind,
      instance: content.instance,
      subdomain: content.subdomain,
      ...(content.baseUrl ? { base_url: content.baseUrl } : {}),
      created_at: (content.now ?? new Date()).toISOString(),
      zdctl_version: content.zdctlVersion,
      counts,
      files,
    };
    writeFileSync(path.join(staging, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
    renameSync(staging, target);
    return manifest;
  } catch (cause) {
    rmSync(staging, { recursive: true, force: true });
    throw cause;
  }
}

export function sha256(bytes: string | Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
