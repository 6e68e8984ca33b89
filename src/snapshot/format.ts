import { LOOKUP_TYPES, MANAGED_TYPES, type LookupType, type ManagedType } from '../resources/index.js';

/**
 * A snapshot folder:
 *   manifest.json               what is here and the sha256 of every other file
 *   objects/<type>.json         raw API objects of a managed type (fields with their options)
 *   lookups/<type>.json         groups, brands, … needed to read ids back as names
 */
export const SNAPSHOT_FORMAT_VERSION = 1;
export const MANIFEST = 'manifest.json';

export interface SnapshotManifest {
  format_version: typeof SNAPSHOT_FORMAT_VERSION;
  kind: 'export' | 'pre-apply-backup';
  instance: string;
  subdomain: string;
  /** The base URL it was read from, when that is not https://<subdomain>.zendesk.com (a sandbox, ZENDESK_URL, `url:`). */
  base_url?: string;
  created_at: string;
  zdctl_version: string;
  counts: Partial<Record<ManagedType | LookupType, number>>;
  /** Relative path → sha256 (hex) of its bytes; every file of the snapshot but the manifest. */
  files: Record<string, string>;
}

export const objectsFile = (type: ManagedType) => `objects/${type}.json`;
export const lookupsFile = (type: LookupType) => `lookups/${type}.json`;
export { LOOKUP_TYPES, MANAGED_TYPES };
