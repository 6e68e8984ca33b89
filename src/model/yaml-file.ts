import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { error, type Diagnostic, type SourceLocation } from './diagnostics.js';

export type PathSegment = string | number;

/** A parsed YAML file that can say where each value came from. */
export interface YamlFile {
  file: string;
  value: unknown;
  /** Where the value at `path` starts; falls back to the nearest ancestor that exists. */
  locate(path: readonly PathSegment[]): SourceLocation;
  /** Where the key of the last segment of `path` starts (for "unknown key" errors). */
  locateKey(path: readonly PathSegment[]): SourceLocation;
  /**
   * Where character `offset` of the text at `path` is, when the file writes that text as a literal
   * block (`|`), whose lines are the text's lines; elsewhere, where the value starts.
   */
  locateInText?(path: readonly PathSegment[], offset: number): SourceLocation;
}

/** Where a spot in a file's value is: a whole value, or one character inside a text. */
export function locateIn(yaml: YamlFile, path: readonly PathSegment[], textOffset?: number): SourceLocation {
  return textOffset !== undefined && yaml.locateInText ? yaml.locateInText(path, textOffset) : yaml.locate(path);
}

const MAX_ALIASES = 100;
const MAX_DEPTH = 64;

/**
 * Parses YAML 1.2 (core schema) defensively: duplicate keys, unknown tags, alias bombs,
 * deep nesting and multi-document files are errors with a position, never a crash.
 */
export function parseYaml(text: string, file: string): { yaml?: YamlFile; diagnostics: Diagnostic[] } {
  const lineCounter = new LineCounter();
  const body = yamlBody(text);
  const at = (offset: number): SourceLocation => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  let doc: Document.Parsed;
  try {
    doc = parseDocument(body, { lineCounter, uniqueKeys: true, schema: 'core', prettyErrors: false, strict: true });
  } catch (cause) {
    return { diagnostics: [error('yaml', `could not be parsed: ${(cause as Error).message}`, { source: at(0) })] };
  }
  if (doc.contents === null && doc.errors.length === 0) {
    return { diagnostics: [error('yaml', 'the file is empty', { source: at(0) })] };
  }
  const unprintable = NON_PRINTABLE.exec(body);
  if (unprintable) {
    const code = unprintable[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    return { diagnostics: [error('yaml', `the file holds the control character U+${code}, which YAML does not allow`, { source: at(unprintable.index), detail: `remove it; inside a "double-quoted" string it may be written as the escape \\u${code}` })] };
  }
  if (doc.errors.some((problem) => problem.code === 'RESOURCE_EXHAUSTION')) {
    // The parser ran out of stack, at a point that depends on the stack left: report once, where the brackets get too deep.
    return { diagnostics: [error('yaml', `nesting deeper than ${MAX_DEPTH} levels`, { source: at(tooDeepFlowOffset(body)) })] };
  }
  const problems = [...doc.errors, ...doc.warnings].map((problem) =>
    error('yaml', OWN_SUMMARIES[problem.code] ?? firstLine(problem.message), { source: at(problem.pos[0]), detail: yamlAdvice(problem.code) }),
  );
  if (problems.length > 0) return { diagnostics: problems };

  const complexKey = findComplexKey(doc, doc.contents, 0);
  if (complexKey) {
    return { diagnostics: [error('yaml', 'a map key is a list, a map or binary; zdctl reads plain text keys only', { source: at(complexKey.range?.[0] ?? 0), detail: 'write the key as plain text: no `? ` line, [..], {..} or !!binary before the `:`' })] };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (cause) {
    // toJS throws for an alias bomb and for an alias whose anchor is missing or comes later.
    if (/alias count/i.test((cause as Error).message)) {
      return { diagnostics: [error('yaml', `too many alias expansions (more than ${MAX_ALIASES})`, { source: at(0), detail: 'YAML aliases (*name) are expanded when read; a file that expands them this often is refused' })] };
    }
    return { diagnostics: [error('yaml', firstLine((cause as Error).message), { source: at(0) })] };
  }
  const deep = findTooDeep(doc.contents, 0);
  if (deep) {
    return { diagnostics: [error('yaml', `nesting deeper than ${MAX_DEPTH} levels`, { source: at(deep.range?.[0] ?? 0) })] };
  }
  // Where the object starts is asked for every file (a plan names it), so that one is kept.
  const start = at((doc.contents as Node | null)?.range?.[0] ?? 0);
  return { yaml: positionedYaml(body, file, value, { line: start.line, column: start.column }), diagnostics: [] };
}

/**
 * A parsed file whose value is already known (just parsed, or from the parse cache). The node
 * tree is needed again only to place a diagnostic; holding thousands of them costs more (memory
 * and garbage collection) than parsing the rare file that has one a second time.
 */
export function positionedYaml(body: string, file: string, value: unknown, start: { line: number; column: number }): YamlFile {
  let tree: { doc: Document.Parsed; lineCounter: LineCounter } | undefined;
  const positions = () => {
    if (tree) return tree;
    const lineCounter = new LineCounter();
    return (tree = { doc: parseDocument(body, { lineCounter, uniqueKeys: true, schema: 'core', prettyErrors: false, strict: true }), lineCounter });
  };
  const locate = (path: readonly PathSegment[], wantKey: boolean): SourceLocation => {
    if (path.length === 0) return { file, line: start.line, column: start.column };
    const { doc, lineCounter } = positions();
    const { line, col } = lineCounter.linePos(nodeAt(doc, path, wantKey));
    return { file, line, column: col };
  };
  const locateInText = (path: readonly PathSegment[], offset: number): SourceLocation => {
    const { doc, lineCounter } = positions();
    const node = doc.getIn(path, true);
    if (!isScalar(node) || node.type !== 'BLOCK_LITERAL' || typeof node.value !== 'string' || !node.range) return locate(path, false);
    const before = node.value.slice(0, offset);
    const line = lineCounter.linePos(node.range[0]).line + 1 + (before.match(/\n/g)?.length ?? 0);
    const indent = /^ */.exec(body.split('\n')[line - 1] ?? '')![0].length;
    return { file, line, column: indent + 1 + before.length - (before.lastIndexOf('\n') + 1) };
  };
  return { file, value, locate: (path) => locate(path, false), locateKey: (path) => locate(path, true), locateInText };
}

/** The text the parser reads: without a byte order mark. */
export function yamlBody(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

const OWN_SUMMARIES: Partial<Record<string, string>> = {
  MULTIPLE_DOCS: 'the file holds more than one YAML document',
  DUPLICATE_KEY: 'duplicate key: map keys must be unique',
};

/** Characters outside YAML 1.2's c-printable set (tab, LF and CR are allowed). */
const NON_PRINTABLE = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]/u;

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

function yamlAdvice(code: string): string | undefined {
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'each key may appear once in a map; remove or rename one of them';
    case 'TAG_RESOLVE_FAILED':
      return 'zdctl reads plain YAML only; remove the !tag';
    case 'TAB_AS_INDENT':
      return 'indent with spaces, not tabs';
    case 'MULTIPLE_DOCS':
      return 'a file holds one YAML document; remove the second `---` and what follows, or move it to a file of its own';
    // The parser's words name its grammar; these say what usually causes them in a hand-written file.
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return 'YAML read a `key: value` here as part of a key: usually a value with ": " in it that needs quotes ("Field: Problem type"), a missing space after a colon, or a line indented deeper than the ones it belongs with';
    case 'BAD_INDENT':
      return 'a line is not indented like the lines it belongs with, or a [ or { before it is never closed: line it up with them (spaces only) and close what is open';
    case 'MISSING_CHAR':
      return 'a quote, ] or } is opened and never closed; close it, or write the value without it';
    case 'UNEXPECTED_TOKEN':
    case 'BAD_SCALAR_START':
      return 'a value that starts with @, `, %, *, &, ! or contains " #" must be put in quotes';
    case 'BLOCK_IN_FLOW':
      return 'inside [ ] or { } everything stays on one line; use a list of `- ` lines instead';
    case 'BAD_DQ_ESCAPE':
      return 'inside "double quotes" a backslash starts an escape: write \\\\ for one backslash, or use single quotes';
    default:
      return undefined;
  }
}

/** Offset of the first `[` or `{` that opens a level past MAX_DEPTH (quotes and comments skipped); 0 if none. */
function tooDeepFlowOffset(text: string): number {
  let depth = 0;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) i = text.indexOf('\n', i) === -1 ? text.length : text.indexOf('\n', i);
    else if (c === '[' || c === '{') {
      depth += 1;
      if (depth > MAX_DEPTH) return i;
    } else if (c === ']' || c === '}') depth -= 1;
  }
  return 0;
}

