import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const REPO_ROOT = path.resolve(new URL('../..', import.meta.url).pathname);

export interface TempRepo {
  dir: string;
  /** Writes files relative to the repository root; a Buffer is written byte for byte. */
  write(files: Record<string, string | Buffer>): void;
  remove(): void;
}

/** A throw-away repository folder for a test; `instance` files go under instances/<name>/. */
export function tempRepo(files: Record<string, string | Buffer> = {}): TempRepo {
  const dir = mkdtempSync(path.join(tmpdir(), 'zdctl-test-'));
  const repo: TempRepo = {
    dir,
    write(more) {
      for (const [relative, content] of Object.entries(more)) {
        const absolute = path.join(dir, relative);
        mkdirSync(path.dirname(absolute), { recursive: true });
        writeFileSync(absolute, content);
      }
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
  repo.write(files);
  return repo;
}

/** A minimal valid instance `t` as a starting point; tests add or override files. */
export function minimalInstance(extra: Record<string, string | Buffer> = {}): Record<string, string | Buffer> {
  return {
    'instances/t/instance.yaml': 'subdomain: test\n',
    ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [`instances/t/${k}`, v])),
  };
}
