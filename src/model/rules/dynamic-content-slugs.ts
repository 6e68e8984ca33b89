import { DESCRIPTORS } from '../../resources/index.js';
import { newSlugOf } from '../../resources/text-placeholders.js';
import { error } from '../diagnostics.js';
import { addressOf, type ValidationRule } from './rule.js';

const ITEMS = DESCRIPTORS.dynamic_content;

/**
 * Zendesk derives an item's placeholder from its name and keeps placeholders unique: "Greeting"
 * and "greeting!" both give {{dc.greeting}}, and the second create is refused.
 */
export const dynamicContentSlugs: ValidationRule = {
  name: 'dynamic-content-placeholder-clash',
  description: 'two dynamic content items whose names give one placeholder',
  check: ({ objectsOf }) => {
    const first = new Map<string, string>();
    return objectsOf(ITEMS.type).flatMap((item) => {
      const slug = newSlugOf(ITEMS.textPlaceholder!, item.key);
      const earlier = first.get(slug);
      if (earlier === undefined) {
        first.set(slug, item.key);
        return [];
      }
      return [
        error('dynamic-content-placeholder-clash', `"${item.key}" gives the placeholder ${ITEMS.textPlaceholder!.format(slug)}, as "${earlier}" does`, {
          address: addressOf(item),
          source: item.yaml.locate([ITEMS.naturalKey]),
          detail: 'Zendesk derives the placeholder from the name (lower case, blanks to _, other signs dropped) and refuses a second item with the same one: rename one of them',
        }),
      ];
    });
  },
};