/** The first map key that is a collection or binary (a JavaScript object would turn it into text silently). */
function findComplexKey(doc: Document.Parsed, node: unknown, depth: number): Node | undefined {
  if (depth > MAX_DEPTH) return undefined;
  if (isMap(node) || isSeq(node)) {
    for (const item of node.items) {
      const key: unknown = isPair(item) ? item.key : undefined;
      const target = isAlias(key) ? key.resolve(doc) : key;
      if (isMap(target) || isSeq(target) || (isScalar(target) && typeof target.value === 'object' && target.value !== null)) return key as Node;
      const found = findComplexKey(doc, isPair(item) ? item.value : item, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

function findTooDeep(node: unknown, depth: number): Node | undefined {
  if (depth > MAX_DEPTH) return node as Node;
  if (isMap(node) || isSeq(node)) {
    for (const item of node.items) {
      const child = isPair(item) ? item.value : item;
      const found = findTooDeep(child, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

function nodeAt(doc: Document.Parsed, path: readonly PathSegment[], wantKey: boolean): number {
  let node: unknown = doc.contents;
  let offset = (node as Node | null)?.range?.[0] ?? 0;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]!;
    const isLast = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(segment));
      if (!pair) return offset;
      if (isLast && wantKey) return (pair.key as Node | null)?.range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment];
    } else {
      return offset;
    }
    const range = (node as Node | null)?.range;
    if (!range) return offset;
    offset = range[0];
  }
  return offset;
}
