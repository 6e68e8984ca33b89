import { error } from '../diagnostics.js';
import { addressOf, conditionsOf, type ValidationRule } from './rule.js';

const VIEW_ANCHOR_FIELDS = ['status', 'type', 'group_id', 'assignee_id', 'requester_id'];

/** Zendesk: a view needs at least one `all` condition on status, type, group, assignee or requester. */
export const viewAllCondition: ValidationRule = {
  name: 'view-all-condition',
  description: `a view needs a conditions.all entry on one of ${VIEW_ANCHOR_FIELDS.join(', ')}`,
  check: ({ objectsOf }) =>
    objectsOf('views')
      .filter((view) => !conditionsOf(view, 'all').some((c) => VIEW_ANCHOR_FIELDS.includes(String(c.field))))
      .map((view) =>
        error('view-all-condition', 'view has no conditions.all entry on status, type, group_id, assignee_id or requester_id', {
          address: addressOf(view),
          source: view.yaml.locate(['conditions']),
          detail: 'Zendesk rejects such a view; add e.g. {field: status, operator: less_than, value: solved} to conditions.all',
        }),
      ),
};
