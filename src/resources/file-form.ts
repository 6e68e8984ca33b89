import { isDeepStrictEqual } from 'node:util';
import { findReferences, isRecord, writeReference, type FoundReference, type OptionFields } from './references.js';
import { WRITTEN_AS } from './rules.js';
import { apiKeysOf, fileKeysOf } from './schema-keys.js';
import type { ApiId, NameIndex } from './live.js';
import { liveOccurrenceOf, OCCURRENCE_KEY, rawKeyOf } from './identity.js';
import type { ReferenceKind, ResourceDescriptor, SubCollection } from './types.js';

export type FileObject = Record<string, unknown>;

/** Texts whose raw form (dynamic content placeholders) is what a file holds. */
const RAW_TEXT_KEYS = ['title', 'name', 'description', 'display_name', 'title_in_portal', 'agent_description'];

/**
 * A live API object in the form a file holds it: only the keys the schema knows, raw texts,
 * options without ids, and names instead of ids wherever the id is known.
 */
export function liveToFile(descriptor: ResourceDescriptor, live: Record<string, unknown>, names: NameIndex): { object: FileObject; unnamed: FoundReference[] } {
  const adapted = descriptor.adaptLive ? descriptor.adaptLive(live) : live;
  const object: FileObject = {};
  for (const key of fileKeysOf(descriptor)) {
    if (descriptor.localOnly.includes(key) || adapted[key] === undefined) continue;
    object[key] = RAW_TEXT_KEYS.includes(key) && typeof adapted[`raw_${key}`] === 'string' ? adapted[`raw_${key}`] : adapted[key];
  }
  object[descriptor.naturalKey] = rawKeyOf(descriptor, adapted);
  if (liveOccurrenceOf(live) > 1) object[OCCURRENCE_KEY] = liveOccurrenceOf(live);
  if (Array.isArray(object.custom_field_options)) object.custom_field_options = object.custom_field_options.map(optionToFile);
  if (isRecord(object.restriction)) object.restriction = restrictionToFile(object.restriction);
  for (const sub of descriptor.subCollections ?? []) if (Array.isArray(object[sub.key])) object[sub.key] = (object[sub.key] as unknown[]).map((child) => childToFile(sub, child));
  const unnamed: FoundReference[] = [];
  let named = object;
  for (const reference of findReferences(descriptor, object, names).reverse()) {
    if (reference.rawId === undefined) continue;
    const name = names.nameOf(reference.kind, reference.rawId, reference.scope);
    if (name === undefined) unnamed.unshift(reference);
    else named = writeReference(named, reference, { name });
  }
  return { object: named, unnamed };
}

/** A child as a file writes it: its match key first, without the keys Zendesk sets, nor those holding their default. */
function childToFile(sub: SubCollection, child: unknown): unknown {
  if (!isRecord(child)) return child;
  const kept = Object.entries(child).filter(([key, value]) => !sub.readOnly.includes(key) && !(key in sub.defaults && isDeepStrictEqual(sub.defaults[key], value)));
  return Object.fromEntries([...kept.filter(([key]) => key === sub.matchKey), ...kept.filter(([key]) => key !== sub.matchKey)]);
}

/**
 * The desired children in the order of the live ones they match (new ones last), each with its
 * keys in the live one's order, so a plan's diff shows what changed rather than how it is written.
 */
export function alignedChildren(descriptor: ResourceDescriptor, after: FileObject, before: FileObject): FileObject {
  const aligned: FileObject = { ...after };
  for (const sub of descriptor.subCollections ?? []) {
    const wanted = after[sub.key];
    const had = before[sub.key];
    if (!Array.isArray(wanted) || !Array.isArray(had)) continue;
    const matchOf = (child: unknown) => (isRecord(child) ? String(child[sub.matchKey]) : undefined);
    const position = new Map(had.map((child, index) => [matchOf(child), index]));
    const rank = (child: unknown) => position.get(matchOf(child)) ?? had.length;
    aligned[sub.key] = [...wanted].sort((a, b) => rank(a) - rank(b)).map((child) => {
      const live = had[rank(child)];
      if (!isRecord(child) || !isRecord(live)) return child;
      const order = [...Object.keys(live), ...Object.keys(child)];
      return Object.fromEntries(Object.entries(child).sort(([a], [b]) => order.indexOf(a) - order.indexOf(b)));
    });
  }
  return aligned;
}

