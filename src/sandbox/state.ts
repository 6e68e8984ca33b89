import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { StoreSnapshot } from './store.js';

/** `--state FILE`: written whole to a temporary file, then renamed over the old one (atomic on one filesystem). */
export function saveState(path: string, snapshot: StoreSnapshot): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(snapshot));
  renameSync(temporary, path);
}

export function loadState(path: string): StoreSnapshot | undefined {
  if (!existsSync(path)) return undefined;
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<StoreSnapshot>;
  if (typeof parsed.nextId !== 'number' || typeof parsed.tables !== 'object' || parsed.tables === null) {
    throw new Error(`${path}: not a sandbox state file`);
  }
  return { nextId: parsed.nextId, tables: parsed.tables };
}
