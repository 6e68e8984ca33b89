import { parseFaultSpec, readSeed, startSandbox } from '../sandbox/index.js';
import { ExitError } from './exit.js';
import type { CommandRun } from './main.js';

function wholeNumber(flag: string, text: unknown): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw new ExitError(1, `zdctl sandbox: ${flag} needs a whole number, got "${String(text)}"`);
  return value;
}

/** `zdctl sandbox`: runs the emulator until SIGINT / SIGTERM, then stops (saving --state). */
export const run: CommandRun = async (_args, options, io) => {
  let faults;
  try {
    faults = typeof options.faults === 'string' ? parseFaultSpec(options.faults) : undefined;
  } catch (error) {
    throw new ExitError(1, `zdctl sandbox: ${(error as Error).message}`);
  }
  const sandbox = await startSandbox({
    port: wholeNumber('--port', options.port ?? 0),
    host: typeof options.host === 'string' ? options.host : '127.0.0.1',
    token: typeof options.token === 'string' ? options.token : 'sandbox',
    ...(typeof options.readToken === 'string' ? { readToken: options.readToken } : {}),
    rateLimitPerMinute: wholeNumber('--rate-limit', options.rateLimit ?? 700),
    faults,
    statePath: typeof options.state === 'string' ? options.state : undefined,
    strictReferences: options.lenientReferences !== true,
  });
  if (typeof options.seed === 'string') {
    try {
      sandbox.seed(await readSeed(options.seed));
    } catch (error) {
      await sandbox.stop();
      throw new ExitError(1, `zdctl sandbox: --seed ${options.seed}: ${(error as Error).message}`);
    }
  }
  io.stdout.write(`sandbox listening on ${sandbox.url}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await sandbox.stop();
  return 0;
};