/** Children as compared: each with its defaults filled in, in the order of their match key (Zendesk's order carries no meaning). */
export function comparableChildren(sub: SubCollection, children: unknown): unknown {
  if (!Array.isArray(children)) return children;
  const filled = children.map((child) => (isRecord(child) ? { ...sub.defaults, ...childToFile(sub, child) as FileObject } : child));
  return filled.sort((a, b) => String((a as FileObject)[sub.matchKey]).localeCompare(String((b as FileObject)[sub.matchKey]), 'en', { numeric: true }));
}

function optionToFile(option: Record<string, unknown>): FileObject {
  const file: FileObject = { name: option.raw_name ?? option.name, value: optionTag(option.value) };
  if (option.default === true) file.default = true;
  return file;
}

/** An option's value is the tag it sets, a string; some accounts answer (and some files write) a number, the tag of its digits. */
const optionTag = (value: unknown): unknown => (typeof value === 'number' ? String(value) : value);
const withOptionTags = (options: unknown[]): unknown[] => options.map((option) => (isRecord(option) ? { ...option, value: optionTag(option.value) } : option));

/** Zendesk answers a restriction with both `id` and `ids`; a file holds `ids` for groups, `id` for a user. */
function restrictionToFile(restriction: Record<string, unknown>): FileObject {
  // `{}` (some accounts answer so) means every agent, as null does; kept as it is.
  if (restriction.type === undefined) return restriction;
  if (restriction.type === 'Group') return { type: 'Group', ids: Array.isArray(restriction.ids) ? restriction.ids : [restriction.id] };
  return { type: restriction.type, id: restriction.id };
}

/** What sending needs to know of the live instance: ids by name, and which user/organization fields are drop-downs. */
export interface NameResolver extends OptionFields {
  idOf(kind: ReferenceKind, name: string, scope?: string): ApiId | undefined;
}

/** A file object ready to send: names resolved to ids, zdctl-only keys dropped. Missing names are returned, not guessed. */
export function fileToApi(descriptor: ResourceDescriptor, object: FileObject, names: NameResolver): { payload: Record<string, unknown>; missing: FoundReference[] } {
  const payload: Record<string, unknown> = {};
  for (const key of apiKeysOf(descriptor)) if (object[key] !== undefined) payload[key] = object[key];
  if (Array.isArray(payload.custom_field_options)) payload.custom_field_options = withOptionTags(payload.custom_field_options);
  const missing: FoundReference[] = [];
  let resolved = payload;
  for (const reference of findReferences(descriptor, payload, names).reverse()) {
    if (reference.name === undefined) continue;
    const id = names.idOf(reference.kind, reference.name, reference.scope);
    if (id === undefined) missing.unshift(reference);
    else resolved = writeReference(resolved, reference, { id });
  }
  return { payload: descriptor.adaptFile ? descriptor.adaptFile(resolved) : resolved, missing };
}

/**
 * The form two file objects are compared in: conditions as sets (Zendesk does not keep their
 * order meaningful), rule values as strings (Zendesk echoes "24" for 24), options without
 * `default: false` and with their values as tags (strings). Order stays where it matters: actions, options, form field ids, columns.
 */
export function canonical(object: FileObject): FileObject {
  const result: FileObject = { ...object };
  if (isRecord(result.conditions)) {
    const conditions = result.conditions as { all?: unknown[]; any?: unknown[] };
    result.conditions = { all: sortedRules(conditions.all ?? []), any: sortedRules(conditions.any ?? []) };
  }
  if (Array.isArray(result.actions)) result.actions = result.actions.map(canonicalRule);
  // A view column written `subject` (as Zendesk reads it back) is the Subject column all the same.
  if (isRecord(result.output) && Array.isArray(result.output.columns)) {
    result.output = { ...result.output, columns: result.output.columns.map((column: unknown) => WRITTEN_AS[String(column)] ?? column) };
  }
  if (Array.isArray(result.custom_field_options)) {
    result.custom_field_options = withOptionTags(result.custom_field_options).map((option) => (isRecord(option) && option.default === false ? withoutKey(option, 'default') : option));
  }
  return result;
}

