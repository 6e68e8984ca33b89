import { error } from '../diagnostics.js';
import { addressOf, type ValidationRule } from './rule.js';

/** Zendesk: once an account has trigger categories, every trigger belongs to one. */
export const triggerCategory: ValidationRule = {
  name: 'trigger-category',
  description: 'a trigger names its category (category_id) or is placed by triggers/_order.yaml',
  check: ({ objectsOf, instance }) => {
    if (objectsOf('trigger_categories').length === 0) return [];
    const order = instance.orders.triggers?.entries;
    const placed = new Set(order?.kind === 'categories' ? order.categories.flatMap((c) => c.titles) : []);
    return objectsOf('triggers')
      .filter((trigger) => trigger.data.category_id === undefined && !placed.has(trigger.key))
      .map((trigger) =>
        error('trigger-category', 'trigger has no category', {
          address: addressOf(trigger),
          source: trigger.yaml.locate([]),
          detail: 'list it under its category in triggers/_order.yaml, or add category_id: "Category: <name>"',
        }),
      );
  },
};
