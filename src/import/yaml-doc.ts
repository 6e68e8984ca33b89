import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { Document, isNode, isScalar, parseDocument, visit, type ToStringOptions } from 'yaml';
import { isFileReference } from '../model/content.js';
import { canonical, type FileObject } from '../resources/file-form.js';
import { isRecord } from '../resources/references.js';

/** One style for every file import writes: no line folding, 'single quotes' where quotes are needed. */
const STYLE: ToStringOptions = { lineWidth: 0, minContentWidth: 0, singleQuote: true, indent: 2, indentSeq: true };

/** `# yaml-language-server: $schema=../../../schemas/x.schema.json`, relative to the file. */
export function modeline(file: string, repoDir: string, schema: string): string {
  const relative = path.relative(path.dirname(file), path.join(repoDir, 'schemas', schema)).split(path.sep).join('/');
  return `# yaml-language-server: $schema=${relative}\n`;
}

export function newFileText(file: string, repoDir: string, schema: string, value: unknown): string {
  return modeline(file, repoDir, schema) + textOf(new Document(value));
}

// Times and dates (a schedule's "09:00", a holiday's "2026-12-25") are strings in YAML 1.2; quoted,
// they stay strings for YAML 1.1 tools too, which read 09:00 as the number 540 (docs/FORMAT.md).
const YAML_11_LOOKALIKE = /^(\d{1,2}:\d{2}|\d{4}-\d{2}-\d{2})$/;

function textOf(doc: Document): string {
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && YAML_11_LOOKALIKE.test(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  return doc.toString(STYLE);
}

/**
 * The existing file with only what changed rewritten. A key the file leaves out means Zendesk's
 * default (`defaults`): one that holds something else live is added; a key live no longer has
 * is removed, unless the file writes its default out. Keys whose value is the same as zdctl
 * compares them (conditions as sets, rule values as strings) keep their node and every comment
 * on it; changed values are replaced as deep down as the shapes agree; `keep` keys (zdctl's own,
 * such as previous_title) stay as written.
 */
export function updatedFileText(text: string, want: FileObject, compare: { have: FileObject; want: FileObject }, keep: readonly string[], defaults: Readonly<Record<string, unknown>> = {}): string {
  const doc = parseDocument(text, { schema: 'core' });
  const have = doc.toJS() as FileObject;
  for (const key of Object.keys(have)) {
    if (keep.includes(key)) continue;
    if (!(key in want)) {
      if (!(key in defaults && sameAsZdctlCompares(key, have[key] === '' ? null : have[key], defaults[key] === '' ? null : defaults[key]))) doc.delete(key);
    } else if (!sameAsZdctlCompares(key, compare.have[key], compare.want[key])) mergeInto(doc, [key], have[key], want[key]);
  }
  for (const key of Object.keys(want)) if (!(key in have) && !keep.includes(key)) doc.set(key, want[key]);
  return textOf(doc);
}

/** Replaces a whole order file's list, keeping the comment lines above it (the modeline among them). */
export function replacedListText(text: string, value: unknown): string {
  const lines = text.split('\n');
  const header = lines.slice(0, lines.findIndex((line) => !/^\s*(#.*)?$/.test(line)));
  return (header.length > 0 ? `${header.join('\n')}\n` : '') + textOf(new Document(value));
}

export function parsedValue(text: string): unknown {
  return parseDocument(text, { schema: 'core' }).toJS();
}

function sameAsZdctlCompares(key: string, have: unknown, want: unknown): boolean {
  return isDeepStrictEqual(canonical({ [key]: have })[key], canonical({ [key]: want })[key]);
}

function mergeInto(doc: Document, at: (string | number)[], have: unknown, want: unknown): void {
  if (isDeepStrictEqual(have, want)) return;
  if (isRecord(have) && isRecord(want) && !isFileReference(have) && !isFileReference(want)) {
    for (const key of Object.keys(have)) if (!(key in want)) doc.deleteIn([...at, key]);
    for (const key of Object.keys(want)) {
      if (key in have) mergeInto(doc, [...at, key], have[key], want[key]);
      else doc.setIn([...at, key], doc.createNode(want[key]));
    }
    return;
  }
  if (Array.isArray(have) && Array.isArray(want) && have.length === want.length) {
    want.forEach((item, index) => mergeInto(doc, [...at, index], have[index], item));
    return;
  }
  replaceNode(doc, at, want);
}

/** A new value where the old one was, keeping the comments that were on the old node. */
function replaceNode(doc: Document, at: (string | number)[], want: unknown): void {
  const old = doc.getIn(at, true);
  if (isScalar(old) && (want === null || typeof want !== 'object')) {
    old.value = want;
    return;
  }
  const node = doc.createNode(want);
  if (isNode(old)) {
    node.comment = old.comment;
    node.commentBefore = old.commentBefore;
  }
  doc.setIn(at, node);
}
