import { find, invalid, present, type Account } from '../crud.js';
import { ApiError, json, noContent, parameterMissing, recordNotFound, type ApiResponse } from '../http.js';
import { isObject, type ApiObject } from '../model.js';
import type { ResourceDescriptor } from '../resources/descriptor.js';
import { variantsOf } from '../rules/dynamic-content-variants.js';

const VARIANT_KEYS = ['content', 'locale_id', 'active', 'default'] as const;

/** A new variant as the recordings show it (go-zendesk, salto dynamic_content/items): url, id, content, locale, flags, timestamps. */
export function newVariant(given: ApiObject, id: number, now: string): ApiObject {
  return {
    url: null, id, content: given.content ?? null, locale_id: given.locale_id ?? null, outdated: false,
    active: given.active ?? true, default: given.default === true, created_at: now, updated_at: now,
  };
}

const picked = (given: ApiObject): ApiObject => Object.fromEntries(VARIANT_KEYS.filter((k) => k in given).map((k) => [k, given[k]]));

function variantAnswer(d: ResourceDescriptor, account: Account, item: ApiObject, variant: ApiObject): ApiObject {
  const rendered = present(d, { ...item, variants: [variant] }, account.baseUrl);
  return variantsOf(rendered)[0] ?? {};
}

/**
 * Checks the item with its new variants by the item's own rules and stores it. The item is
 * outdated when any variant is (spec DynamicContentObject.outdated).
 */
function saveVariants(d: ResourceDescriptor, account: Account, item: ApiObject, variants: ApiObject[], defaultLocale = item.default_locale_id): ApiObject {
  const { store } = account;
  const candidate = { ...item, default_locale_id: defaultLocale, outdated: variants.some((v) => v.outdated === true), variants, updated_at: store.timestamp() };
  const context = { store, now: store.timestamp(), existing: item, strictReferences: account.strictReferences };
  const rules = account.strictReferences ? [...d.rules, ...d.referenceRules] : d.rules;
  const violations = rules.flatMap((rule) => rule(candidate, context));
  if (violations.length > 0) throw invalid(d, violations);
  store.put(d.type, candidate);
  account.changed();
  return candidate;
}

function variantIn(item: ApiObject, variantId: string): ApiObject {
  const variant = variantsOf(item).find((v) => String(v.id) === variantId);
  if (!variant) throw new ApiError(recordNotFound());
  return variant;
}

function rootOf(body: unknown, key: string): unknown {
  const root = isObject(body) ? body[key] : undefined;
  if (root === undefined || root === null) throw new ApiError(parameterMissing(key));
  return root;
}

export function listVariants(d: ResourceDescriptor, account: Account, itemId: string): ApiResponse {
  const item = find(d, account, itemId);
  return json(200, { variants: variantsOf(item).map((v) => variantAnswer(d, account, item, v)) });
}

export function showVariant(d: ResourceDescriptor, account: Account, itemId: string, variantId: string): ApiResponse {
  const item = find(d, account, itemId);
  return json(200, { variant: variantAnswer(d, account, item, variantIn(item, variantId)) });
}

/** `POST .../variants` (one) and `.../variants/create_many` (several): 201; a locale that already has a variant is refused. */
export function createVariants(d: ResourceDescriptor, account: Account, itemId: string, body: unknown, many: boolean): ApiResponse {
  const item = find(d, account, itemId);
  const given = many ? rootOf(body, 'variants') : [rootOf(body, 'variant')];
  if (!Array.isArray(given) || !given.every(isObject)) throw new ApiError(parameterMissing(many ? 'variants' : 'variant'));
  const now = account.store.timestamp();
  const created = given.map((v) => newVariant({ ...picked(v), default: false }, account.store.newId(), now));
  const becomesDefault = given.findIndex((v) => v.default === true);
  const chosen = created[becomesDefault];
  const variants = [...variantsOf(item).map((v) => (chosen ? { ...v, default: false } : v)), ...created.map((v) => (v === chosen ? { ...v, default: true } : v))];
  const saved = saveVariants(d, account, item, variants, chosen ? chosen.locale_id : item.default_locale_id);
  const answered = created.map((v) => variantAnswer(d, account, saved, variantIn(saved, String(v.id))));
  return json(201, many ? { variants: answered } : { variant: answered[0] });
}

/**
 * One variant's change (spec Update Variant): the default variant can be neither deactivated nor
 * made non-default; making another variant the default moves the item's default locale. Assumed,
 * no recording: a new content of the default variant marks the others outdated, and a variant
 * whose content is written is no longer outdated.
 */
function changed(variants: ApiObject[], variantId: string, given: ApiObject, now: string): { variants: ApiObject[]; refusal?: string } {
  const target = variants.find((v) => String(v.id) === variantId)!;
  const change = picked(given);
  if (target.default === true && change.active === false) return { variants, refusal: 'the default variant cannot be deactivated' };
  if (target.default === true && change.default === false) return { variants, refusal: 'make another variant the default instead' };
  const contentChanged = 'content' in change && change.content !== target.content;
  const updated = { ...target, ...change, ...(contentChanged ? { outdated: false } : {}), updated_at: now };
  return {
    variants: variants.map((v) => {
      if (v === target) return updated;
      const others = change.default === true ? { ...v, default: false } : v;
      return contentChanged && target.default === true ? { ...others, outdated: true } : others;
    }),
  };
}

export function updateVariants(d: ResourceDescriptor, account: Account, itemId: string, body: unknown, variantId?: string): ApiResponse {
  const item = find(d, account, itemId);
  const given = variantId === undefined ? rootOf(body, 'variants') : [{ ...(rootOf(body, 'variant') as ApiObject), id: variantId }];
  if (!Array.isArray(given) || !given.every(isObject)) throw new ApiError(parameterMissing('variants'));
  const now = account.store.timestamp();
  let variants = variantsOf(item);
  for (const change of given) {
    variantIn({ variants }, String(change.id));
    const next = changed(variants, String(change.id), change, now);
    if (next.refusal) throw invalid(d, [{ field: 'variants', description: `Variants: ${next.refusal}`, error: 'InvalidValue' }]);
    variants = next.variants;
  }
  const defaultVariant = variants.find((v) => v.default === true);
  const saved = saveVariants(d, account, item, variants, defaultVariant ? defaultVariant.locale_id : item.default_locale_id);
  const answered = given.map((v) => variantAnswer(d, account, saved, variantIn(saved, String(v.id))));
  return json(200, variantId === undefined ? { variants: answered } : { variant: answered[0] });
}

/** Spec: the default variant cannot be deleted (another must be made the default first). */
export function deleteVariant(d: ResourceDescriptor, account: Account, itemId: string, variantId: string): ApiResponse {
  const item = find(d, account, itemId);
  const variant = variantIn(item, variantId);
  if (variant.default === true) {
    throw invalid(d, [{ field: 'variants', description: 'Variants: the default variant cannot be deleted', error: 'InvalidValue' }]);
  }
  saveVariants(d, account, item, variantsOf(item).filter((v) => v !== variant));
  return noContent();
}
