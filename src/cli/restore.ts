import path from 'node:path';
import { loadInstance, managedTypesOfInstance } from '../model/instance.js';
import { SchemaSet } from '../model/schemas.js';
import { DESCRIPTORS, type ManagedType } from '../resources/index.js';
import { policyReader } from '../plan/desired.js';
import { buildPlan } from '../plan/build.js';
import { liveNeedsOf } from '../plan/needs.js';
import { renderText } from '../plan/render/text.js';
import { readSnapshot } from '../snapshot/read.js';
import { missingLookups, missingSettings, renderChecklist } from '../snapshot/checklist.js';
import { desiredFromSnapshot } from '../snapshot/restore.js';
import { NameIndex } from '../resources/live.js';
import { ZDCTL_VERSION } from '../version.js';
import { readLiveState } from '../zendesk/live-state.js';
import { describeMissingSecrets, environmentReader, missingSecretVariables } from '../apply/secrets.js';
import { backupDirOf, carryOut } from './apply.js';
import { ExitError } from './exit.js';
import { useColor } from './io.js';
import type { CommandOptions, CommandRun } from './main.js';
import { clientFor, destinationOf, loadInstanceFiles, report, withApiErrors } from './session.js';

/**
 * Checks the snapshot against its manifest (nothing goes to the network before), plans it
 * against the target's live state, and carries the plan out as apply does.
 */
export const run: CommandRun = async (args, options, io) => {
  const given = args[0];
  if (!given) throw new ExitError(1, 'restore needs the snapshot folder: zdctl restore SNAPSHOT --instance NAME');
  const instance = loadInstanceFiles(options, io, { configOnly: true });
  const dir = path.relative(io.cwd, path.resolve(io.cwd, given)) || '.';
  const { snapshot, diagnostics } = readSnapshot(path.resolve(io.cwd, given));
  report(diagnostics.map((d) => relativeTo(d, io.cwd)), io, `snapshot ${dir}`);
  const destination = destinationOf(instance, io);
  const from = snapshot!.manifest.base_url ? `${snapshot!.manifest.base_url}, not ${snapshot!.manifest.subdomain}.zendesk.com` : snapshot!.manifest.subdomain;
  io.stderr.write(`Restoring snapshot ${dir} of ${snapshot!.manifest.instance} (${from}, ${snapshot!.manifest.created_at}) into ${instance.name} (${destination.label})\n`);

  const target = { instance: instance.name, subdomain: instance.config!.subdomain, ...(destination.baseUrl ? { baseUrl: destination.baseUrl } : {}), policyOf: policyReader(instance), managedTypes: managedTypesOfInstance(instance), fileOf: secretNamingFiles(options, instance.name) };
  const restored = desiredFromSnapshot(snapshot!, path.resolve(io.cwd, given), target);
  report(restored.diagnostics.map((d) => relativeTo(d, io.cwd)), io, `snapshot ${dir}`);
  const client = clientFor(instance, options, io, options.dryRun ? 'read' : 'write');
  let checked = false;
  const replan = async () => {
    const live = await withApiErrors(() => readLiveState(client, liveNeedsOf(restored.desired)));
    if (!checked) {
      checked = true;
      const missing = missingLookups(restored.desired, NameIndex.fromLive(live));
      const settings = await withApiErrors(() => missingSettings(restored.desired, client));
      // First the checklist (what to create, once each), then the plan's errors name every place that uses it.
      if (missing.length + settings.length > 0) io.stderr.write(renderChecklist(missing, `${instance.name} (${destination.label})`, settings));
      if (settings.length > 0) throw new ExitError(1, `restore: ${instance.name} lacks ${settings.map((s) => `${s.noun} ${s.id}`).join(', ')}; nothing was written`);
    }
    const { plan, diagnostics: planned } = buildPlan(restored.desired, live, { zdctlVersion: ZDCTL_VERSION, ...(destination.baseUrl ? { baseUrl: destination.baseUrl } : {}) });
    report(planned.map((d) => relativeTo(d, io.cwd)), io, 'restore');
    return { plan, live };
  };
  const planned = await replan();
  if (options.dryRun) {
    io.stdout.write(renderText(planned.plan, { color: useColor(io.stdout, io.env), desiredFrom: 'snapshot' }));
    // What the restore itself will stop on: the secrets Zendesk never gave the snapshot.
    const missing = missingSecretVariables(planned.plan.changes, environmentReader(io.env));
    if (missing.length > 0) io.stderr.write(`Before the restore: ${describeMissingSecrets(planned.plan.changes, missing)}\n`);
    return 0;
  }
  return carryOut(planned, client, options, io, backupDirOf(options, destination), { replan, command: 'restore', destination, includePersonal: restored.desired.includePersonal === true });
};

/**
 * The instance's files of the types that hold secrets, by identity: a restore asks for the
 * variables they name. Only what parses and passes its schema counts; nothing else is checked.
 */
function secretNamingFiles(options: CommandOptions, name: string): (type: ManagedType, key: string) => Record<string, unknown> | undefined {
  const files = loadInstance(options.dir, name, new SchemaSet()).objects.filter((object) => DESCRIPTORS[object.type].secrets);
  const byIdentity = new Map(files.map((object) => [`${object.type}/${object.key}`, object.data]));
  return (type, key) => byIdentity.get(`${type}/${key}`);
}

/** Snapshot paths in messages as the user gave them, not absolute. */
function relativeTo<T extends { source?: { file: string } }>(diagnostic: T, cwd: string): T {
  if (!diagnostic.source || !path.isAbsolute(diagnostic.source.file)) return diagnostic;
  return { ...diagnostic, source: { ...diagnostic.source, file: path.relative(cwd, diagnostic.source.file) } };
}