function sortedRules(rules: unknown[]): unknown[] {
  return rules.map(canonicalRule).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

function canonicalRule(rule: unknown): unknown {
  if (!isRecord(rule)) return rule;
  const value = rule.value;
  const stringify = (v: unknown) => (typeof v === 'number' ? String(v) : v);
  return { ...rule, value: Array.isArray(value) ? value.map(stringify) : stringify(value) };
}

function withoutKey(object: FileObject, key: string): FileObject {
  const { [key]: _dropped, ...rest } = object;
  return rest;
}

/**
 * The keys where `desired` and `live` differ. A key the file leaves out means Zendesk's default for
 * it (`descriptor.defaults`); a key with no known default, left out, is not compared. For
 * `partialKeys` only the sub-keys the file gives are compared. An empty text, `null` and a key an
 * answer leaves out are the same nothing.
 */
export function changedKeys(descriptor: ResourceDescriptor, desired: FileObject, live: FileObject): string[] {
  const want = comparable(descriptor, answeredForm(descriptor, withDefaults(descriptor, desired)));
  const have = comparable(descriptor, answeredForm(descriptor, live));
  return apiKeysOf(descriptor).filter((key) => {
    if (want[key] === undefined) return false;
    // An answer without the key (an older API version) says nothing that could have drifted.
    if (desired[key] === undefined && live[key] === undefined) return false;
    if (descriptor.partialKeys?.includes(key) && isRecord(want[key]) && isRecord(have[key])) {
      const wanted = want[key] as FileObject;
      const had = have[key] as FileObject;
      return Object.keys(wanted).some((sub) => !isDeepStrictEqual(wanted[sub], had[sub]));
    }
    return !isDeepStrictEqual(nothingAsNull(want[key]), nothingAsNull(have[key]));
  });
}

/** What Zendesk answers of an object: without the secrets' parts it never returns (a webhook's credentials). */
export function answeredForm(descriptor: ResourceDescriptor, object: FileObject): FileObject {
  return descriptor.secrets ? descriptor.secrets.answered(object) : object;
}

/**
 * A live object's file form as import and restore write it: Zendesk never answers secrets, so the
 * file names the environment variables they must come from — those `namedInFile` names (the
 * instance's own file of the object), else ones made from its name.
 */
export function newFileForm(descriptor: ResourceDescriptor, object: FileObject, namedInFile?: FileObject): FileObject {
  const secrets = descriptor.secrets;
  if (!secrets) return object;
  const named = secrets.withVariables(object);
  if (!namedInFile) return named;
  // A file of the object names its own variables: kept for each secret key where it agrees with what Zendesk answers.
  const fromFile = secrets.keys.filter((key) => namedInFile[key] !== undefined && isDeepStrictEqual(secrets.answered({ ...named, [key]: namedInFile[key] }), secrets.answered(named)));
  return { ...named, ...Object.fromEntries(fromFile.map((key) => [key, namedInFile[key]])) };
}

/**
 * The live side of an update as a plan shows it: a secret key the update leaves alone is shown as
 * the file has it, since Zendesk never answers it and zdctl neither sends nor changes it.
 */
export function withUnansweredFrom(descriptor: ResourceDescriptor, before: FileObject, after: FileObject, changed: readonly string[]): FileObject {
  const kept = (descriptor.secrets?.keys ?? []).filter((key) => !changed.includes(key) && after[key] !== undefined);
  return kept.length === 0 ? before : { ...before, ...Object.fromEntries(kept.map((key) => [key, after[key]])) };
}

/**
 * `canonical`, with children as sets and a type's own file form in the one way its live form is
 * written (a schedule's hours: touching intervals joined, closed days left out).
 */
function comparable(descriptor: ResourceDescriptor, object: FileObject): FileObject {
  const normal = descriptor.adaptFile && descriptor.adaptLive ? { ...object, ...descriptor.adaptLive(descriptor.adaptFile(object)) } : object;
  const result = canonical(normal);
  for (const sub of descriptor.subCollections ?? []) if (result[sub.key] !== undefined) result[sub.key] = comparableChildren(sub, result[sub.key]);
  return result;
}

/** The file object with Zendesk's default for each key it leaves out. */
export function withDefaults(descriptor: ResourceDescriptor, desired: FileObject): FileObject {
  const filled: FileObject = { ...desired };
  for (const [key, value] of Object.entries(descriptor.defaults)) if (filled[key] === undefined) filled[key] = value;
  return filled;
}

const nothingAsNull = (value: unknown): unknown => (value === undefined || value === '' ? null : value);
