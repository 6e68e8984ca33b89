import { error, type Diagnostic } from './diagnostics.js';
import { isRecord } from '../resources/references.js';
import { readUtf8File, resolveInside } from './safe-fs.js';
import type { PathSegment, YamlFile } from './yaml-file.js';

/** `{file: content/x.md}`: a string kept in a file of its own. */
export function isFileReference(value: unknown): value is { file: string } {
  return isRecord(value) && typeof value.file === 'string' && Object.keys(value).length === 1;
}

/** Where a value lies in its file, built only when a diagnostic needs it (most values never do). */
type Trail = { parent: Trail; segment: PathSegment } | undefined;

function pathOf(trail: Trail): PathSegment[] {
  const path: PathSegment[] = [];
  for (let at = trail; at; at = at.parent) path.unshift(at.segment);
  return path;
}

/**
 * Returns a copy of `value` with every `{file: ...}` replaced by the file's text.
 * Paths are relative to the instance folder and may not leave it.
 */
export function inlineContentFiles(value: unknown, yaml: YamlFile, instanceDir: string, displayDir: string): { value: unknown; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const inline = (item: unknown, trail: Trail): unknown => {
    if (isFileReference(item)) {
      const source = yaml.locate([...pathOf(trail), 'file']);
      const inside = resolveInside(instanceDir, item.file);
      if ('problem' in inside) {
        diagnostics.push(error('content-file', inside.problem, { source, detail: 'content files must lie inside the instance folder, e.g. {file: content/macros/reply.md}' }));
        return '';
      }
      const read = readUtf8File(inside.absolute, `${displayDir}/${item.file}`, source);
      diagnostics.push(...read.diagnostics);
      return read.text ?? '';
    }
    if (Array.isArray(item)) return item.map((child, index) => inline(child, { parent: trail, segment: index }));
    if (isRecord(item)) return Object.fromEntries(Object.entries(item).map(([key, child]) => [key, inline(child, { parent: trail, segment: key })]));
    return item;
  };
  return { value: inline(value, undefined), diagnostics };
}
