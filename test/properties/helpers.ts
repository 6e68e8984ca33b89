import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { InstanceFiles } from './arbitraries.js';

/** Replaces instance `name` in the repository with `files`. */
export function writeInstance(repoDir: string, name: string, files: InstanceFiles): void {
  const dir = path.join(repoDir, 'instances', name);
  mkdirSync(dir, { recursive: true });
  for (const [relative, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
    writeFileSync(path.join(dir, relative), content);
  }
}
