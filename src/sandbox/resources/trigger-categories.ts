import { errorList } from '../http.js';
import { requiredValue } from '../rules/required-value.js';
import { appendPosition, byPositionThenId, type ResourceDescriptor } from './descriptor.js';

// Shape: salto trigger_categories (string ids, url, name, timestamps, position).
// Spec: PATCH to update, POST answers 200 (no recording contradicts it), errors as {"errors":[{code,title}]}.
export const triggerCategories: ResourceDescriptor = {
  type: 'trigger_categories',
  singular: 'trigger_category',
  idKind: 'string',
  pagination: 'cursor',
  unpaginated: 'cursor',
  writable: ['name', 'position'],
  createOnly: [],
  template: () => ({ url: null, id: null, name: null, updated_at: null, created_at: null, position: null }),
  mirrors: [],
  newPosition: appendPosition('trigger_categories'),
  listOrder: byPositionThenId,
  rules: [requiredValue('name')],
  referenceRules: [],
  /**
   * Spec DELETE /trigger_categories/{id}: 400 TriggerCategoryNotEmpty while it holds active triggers.
   * Its inactive triggers go with it (Zendesk help: deleting a category deletes its inactive triggers).
   */
  beforeDelete: (category, store) => {
    const held = store.all('triggers').filter((t) => String(t.category_id) === String(category.id));
    if (held.some((t) => t.active === true)) {
      return errorList(400, [{ code: 'TriggerCategoryNotEmpty', title: 'A category with active ticket triggers cannot be deleted.' }]);
    }
    for (const trigger of held) store.delete('triggers', String(trigger.id));
    return undefined;
  },
  errorStyle: 'list',
  updateMethod: 'PATCH',
  createStatus: 200,
  keyInPath: false,
  destroyMany: false,
  showMany: false,
  activeList: false,
  optionEndpoints: false,
};
