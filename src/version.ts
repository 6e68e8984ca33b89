import { createRequire } from 'node:module';

export const ZDCTL_VERSION = (createRequire(import.meta.url)('../package.json') as { version: string }).version;
