import { hostname, userInfo } from 'node:os';
import { acquireLock, LockHeldError, type HeldLock } from '../zendesk/instance-lock.js';
import type { ZendeskClient } from '../zendesk/index.js';
import { ExitError } from './exit.js';
import type { CliIO } from './io.js';
import type { CommandOptions } from './main.js';
import { withApiErrors } from './session.js';

/** The instance lock for a writing command, from its --lock-timeout and --break-lock; tells whether another run held it meanwhile. */
export async function takeInstanceLock(client: ZendeskClient, options: CommandOptions, io: CliIO, command: string): Promise<{ lock: HeldLock; waited: boolean }> {
  const timeoutSeconds = Number(options.lockTimeout ?? 0);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds < 0) throw new ExitError(1, `--lock-timeout ${String(options.lockTimeout)}: expected a number of seconds, 0 or more`);
  try {
    const lock = await withApiErrors(() =>
      acquireLock(client, {
        holder: { who: `${userName()}@${hostname()}`, pid: process.pid, command, where: io.cwd },
        timeoutSeconds,
        breakLock: options.breakLock === true,
        onNotice: (message) => io.stderr.write(`${message}\n`),
      }),
    );
    return { lock, waited: lock.contended };
  } catch (failure) {
    if (failure instanceof LockHeldError) {
      throw new ExitError(
        1,
        `${command}: ${failure.message}. Nothing was changed. Wait for that run to end, or run again with --lock-timeout SECONDS to wait for it; if it is known to be dead (killed, machine lost), --break-lock removes its lock.`,
      );
    }
    throw failure;
  }
}

/** Releases the lock; a failure to release is told, not fatal (the lock expires on its own). */
export async function releaseInstanceLock(lock: HeldLock, io: CliIO): Promise<void> {
  try {
    await lock.release();
  } catch (failure) {
    io.stderr.write(`warning: could not release the instance lock (${failure instanceof Error ? failure.message : String(failure)}); it expires at ${lock.holder.expires}, or run with --break-lock\n`);
  }
}

function userName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
