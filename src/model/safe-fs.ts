import { lstatSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { error, type Diagnostic, type SourceLocation } from './diagnostics.js';

/** Biggest YAML object file or content file zdctl reads; Zendesk's own limits are far below. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

export type ReadResult = { text: string; diagnostics: [] } | { text?: undefined; diagnostics: Diagnostic[] };

/**
 * Resolves `relative` inside `root` and refuses anything that lands outside it:
 * absolute paths, `..` segments that climb out, and symlinks whose target lies outside.
 */
export function resolveInside(root: string, relative: string): { absolute: string } | { problem: string } {
  if (path.isAbsolute(relative) || /^[a-zA-Z]:[\\/]/.test(relative)) {
    return { problem: `absolute path "${relative}" is not allowed; use a path relative to the instance folder` };
  }
  const absolute = path.resolve(root, relative);
  if (!isInside(root, absolute)) {
    return { problem: `path "${relative}" leaves the instance folder` };
  }
  let real: string;
  try {
    real = realpathSync(absolute);
  } catch {
    return { absolute };
  }
  if (!isInside(realpathSync(root), real)) {
    return { problem: `path "${relative}" is a symlink to "${real}", outside the instance folder` };
  }
  return { absolute };
}

export function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** Reads a UTF-8 text file, with clear errors for the ways a file can be unreadable or hostile. */
export function readUtf8File(absolute: string, displayPath: string, at?: SourceLocation): ReadResult {
  const source = at ?? { file: displayPath, line: 1, column: 1 };
  // Named in the message only when the diagnostic points elsewhere (at the {file:} that asked for it).
  const subject = at ? displayPath : 'the file';
  const fail = (summary: string, detail?: string): ReadResult => ({
    diagnostics: [error('file', summary, { source, ...(detail ? { detail } : {}) })],
  });
  let size: number;
  try {
    const stat = statSync(absolute);
    if (!stat.isFile()) return fail(`${subject} is not a regular file`);
    size = stat.size;
  } catch {
    return fail(at ? `file ${displayPath} does not exist` : 'the file does not exist');
  }
  if (size > MAX_FILE_BYTES) {
    return fail(`${subject} is ${size} bytes; zdctl reads files up to ${MAX_FILE_BYTES} bytes`);
  }
  const bytes = readFileSync(absolute);
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return fail(`${subject} is UTF-16 encoded`, 'save it as UTF-8');
  }
  try {
    const text = UTF8.decode(bytes);
    return { text, diagnostics: [] };
  } catch {
    return fail(`${subject} is not valid UTF-8`, `byte ${firstInvalidUtf8Offset(bytes)} starts an invalid sequence; save the file as UTF-8`);
  }
}

/** Decodes whole files (no streaming), so one decoder serves every read. */
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let low = 0;
  let high = bytes.length;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    try {
      decoder.decode(bytes.subarray(0, mid), { stream: true });
      low = mid;
    } catch {
      high = mid - 1;
    }
  }
  return low;
}

/** True when `absolute` is a symlink (the caller then checks where it points). */
export function isSymlink(absolute: string): boolean {
  try {
    return lstatSync(absolute).isSymbolicLink();
  } catch {
    return false;
  }
}
