/** What a command may touch of the outside world; tests pass their own. */
export interface CliIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
  /**
   * Calls `listener` on the first SIGINT or SIGTERM until the returned function is called; a second
   * signal then has its default effect (ends the process). Absent: interrupts are not caught.
   */
  onInterrupt?: (listener: (signal: NodeJS.Signals) => void) => () => void;
}

export function processIO(): CliIO {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, cwd: process.cwd(), onInterrupt: processInterrupts };
}

function processInterrupts(listener: (signal: NodeJS.Signals) => void): () => void {
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
  const once = (signal: NodeJS.Signals) => {
    off();
    listener(signal);
  };
  const off = () => signals.forEach((signal) => process.off(signal, once));
  signals.forEach((signal) => process.on(signal, once));
  return off;
}

/** Colour only on a TTY and never with NO_COLOR (https://no-color.org). */
export function useColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  return Boolean(stream.isTTY) && !('NO_COLOR' in env && env.NO_COLOR !== '');
}
