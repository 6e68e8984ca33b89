/** Thrown by commands for every expected way to stop; main() turns it into an exit code. */
export class ExitError extends Error {
  constructor(
    readonly code: number,
    message = '',
  ) {
    super(message);
    this.name = 'ExitError';
  }
}
