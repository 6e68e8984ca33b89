import type { Diagnostic } from '../model/diagnostics.js';
import { DESCRIPTORS, MANAGED_TYPES, type ManagedType } from '../resources/index.js';
import { liveKeyOf, NameIndex, type LiveState } from '../resources/live.js';
import type { DesiredState } from './desired.js';
import { addDependencies } from './dependencies.js';
import { inExecutionOrder } from './execution-order.js';
import { fingerprint } from './fingerprint.js';
import { matchObjects, namesAsPlanned } from './match.js';
import { missingBuiltIns, unknownPlaceholders, unresolvedNames } from './name-checks.js';
import { changesFor, staysDefault, unmanagedChange, WORDING } from './object-changes.js';
import { oneWayViolations } from './one-way-keys.js';
import { orderChanges } from './order.js';
import { selectTargets } from './targets.js';
import { PLAN_FORMAT_VERSION, summarize, type Change, type Plan, type UnmanagedObject } from './types.js';

// Planning, one job a module: match desired to live (match.ts), check names against live
// (name-checks.ts), each object's changes (object-changes.ts), order changes (order.ts), edges
// between changes (dependencies.ts), execution order (execution-order.ts), fingerprints
// (fingerprint.ts). This file only runs them in turn.

export { changeRef } from './dependencies.js';
export { digest, fingerprint, liveOrderSignature } from './fingerprint.js';
export type { Matching } from './match.js';

export interface PlanOptions {
  zdctlVersion: string;
  now?: Date;
  /** `TYPE` or `TYPE/NAME`: only these changes and what they depend on. */
  targets?: string[];
  /** The base URL the live state was read from, when not the instance's own. */
  baseUrl?: string;
  /** Send again every secret the files name (Zendesk never answers them, so no plan sees them change). */
  rotateSecrets?: boolean;
}

export interface PlanResult {
  plan: Plan;
  diagnostics: Diagnostic[];
}

/** desired + live → the changes that make live match desired. Pure: no I/O, no clock unless given. */
export function buildPlan(desired: DesiredState, live: LiveState, options: PlanOptions): PlanResult {
  const diagnostics: Diagnostic[] = [];
  const matching = matchObjects(desired, live, diagnostics);
  const names = namesAsPlanned(NameIndex.fromLive(live), matching);
  diagnostics.push(...unresolvedNames(desired, names), ...unknownPlaceholders(desired, live, matching), ...missingBuiltIns(desired, matching));

  const wording = WORDING[desired.from ?? 'files'];
  const changes: Change[] = [];
  const unmanaged: UnmanagedObject[] = [];
  for (const type of MANAGED_TYPES) {
    for (const entry of desired.objects[type]) changes.push(...changesFor(entry, matching.live.get(entry), names, wording, options.rotateSecrets === true));
    for (const object of matching.unmatchedLive.get(type) ?? []) {
      const { change, listing } = unmanagedChange(DESCRIPTORS[type], object, desired.policyOf(type), names, staysDefault(object, desired.objects[type]), wording);
      unmanaged.push(listing);
      if (change) changes.push(change);
    }
  }
  changes.push(...orderChanges(desired, live, matching));
  diagnostics.push(...addDependencies(changes, desired, live), ...oneWayViolations(changes));

  const known = (type: ManagedType) => [...desired.objects[type].map((entry) => entry.key), ...(matching.unmatchedLive.get(type) ?? []).map((object) => liveKeyOf(DESCRIPTORS[type], object))];
  const selected = options.targets?.length ? selectTargets(changes, options.targets, diagnostics, known) : changes;
  const ordered = inExecutionOrder(selected);
  return {
    plan: {
      format_version: PLAN_FORMAT_VERSION,
      zdctl_version: options.zdctlVersion,
      instance: desired.instance,
      subdomain: desired.subdomain,
      ...(options.baseUrl ? { base_url: options.baseUrl } : {}),
      created_at: (options.now ?? new Date()).toISOString(),
      changes: ordered,
      unmanaged,
      summary: summarize(ordered),
      live_fingerprint: fingerprint(ordered, live),
    },
    diagnostics,
  };
}

