import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { ZDCTL_VERSION } from '../version.js';
import { parseDeadline } from './deadline.js';
import { ExitError } from './exit.js';
import { processIO, type CliIO } from './io.js';

const version = ZDCTL_VERSION;

/** Options every command receives after parsing; each command reads what it needs. */
export type CommandOptions = Record<string, unknown> & { dir: string; verbose?: boolean };
export type CommandRun = (args: string[], options: CommandOptions, io: CliIO) => Promise<number>;

/**
 * Commands are imported only when run, so `--help` and `--version` load nothing but commander.
 * Each command module exports `run(args, options, io)` and returns the exit code.
 */
function lazy(load: () => Promise<{ run: CommandRun }>, io: CliIO, result: { code: number }) {
  return async (...received: unknown[]) => {
    const command = received[received.length - 1] as Command;
    const options = { ...command.optsWithGlobals() } as CommandOptions;
    options.dir = path.resolve(io.cwd, (options.dir as string | undefined) ?? '.');
    const { run } = await load();
    result.code = await run(command.args, options, io);
  };
}

const collect = (value: string, previous: string[] = []) => [...previous, value];
const NO_CACHE = ['--no-cache', 'parse every file again: do not read or write .zdctl/<instance>/parse-cache.json'] as const;

export function buildProgram(io: CliIO, result: { code: number }): Command {
  const program = new Command('zdctl')
    .description('Config-as-code for Zendesk Support: YAML in git, plan, apply, import, export, restore.')
    .version(version, '-V, --version')
    .option('--dir <path>', 'repository root (holds instances/ and schemas/)')
    .option('--verbose', 'log each API request (method, path, status, ms), secrets redacted')
    .showHelpAfterError('(run zdctl --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    });

  program
    .command('validate')
    .description('check YAML syntax, schemas, references and Zendesk rules, offline')
    .option('--instance <name>', 'instance folder under instances/')
    .option('--all', 'every instance under instances/')
    .option('--json', 'diagnostics as one JSON document on stdout')
    .option(...NO_CACHE)
    .action(lazy(() => import('./validate.js'), io, result));

  program
    .command('plan')
    .description('show what apply would change on the live instance')
    .requiredOption('--instance <name>', 'instance folder under instances/')
    .option('--out <file>', 'save the plan (with a fingerprint of the live state) for apply')
    .option('--json', 'the plan as one JSON document on stdout')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'markdown']).default('text'))
    .option('--detailed-exitcode', 'exit 2 when there are changes')
    .option('--target <type[/name]>', 'limit to a type or one object (and what it needs); repeatable', collect)
    .option('--rotate-secrets', 'send the secrets that files name again (Zendesk never shows them, so a plan cannot see a new value)')
    .option(...NO_CACHE)
    .action(lazy(() => import('./plan.js'), io, result));

  program
    .command('apply')
    .description('make the live instance match the files (or a saved plan)')
    .argument('[planfile]', 'a plan saved with plan --out')
    .option('--instance <name>', "instance folder under instances/ (with PLANFILE: the plan's, by default)")
    .option('--auto-approve', 'do not ask for confirmation')
    .option('--allow-delete', 'allow deletes that the plan contains')
    .option('--target <type[/name]>', 'limit to a type or one object (and what it needs); repeatable', collect)
    .option('--rotate-secrets', 'send the secrets that files name again (Zendesk never shows them, so a plan cannot see a new value)')
    .option('--backup-dir <dir>', 'where the pre-apply backup and audit log go')
    .option('--deadline <time>', 'start no write after this time (ISO 8601 with zone); the rest is reported as not started', parseDeadline)
    .option('--lock-timeout <seconds>', "wait this long for another run's lock on the instance (default 0: fail at once)", '0')
    .option('--break-lock', "remove another run's lock on the instance (only when that run is known to be dead)")
    .option(...NO_CACHE)
    .action(lazy(() => import('./apply.js'), io, result));

  program
    .command('import')
    .description('write the YAML tree from the live instance')
    .requiredOption('--instance <name>', 'instance folder under instances/')
    .option('--type <type>', 'only this type; repeatable', collect)
    .action(lazy(() => import('./import.js'), io, result));

  program
    .command('export')
    .description('write a backup snapshot of the live instance')
    .requiredOption('--instance <name>', 'instance folder under instances/')
    .option('--out <dir>', 'snapshot folder to create')
    .action(lazy(() => import('./export.js'), io, result));

  program
    .command('restore')
    .description('make an instance match a snapshot, remapping ids')
    .argument('<snapshot>', 'snapshot folder written by export')
    .requiredOption('--instance <name>', 'instance folder under instances/')
    .option('--dry-run', 'only show the plan')
    .option('--auto-approve', 'do not ask for confirmation')
    .option('--allow-delete', 'allow deletes')
    .option('--deadline <time>', 'start no write after this time (ISO 8601 with zone); the rest is reported as not started', parseDeadline)
    .option('--lock-timeout <seconds>', "wait this long for another run's lock on the instance (default 0: fail at once)", '0')
    .option('--break-lock', "remove another run's lock on the instance (only when that run is known to be dead)")
    .action(lazy(() => import('./restore.js'), io, result));

  program
    .command('sandbox')
    .description('run the local Zendesk emulator')
    .option('--port <port>', 'port (0 picks a free one)', '0')
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--seed <path>', 'seed from a snapshot folder or recorded API answers (JSON); for an instance folder, run zdctl apply against the sandbox')
    .option('--state <file>', 'persist state in this file across restarts')
    .option('--rate-limit <perMinute>', 'requests a minute before 429', '700')
    .option('--faults <spec>', 'inject faults, e.g. "429=0.1,503=0.05,drop=0.02,lost=0.01,slow=0.1:200,seed=1"')
    .option('--token <token>', 'API token that the sandbox accepts', 'sandbox')
    .option('--lenient-references', 'store writes that name ids no object has (default: refuse them with 422)')
    .option('--read-token <token>', 'a second token that may only read (as an OAuth token with the read scope): writes with it answer 403')
    .action(lazy(() => import('./sandbox.js'), io, result));

  return program;
}

/** The one error boundary: an ExitError is an expected stop, anything else is a bug. */
export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  const result = { code: 0 };
  try {
    await buildProgram(io, result).parseAsync(argv, { from: 'user' });
    return result.code;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : 1;
    }
    if (error instanceof ExitError) {
      if (error.message) io.stderr.write(`${error.message}\n`);
      return error.code;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr.write(`zdctl: internal error, please report it with the command you ran:\n${detail}\n`);
    return 1;
  }
}
