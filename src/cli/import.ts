import path from 'node:path';
import { importTypes, planImport, writeImport } from '../import/import.js';
import { isManagedType, MANAGED_TYPES } from '../resources/index.js';
import { readWholeInstance } from '../snapshot/export.js';
import { ExitError } from './exit.js';
import type { CommandRun } from './main.js';
import { managedTypesOfInstance } from '../model/instance.js';
import { clientFor, destinationOf, loadInstanceFiles, withApiErrors } from './session.js';

export const run: CommandRun = async (_args, options, io) => {
  const requested = (options.type as string[] | undefined) ?? [];
  const unknown = requested.filter((type) => !isManagedType(type));
  if (unknown.length > 0) throw new ExitError(1, `--type ${unknown.join(', ')}: not a type zdctl manages (types: ${MANAGED_TYPES.join(', ')})`);
  const instance = loadInstanceFiles(options, io, { configOnly: false });
  const managed = managedTypesOfInstance(instance);
  const notManaged = requested.filter((type) => isManagedType(type) && !managed.includes(type));
  if (notManaged.length > 0) throw new ExitError(1, `--type ${notManaged.join(', ')}: this instance does not manage ${notManaged.join(', ')}; add "manage: [${notManaged.join(', ')}]" to instance.yaml first`);
  const client = clientFor(instance, options, io, 'read');
  const { baseUrl, label } = destinationOf(instance, io);
  const live = await withApiErrors(() => readWholeInstance(client, undefined, instance.config?.personal === 'include', managed));
  const outcome = planImport(instance, live, importTypes(requested.filter(isManagedType), managed));
  writeImport(outcome);
  for (const note of outcome.notes) io.stderr.write(`note: ${note.address}: ${note.message}\n`);
  for (const file of outcome.removes) io.stdout.write(`removed ${path.relative(io.cwd, file)}\n`);
  const { created, updated, unchanged, removed } = outcome.counts;
  io.stdout.write(`Imported ${instance.displayDir}${baseUrl ? ` from ${label}` : ''}: ${created} created, ${updated} updated, ${unchanged} unchanged, ${removed} removed (${outcome.writes.size} files written).\n`);
  if (options.verbose) io.stderr.write(`${client.stats.requests} requests\n`);
  return 0;
};
