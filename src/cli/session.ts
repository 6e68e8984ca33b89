import { formatDiagnostic, hasErrors, sortDiagnostics, type Diagnostic } from '../model/diagnostics.js';
import { loadInstance, type LoadedInstance } from '../model/instance.js';
import { instanceParseCache } from '../model/parse-cache.js';
import { RULES } from '../model/rules/index.js';
import { SchemaSet } from '../model/schemas.js';
import { validateInstance } from '../model/validate.js';
import { clientOptionsFromEnvironment, connectionTargetOf, createClient, NetworkError, UncertainWriteError, UnexpectedAnswerError, ZendeskApiError, ZendeskConfigError, type CredentialPurpose, type ZendeskClient } from '../zendesk/index.js';
import { ExitError } from './exit.js';
import type { CliIO } from './io.js';
import type { CommandOptions } from './main.js';

/** Prints diagnostics to stderr; an error among them stops the command with exit 1. */
export function report(diagnostics: readonly Diagnostic[], io: CliIO, what: string, seen?: Diagnostic[]): void {
  seen?.push(...diagnostics);
  for (const d of sortDiagnostics(diagnostics)) io.stderr.write(`${formatDiagnostic(d)}\n`);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  if (hasErrors(diagnostics)) throw new ExitError(1, `${what}: ${errors} error${errors === 1 ? '' : 's'}, nothing was changed`);
}

/** The instance folder, validated offline first: nothing goes to the network while the files are wrong. */
export function loadValidInstance(options: CommandOptions, io: CliIO, seen?: Diagnostic[]): LoadedInstance {
  const schemas = new SchemaSet();
  const cache = instanceParseCache(options.dir, String(options.instance), { enabled: options.cache !== false, schemas });
  const { instance, diagnostics } = validateInstance(options.dir, String(options.instance), schemas, RULES, { cache });
  report(diagnostics, io, `instances/${String(options.instance)}`, seen);
  return instance;
}

/**
 * The instance folder read (YAML syntax and schemas) without validate's rules, for commands that
 * write the object files (import) or do not read them (export, restore). With `configOnly`, only
 * instance.yaml has to be right: a broken object file must not block a backup or a restore.
 */
export function loadInstanceFiles(options: CommandOptions, io: CliIO, { configOnly }: { configOnly: boolean }): LoadedInstance {
  const instance = loadInstance(options.dir, String(options.instance), new SchemaSet(), { configOnly });
  const configFile = `${instance.displayDir}/instance.yaml`;
  const relevant = configOnly ? instance.diagnostics.filter((d) => d.source === undefined || d.source.file === configFile) : instance.diagnostics;
  report(relevant.filter((d) => d.severity === 'error'), io, `instances/${String(options.instance)}`);
  return instance;
}

/** A client with the credential for what the command does: `read` (plan, import, export) or `write` (apply, restore). */
export function clientFor(instance: LoadedInstance, options: CommandOptions, io: CliIO, purpose: CredentialPurpose): ZendeskClient {
  try {
    return createClient({
      ...clientOptionsFromEnvironment(instance.config!, io.env, purpose),
      ...(options.verbose ? { log: (e) => io.stderr.write(`${e.method} ${e.path} ${e.status} ${Math.round(e.ms)}ms${e.attempt > 1 ? ` (attempt ${e.attempt})` : ''}\n`) } : {}),
      ...clientTuning(io.env),
    });
  } catch (cause) {
    if (cause instanceof ZendeskConfigError) throw new ExitError(1, `${instance.displayDir}: ${cause.message}`);
    throw cause;
  }
}

/**
 * Where a command connects, as its output names it. `baseUrl` is set only when that is not the
 * instance's own https://<subdomain>.zendesk.com (a sandbox, ZENDESK_URL, instance.yaml `url`):
 * then every first line, prompt, backup and manifest says the URL, and backups and the audit log
 * go to a folder of their own, so a sandbox's are never taken for production's.
 */
export interface Destination {
  subdomain: string;
  baseUrl?: string;
  /** `acme`, or `http://127.0.0.1:4000 (ZENDESK_URL; not acme.zendesk.com)`. */
  label: string;
  /** The folder under .zdctl/ for backups and the audit log: `main`, or `main@127.0.0.1_4000`. */
  stateFolder: string;
}

export function destinationOf(instance: LoadedInstance, io: CliIO): Destination {
  const subdomain = instance.config!.subdomain;
  let target;
  try {
    target = connectionTargetOf(instance.config!, io.env);
  } catch (cause) {
    if (cause instanceof ZendeskConfigError) throw new ExitError(1, `${instance.displayDir}: ${cause.message}`);
    throw cause;
  }
  if (target.baseUrl === target.ownUrl) return { subdomain, label: subdomain, stateFolder: instance.name };
  const url = new URL(target.baseUrl);
  const place = `${url.host}${url.pathname === '/' ? '' : url.pathname}`.replace(/[^A-Za-z0-9.-]+/g, '_');
  return { subdomain, baseUrl: target.baseUrl, label: `${target.baseUrl} (${target.source}; not ${subdomain}.zendesk.com)`, stateFolder: `${instance.name}@${place}` };
}

/** Undocumented knobs for tests and benchmarks: a time scale for waits, a smaller retry budget. */
function clientTuning(env: NodeJS.ProcessEnv) {
  const timeScale = Number(env.ZDCTL_TIME_SCALE);
  const maxAttempts = Number(env.ZDCTL_MAX_ATTEMPTS);
  return {
    ...(timeScale > 0 ? { timeScale } : {}),
    ...(maxAttempts > 0 ? { retry: { maxAttempts } } : {}),
  };
}

/** Turns the client's errors into a message and exit 1; anything else is a bug and propagates. */
export async function withApiErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (cause) {
    if (cause instanceof ZendeskApiError || cause instanceof NetworkError || cause instanceof UncertainWriteError || cause instanceof UnexpectedAnswerError || cause instanceof ZendeskConfigError) {
      throw new ExitError(1, `error: ${cause.message}`);
    }
    throw cause;
  }
}
