import { existsSync } from 'node:fs';
import path from 'node:path';
import { defaultSnapshotName, exportSnapshot } from '../snapshot/export.js';
import { ZDCTL_VERSION } from '../version.js';
import { ExitError } from './exit.js';
import type { CommandRun } from './main.js';
import { clientFor, destinationOf, loadInstanceFiles, withApiErrors } from './session.js';

export const run: CommandRun = async (_args, options, io) => {
  const instance = loadInstanceFiles(options, io, { configOnly: true });
  const client = clientFor(instance, options, io, 'read');
  const destination = destinationOf(instance, io);
  const now = new Date();
  const target = options.out ? path.resolve(io.cwd, String(options.out)) : path.join(options.dir, 'snapshots', defaultSnapshotName(instance.name, now));
  const shown = path.relative(io.cwd, target) || target;
  if (existsSync(target)) throw new ExitError(1, `${shown} already exists; give --out a folder that does not exist yet`);
  const progress = io.stderr.isTTY ? (list: string, count: number) => io.stderr.write(`  read ${list}: ${count}\n`) : undefined;
  const manifest = await withApiErrors(() =>
    exportSnapshot(client, { instance: instance.name, subdomain: instance.config!.subdomain, ...(destination.baseUrl ? { baseUrl: destination.baseUrl } : {}), zdctlVersion: ZDCTL_VERSION, target, now, includePersonal: instance.config!.personal === 'include', ...(progress ? { onList: progress } : {}) }),
  );
  const counts = Object.entries(manifest.counts).map(([type, count]) => `${type} ${count}`).join(', ');
  io.stdout.write(`Exported ${instance.name} (${destination.label}) to ${shown}: ${counts}.\n`);
  if (options.verbose) io.stderr.write(`${client.stats.requests} requests\n`);
  return 0;
};
