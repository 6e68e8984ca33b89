import { createVariants, deleteVariant, listVariants, newVariant, showVariant, updateVariants } from '../endpoints/variants.js';
import { isObject, type ApiObject } from '../model.js';
import { dynamicContentVariants, variantsOf } from '../rules/dynamic-content-variants.js';
import { localeReferences } from '../rules/locale-references.js';
import { placeholderInUse } from '../rules/placeholder-in-use.js';
import { requiredValue } from '../rules/required-value.js';
import { uniqueValue } from '../rules/unique-value.js';
import { byCreation, type ExtraRoute, type ResourceDescriptor, type WriteContext } from './descriptor.js';

/**
 * Recorded: "Dynamic content item title 543" → `{{dc.dynamic_content_item_title_543}}`. Assumed
 * for other characters: anything but letters, digits and `_` is dropped. The placeholder is made
 * once: a rename keeps it (spec DynamicContentUpdateResponseExample: "New name", `{{dc.snowboard_problem}}`).
 */
export function placeholderOf(name: unknown): string {
  const slug = String(name ?? '').trim().toLowerCase().replace(/\s+/g, '_').replace(/[^\p{L}\p{N}_]/gu, '');
  return `{{dc.${slug}}}`;
}

function prepare(input: ApiObject, { store, now, existing }: WriteContext): ApiObject {
  if (existing) return input;
  const variants = (Array.isArray(input.variants) ? input.variants : []).map((given) => {
    const variant = isObject(given) ? given : {};
    return newVariant({ ...variant, default: variant.default === true || variant.locale_id === input.default_locale_id }, store.newId(), now);
  });
  return { ...input, placeholder: placeholderOf(input.name), variants };
}

function variantUrls(item: ApiObject, baseUrl: string): ApiObject {
  const base = `${baseUrl}/api/v2/dynamic_content/items/${String(item.id)}/variants`;
  return { ...item, variants: variantsOf(item).map((v) => ('url' in v ? { ...v, url: `${base}/${String(v.id)}.json` } : v)) };
}

const ITEM = 'dynamic_content/items/:id/variants';
const routes: ExtraRoute[] = [
  { method: 'POST', pattern: `${ITEM}/create_many`, handle: (r, [id], a) => createVariants(dynamicContent, a, id ?? '', r.body, true) },
  { method: 'PUT', pattern: `${ITEM}/update_many`, handle: (r, [id], a) => updateVariants(dynamicContent, a, id ?? '', r.body) },
  { method: 'GET', pattern: ITEM, handle: (_r, [id], a) => listVariants(dynamicContent, a, id ?? '') },
  { method: 'POST', pattern: ITEM, handle: (r, [id], a) => createVariants(dynamicContent, a, id ?? '', r.body, false) },
  { method: 'GET', pattern: `${ITEM}/:variant`, handle: (_r, [id, v], a) => showVariant(dynamicContent, a, id ?? '', v ?? '') },
  { method: 'PUT', pattern: `${ITEM}/:variant`, handle: (r, [id, v], a) => updateVariants(dynamicContent, a, id ?? '', r.body, v ?? '') },
  { method: 'DELETE', pattern: `${ITEM}/:variant`, handle: (_r, [id, v], a) => deleteVariant(dynamicContent, a, id ?? '', v ?? '') },
];

// Shape: go-zendesk dynamic_content/items and salto (url, id, name, placeholder, default_locale_id,
// outdated, timestamps, variants). Spec Update Item: "The only attribute you can change is the name".
export const dynamicContent: ResourceDescriptor = {
  type: 'dynamic_content',
  singular: 'item',
  plural: 'items',
  idKind: 'number',
  pagination: 'cursor',
  unpaginated: 'offset',
  nullCursorsOnLastPage: true,
  writable: ['name', 'default_locale_id', 'variants'],
  createOnly: ['default_locale_id', 'variants'],
  template: () => ({
    url: null, id: null, name: null, placeholder: null, default_locale_id: null, outdated: false, created_at: null,
    updated_at: null, variants: [],
  }),
  mirrors: [],
  prepare,
  listOrder: byCreation,
  rules: [requiredValue('name'), uniqueValue('dynamic_content', 'name'), uniqueValue('dynamic_content', 'placeholder'), dynamicContentVariants],
  referenceRules: [localeReferences],
  beforeDelete: (item, store) => placeholderInUse('dynamic_content', item, store),
  present: variantUrls,
  routes,
  errorStyle: 'classic',
  updateMethod: 'PUT',
  createStatus: 201,
  keyInPath: false,
  destroyMany: false,
  showMany: false,
  activeList: false,
  optionEndpoints: false,
};
