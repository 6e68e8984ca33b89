import { isFileReference } from '../model/content.js';
import type { FileObject } from '../resources/file-form.js';
import { isRecord, replaceAt } from '../resources/references.js';

/**
 * Long texts go to `content/` files: comment bodies and the bodies of notifications (email,
 * webhook and target payloads). A text is long when it has a line break or more than
 * LONG_TEXT_CHARS characters; subjects, names and short one-liners stay inline.
 */
export const LONG_TEXT_CHARS = 200;

/** Action fields whose value (a string, or the last element of its list) is a body. */
const BODY_ACTIONS: Readonly<Record<string, string>> = {
  comment_value: 'md',
  comment_value_html: 'html',
  notification_user: 'md',
  notification_group: 'md',
  notification_webhook: 'json',
  notification_target: 'json',
};

export const isLongText = (text: string): boolean => text.includes('\n') || text.length > LONG_TEXT_CHARS;

export interface ContentFile {
  /** Relative to the instance folder: `content/...`. */
  path: string;
  text: string;
}

interface BodySlot {
  path: (string | number)[];
  text: string;
  extension: string;
}

/** Where an object's bodies are: the actions' comment and notification texts. */
function bodySlots(object: FileObject): BodySlot[] {
  if (!Array.isArray(object.actions)) return [];
  return object.actions.flatMap((action: unknown, index): BodySlot[] => {
    if (!isRecord(action) || typeof action.field !== 'string' || !(action.field in BODY_ACTIONS)) return [];
    const value = action.value;
    const extension = BODY_ACTIONS[action.field]!;
    if (typeof value === 'string') return [{ path: ['actions', index, 'value'], text: value, extension }];
    if (Array.isArray(value) && value.length > 1 && typeof value[value.length - 1] === 'string') {
      return [{ path: ['actions', index, 'value', value.length - 1], text: value[value.length - 1] as string, extension }];
    }
    return [];
  });
}

const valueAt = (object: unknown, path: readonly (string | number)[]): unknown =>
  path.reduce<unknown>((node, segment) => (isRecord(node) || Array.isArray(node) ? (node as Record<string | number, unknown>)[segment] : undefined), object);

/**
 * Moves the long bodies of `object` into content files: a slot the existing file already keeps in
 * a content file stays in that file; a new one goes to `content/<type>/<base>[-n].<ext>`.
 */
export function extractLongTexts(object: FileObject, existing: unknown, type: string, base: string, taken: Set<string>): { object: FileObject; files: ContentFile[] } {
  let result = object;
  const files: ContentFile[] = [];
  for (const slot of bodySlots(object)) {
    const kept = valueAt(existing, slot.path);
    let file: string;
    if (isFileReference(kept)) file = kept.file;
    else if (isLongText(slot.text)) file = freePath(`content/${type}/${base}`, contentExtension(slot), taken);
    else continue;
    taken.add(file);
    files.push({ path: file, text: slot.text });
    result = replaceAt(result, slot.path, { file });
  }
  return { object: result, files };
}

/** JSON payloads keep `.json` only when they are JSON (placeholders may make them not). */
function contentExtension(slot: BodySlot): string {
  if (slot.extension !== 'json') return slot.extension;
  try {
    JSON.parse(slot.text);
    return 'json';
  } catch {
    return 'txt';
  }
}

function freePath(base: string, extension: string, taken: ReadonlySet<string>): string {
  let candidate = `${base}.${extension}`;
  for (let n = 2; taken.has(candidate); n++) candidate = `${base}-${n}.${extension}`;
  return candidate;
}
