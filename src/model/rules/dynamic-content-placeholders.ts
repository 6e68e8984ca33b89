import { DESCRIPTORS, MANAGED_TYPES } from '../../resources/index.js';
import { newSlugOf, placeholderUsesIn } from '../../resources/text-placeholders.js';
import { error, warning } from '../diagnostics.js';
import type { LoadedInstance } from '../instance.js';
import { locateIn } from '../yaml-file.js';
import { addressOf, type ValidationRule } from './rule.js';

const ITEMS = DESCRIPTORS.dynamic_content;
const PLACEHOLDER = ITEMS.textPlaceholder!;

/** Does apply delete live items that have no file? Then a placeholder without a file certainly names nothing. */
function deletesUnmanagedItems(instance: LoadedInstance): boolean {
  const unmanaged = instance.config?.unmanaged;
  return (typeof unmanaged === 'string' ? unmanaged : unmanaged?.dynamic_content) === 'delete';
}

const previousNamesOf = (data: Record<string, unknown>): string[] => {
  const previous = data[ITEMS.renameKey!];
  return typeof previous === 'string' ? [previous] : Array.isArray(previous) ? previous.map(String) : [];
};

/**
 * `{{dc.<placeholder>}}` in any text names a dynamic content item by the placeholder Zendesk
 * derived from its name when it was created (kept through renames, so earlier names count too).
 * Offline, an item with no file may still be live: a warning, which plan turns into an error when
 * no live item has it either; an error already when unmanaged items are deleted. Zendesk's own
 * `{{zd.*}}` placeholders are not dynamic content.
 */
export const dynamicContentPlaceholders: ValidationRule = {
  name: 'unknown-dynamic-content',
  description: 'a {{dc.<placeholder>}} in a text names a dynamic content item (a file, or one live)',
  check: ({ instance, objectsOf }) => {
    const known = new Set(objectsOf(ITEMS.type).flatMap((item) => [item.key, ...previousNamesOf(item.data)].map((name) => newSlugOf(PLACEHOLDER, name))));
    const certain = deletesUnmanagedItems(instance);
    return MANAGED_TYPES.flatMap((type) =>
      objectsOf(type).flatMap((object) =>
        placeholderUsesIn(object.data)
          .filter((use) => use.type === ITEMS.type && !known.has(use.slug))
          .map((use) => {
            const summary = `${PLACEHOLDER.format(use.slug)} names no dynamic content item: no file under dynamic_content/ has a name that gives it`;
            const extra = { address: addressOf(object), source: locateIn(object.yaml, use.path, use.start) };
            return certain
              ? error('unknown-dynamic-content', summary, { ...extra, detail: 'unmanaged dynamic content is deleted (instance.yaml), so no live item can answer to it: add its file or correct the placeholder' })
              : warning('unknown-dynamic-content', summary, { ...extra, detail: 'plan checks whether a live item has it; add its file to manage it' });
          }),
      ),
    );
  },
};
