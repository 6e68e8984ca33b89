import { createInterface } from 'node:readline/promises';
import { ExitError } from './exit.js';
import type { CliIO } from './io.js';

/**
 * Asks on the terminal before writing. A plan that deletes asks for the subdomain, not just "yes":
 * typing the instance's name is what stops a delete aimed at the wrong instance.
 */
export async function confirm(io: CliIO, question: { deletes: number; subdomain: string; where?: string }): Promise<void> {
  if (!io.stdin.isTTY) {
    throw new ExitError(1, 'not asking for confirmation: standard input is not a terminal. Run with --auto-approve to apply without asking (as CI does).');
  }
  const expected = question.deletes > 0 ? question.subdomain : 'yes';
  const prompt =
    question.deletes > 0
      ? `This plan deletes ${question.deletes} object${question.deletes === 1 ? '' : 's'} from ${question.where ?? question.subdomain}. Type the subdomain (${question.subdomain}) to apply: `
      : `Apply these changes${question.where ? ` to ${question.where}` : ''}? Only "yes" is accepted: `;
  const reader = createInterface({ input: io.stdin, output: io.stderr });
  // On a terminal, readline takes Ctrl-C itself: without this the question would wait forever.
  const cancel = new AbortController();
  reader.once('SIGINT', () => cancel.abort());
  try {
    const answer = (await reader.question(prompt, { signal: cancel.signal })).trim();
    if (answer !== expected) throw new ExitError(1, 'Apply cancelled; nothing was changed.');
  } catch (failure) {
    if (cancel.signal.aborted) throw new ExitError(130, '\nInterrupted; nothing was changed.');
    throw failure;
  } finally {
    reader.close();
  }
}
