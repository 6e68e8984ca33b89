import { DESCRIPTORS } from './index.js';
import { liveKeyOf, type ApiObject } from './live.js';
import { MANAGED_TYPES, type ManagedType, type ResourceDescriptor, type TextPlaceholder } from './types.js';

// Placeholders by which any text of any object uses an object of a type that declares
// `textPlaceholder` (dynamic content: `{{dc.<slug>}}`). The slug is not an id: files hold it as
// Zendesk does, and it is the same in every account the object is created in under that name.

export interface PlaceholderUse {
  /** The type whose object the placeholder names. */
  type: ManagedType;
  slug: string;
  /** Where the text is in the object, and where in the text the placeholder starts. */
  path: (string | number)[];
  start: number;
}

export const placeholderTypes = (): ResourceDescriptor[] => MANAGED_TYPES.map((type) => DESCRIPTORS[type]).filter((d) => d.textPlaceholder !== undefined);

/** Every placeholder in every string of `value`, at any depth (titles, actions, variants, descriptions …). */
export function placeholderUsesIn(value: unknown, path: (string | number)[] = []): PlaceholderUse[] {
  if (typeof value === 'string') {
    if (!value.includes('{{')) return [];
    return placeholderTypes().flatMap((d) => [...value.matchAll(d.textPlaceholder!.pattern)].map((match) => ({ type: d.type, slug: match[1]!, path, start: match.index })));
  }
  if (Array.isArray(value)) return value.flatMap((item, index) => placeholderUsesIn(item, [...path, index]));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([key, item]) => placeholderUsesIn(item, [...path, key]));
  return [];
}

/** The placeholders a live object's texts use (not its own placeholder, which Zendesk lists on it). */
export function placeholderUsesOfLive(descriptor: ResourceDescriptor, object: ApiObject): PlaceholderUse[] {
  const own = descriptor.textPlaceholder?.liveKey;
  return placeholderUsesIn(own === undefined ? object : Object.fromEntries(Object.entries(object).filter(([key]) => key !== own)));
}

/** The slug a live object answers to: the one Zendesk gave it at create (kept through renames). */
export function liveSlugOf(placeholder: TextPlaceholder, object: ApiObject): string | undefined {
  const written = object[placeholder.liveKey];
  if (typeof written !== 'string') return undefined;
  return [...written.matchAll(placeholder.pattern)][0]?.[1];
}

/** The slug a new object with this identity gets (`Greeting#2` has the name `Greeting`). */
export const newSlugOf = (placeholder: TextPlaceholder, key: string): string => placeholder.slugOf(key.replace(/#\d+$/, ''));

/** Slug → the natural key of the live object that answers to it, per placeholder type. */
export function liveSlugs(objectsOf: (type: ManagedType) => readonly ApiObject[]): Map<ManagedType, Map<string, string>> {
  return new Map(
    placeholderTypes().map((d) => {
      const slugs = new Map<string, string>();
      for (const object of objectsOf(d.type)) {
        const slug = liveSlugOf(d.textPlaceholder!, object);
        if (slug !== undefined && !slugs.has(slug)) slugs.set(slug, liveKeyOf(d, object));
      }
      return [d.type, slugs];
    }),
  );
}
