import type { Rule } from '../resources/descriptor.js';
import { variantsOf } from './dynamic-content-variants.js';
import { exists, missing } from './references.js';

/**
 * Spec Create Item: "The default_locale_id and variant locale_id values must be one of the
 * locales the account has active" (GET /locales). A fresh sandbox account has en-US only.
 */
export const localeReferences: Rule = (item, { store }) => {
  const named: Array<[string, unknown]> = [
    ['default_locale_id', item.default_locale_id],
    ...variantsOf(item).map((v, i): [string, unknown] => [`variants[${i}].locale_id`, v.locale_id]),
  ];
  return named.flatMap(([where, id]) =>
    Number.isInteger(id) && !exists(store, 'locales', String(id)) ? [missing(where.startsWith('variants') ? 'variants' : where, 'locales', String(id), where)] : [],
  );
};
