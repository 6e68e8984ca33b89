import { OCCURRENCE_KEY } from './identity.js';
import { COMMON_READ_ONLY } from './common.js';
import type { ResourceDescriptor } from './types.js';

const VARIANTS = 'variants';

/**
 * Zendesk's placeholder of a new item (salto: "Dynamic content item title 543" →
 * `dynamic_content_item_title_543`; go-zendesk: "title" → `title`): lower-cased, blanks to `_`,
 * other characters than letters, digits and `_` dropped. Fixed at create: a rename keeps it.
 */
export function dynamicContentSlugOf(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, '_').replace(/[^\p{L}\p{N}_]/gu, '');
}

/** The item's default locale is the locale of its default variant (the file has no `default_locale_id`). */
function withDefaultLocale(payload: Record<string, unknown>): Record<string, unknown> {
  if (!Array.isArray(payload[VARIANTS])) return payload;
  const chosen = (payload[VARIANTS] as Record<string, unknown>[]).find((variant) => variant.default === true);
  return chosen === undefined ? payload : { ...payload, default_locale_id: chosen.locale_id };
}

/** Dynamic content items with their variants per locale; texts anywhere use them as `{{dc.<placeholder>}}`. */
export const dynamicContent: ResourceDescriptor = {
  type: 'dynamic_content',
  // spec DynamicContentResponse: the envelope is `item` / `items`.
  singular: 'item',
  plural: 'items',
  schema: 'dynamic_content_item',
  apiPath: 'dynamic_content/items',
  paging: 'cursor',
  naturalKey: 'name',
  renameKey: 'previous_name',
  readOnly: [...COMMON_READ_ONLY, 'placeholder', 'outdated', 'default_locale_id'],
  localOnly: ['previous_name', OCCURRENCE_KEY],
  // Variant contents may name ticket fields ({{ticket.ticket_field[Title]}}).
  references: [{ path: [VARIANTS, '*', 'content'], text: true }],
  defaults: {},
  dependsOn: [],
  updateMethod: 'PUT',
  ordering: { kind: 'none' },
  bulk: { updateMany: false, destroyMany: false },
  hasOptions: false,
  adaptFile: withDefaultLocale,
  // spec: `PUT items/{id}` changes only the name; variants have their own endpoints and come embedded in the item's read.
  subCollections: [
    {
      key: VARIANTS,
      matchKey: 'locale_id',
      path: 'variants',
      singular: 'variant',
      plural: 'variants',
      read: 'embedded',
      createdWithParent: true,
      readOnly: ['id', 'url', 'outdated', 'created_at', 'updated_at'],
      // salto dynamic_content/items: a variant is active and not the default unless told.
      defaults: { active: true, default: false },
      soleFlag: 'default',
    },
  ],
  // spec Create Item: the locales must be active in the account (GET /locales lists them).
  accountSettings: [{ path: [VARIANTS, '*', 'locale_id'], list: 'locales', envelope: 'locales', noun: 'locale' }],
  textPlaceholder: {
    liveKey: 'placeholder',
    pattern: /\{\{\s*dc\.([\p{L}\p{N}_]+)\s*\}\}/gu,
    slugOf: dynamicContentSlugOf,
    format: (slug) => `{{dc.${slug}}}`,
  },
  isSystem: () => false,
};
