import { formatDiagnostic, hasErrors, type Diagnostic } from '../model/diagnostics.js';
import { listInstances } from '../model/instance.js';
import { instanceParseCache } from '../model/parse-cache.js';
import { SchemaSet } from '../model/schemas.js';
import { validateInstance } from '../model/validate.js';
import { RULES } from '../model/rules/index.js';
import { ExitError } from './exit.js';
import type { CommandRun } from './main.js';

export const run: CommandRun = async (_args, options, io) => {
  const names = options.all ? listInstances(options.dir) : options.instance ? [String(options.instance)] : [];
  if (names.length === 0) {
    throw new ExitError(1, options.all ? `no instances found under ${options.dir}/instances` : 'zdctl validate: give --instance NAME or --all');
  }
  const schemas = new SchemaSet();
  const results = names.map((name) => validateInstance(options.dir, name, schemas, RULES, { cache: instanceParseCache(options.dir, name, { enabled: options.cache !== false, schemas }) }));
  const all = results.flatMap((r) => r.diagnostics);
  if (options.json) {
    io.stdout.write(`${JSON.stringify({ format_version: 1, valid: !hasErrors(all), instances: results.map((r) => ({ name: r.instance.name, objects: r.instance.objects.length, diagnostics: r.diagnostics })) }, null, 2)}\n`);
  } else {
    for (const d of all) io.stderr.write(`${formatDiagnostic(d)}\n`);
    for (const r of results) io.stdout.write(`${summary(r.instance.displayDir, r.instance.objects.length, r.diagnostics)}\n`);
  }
  return hasErrors(all) ? 1 : 0;
};

function summary(dir: string, objects: number, diagnostics: Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const verdict = errors === 0 ? 'valid' : 'invalid';
  return `${dir}: ${verdict}, ${objects} object${objects === 1 ? '' : 's'}, ${errors} error${errors === 1 ? '' : 's'}${warnings ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}`;
}
