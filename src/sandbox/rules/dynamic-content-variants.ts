import type { Violation } from '../http.js';
import { isObject, type ApiObject } from '../model.js';
import type { Rule } from '../resources/descriptor.js';

export const variantsOf = (item: ApiObject): ApiObject[] => (Array.isArray(item.variants) ? item.variants.filter(isObject) : []);

const problem = (text: string): Violation => ({ field: 'variants', description: `Variants: ${text}`, error: 'InvalidValue' });

/**
 * Spec (Create Item, Create Variant, Update Variant): an item has variants, each with content and
 * a locale, one variant per locale ("If a locale variant already exists, the request is
 * rejected"), and its default variant is the one in the item's default locale, active.
 */
export const dynamicContentVariants: Rule = (item) => {
  const variants = variantsOf(item);
  if (variants.length === 0) return [problem('cannot be blank')];
  const problems: Violation[] = [];
  const locales = variants.map((v) => v.locale_id);
  variants.forEach((variant, index) => {
    if (typeof variant.content !== 'string' || variant.content.trim() === '') problems.push(problem(`variant ${index}: content cannot be blank`));
    if (!Number.isInteger(variant.locale_id)) problems.push(problem(`variant ${index}: locale_id must be a locale id`));
    else if (locales.indexOf(variant.locale_id) !== index) problems.push(problem(`locale ${String(variant.locale_id)} has more than one variant`));
  });
  if (problems.length > 0) return problems;
  if (!Number.isInteger(item.default_locale_id)) {
    problems.push({ field: 'default_locale_id', description: 'Default locale: cannot be blank', error: 'BlankValue' });
    return problems;
  }
  const defaults = variants.filter((v) => v.default === true);
  const inDefaultLocale = variants.find((v) => v.locale_id === item.default_locale_id);
  if (!inDefaultLocale) problems.push(problem(`no variant in the default locale ${String(item.default_locale_id)}`));
  else if (defaults.length !== 1 || defaults[0] !== inDefaultLocale) problems.push(problem('the default variant is the one in the default locale, and only it'));
  else if (inDefaultLocale.active === false) problems.push(problem('the default variant cannot be inactive'));
  return problems;
};
