import { ExitError } from './exit.js';
import type { CommandRun } from './main.js';

export const run: CommandRun = async () => {
  throw new ExitError(1, 'zdctl restore: not built yet');
};
