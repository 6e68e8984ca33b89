/**
 * File names from natural keys, as docs/FORMAT.md describes: lower-case, every run of characters
 * that is not a letter or digit becomes `-`. Accents are dropped (`Café` → `cafe`); letters of
 * other scripts stay. Long names are cut at 80 characters so every file system takes them.
 */
export function slugOf(key: string, fallback: string): string {
  const slug = key
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .slice(0, 80)
    .replace(/^-+|-+$/g, '');
  return slug || fallback;
}

/**
 * A free name for each key: `<slug>`, then `<slug>-2`, `<slug>-3` … for keys that share a slug,
 * in the order given (callers sort), never one of `taken`.
 */
export function allocateNames<T>(items: readonly T[], keyOf: (item: T) => string, fallback: string, taken: ReadonlySet<string>, extension: string): Map<T, string> {
  const used = new Set(taken);
  const names = new Map<T, string>();
  for (const item of items) {
    const base = slugOf(keyOf(item), fallback);
    let name = `${base}${extension}`;
    for (let n = 2; used.has(name); n++) name = `${base}-${n}${extension}`;
    used.add(name);
    names.set(item, name);
  }
  return names;
}
