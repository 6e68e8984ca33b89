import { error, type Diagnostic } from './diagnostics.js';
import { isRecord } from '../resources/references.js';
import { readUtf8File, resolveInside } from './safe-fs.js';
import type { PathSegment, YamlFile } from './yaml-file.js';

/** `{file: content/x.md}`: a string kept in a file of its own. */
export function isFileReference(value: unknown): value is { file: string } {
  return isRecord(value) && Object.keys(value).length === 1 && typeof value.file === 'string';
}

/**
 * Returns `value` with every `{file: ...}` replaced by the file's text.
 * Paths are relative to the instance folder and may not leave it.
 */
export function inlineContentFiles(
  value: unknown,
  yaml: YamlFile,
  instanceDir: string,
  displayDir: string,
  path: PathSegment[] = [],
): { value: unknown; diagnostics: Diagnostic[] } {
  if (isFileReference(value)) {
    const source = yaml.locate([...path, 'file']);
    const inside = resolveInside(instanceDir, value.file);
    if ('problem' in inside) {
      return { value: '', diagnostics: [error('content-file', inside.problem, { source, detail: 'content files must lie inside the instance folder, e.g. {file: content/macros/reply.md}' })] };
    }
    const read = readUtf8File(inside.absolute, `${displayDir}/${value.file}`, source);
    if (read.text === undefined) return { value: '', diagnostics: read.diagnostics };
    return { value: read.text, diagnostics: [] };
  }
  const diagnostics: Diagnostic[] = [];
  if (Array.isArray(value)) {
    const items = value.map((item, index) => {
      const inlined = inlineContentFiles(item, yaml, instanceDir, displayDir, [...path, index]);
      diagnostics.push(...inlined.diagnostics);
      return inlined.value;
    });
    return { value: items, diagnostics };
  }
  if (isRecord(value)) {
    const entries = Object.entries(value).map(([key, item]) => {
      const inlined = inlineContentFiles(item, yaml, instanceDir, displayDir, [...path, key]);
      diagnostics.push(...inlined.diagnostics);
      return [key, inlined.value] as const;
    });
    return { value: Object.fromEntries(entries), diagnostics };
  }
  return { value, diagnostics };
}
