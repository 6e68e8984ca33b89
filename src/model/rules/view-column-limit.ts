import { error } from '../diagnostics.js';
import { addressOf, type ValidationRule } from './rule.js';

export const MAX_VIEW_COLUMNS = 10;

/** Zendesk: a view shows at most 10 columns. */
export const viewColumnLimit: ValidationRule = {
  name: 'view-column-limit',
  description: `a view has at most ${MAX_VIEW_COLUMNS} columns`,
  check: ({ objectsOf }) =>
    objectsOf('views').flatMap((view) => {
      const columns = (view.data.output as { columns?: unknown[] } | undefined)?.columns ?? [];
      return columns.length > MAX_VIEW_COLUMNS
        ? [
            error('view-column-limit', `view has ${columns.length} columns; Zendesk allows ${MAX_VIEW_COLUMNS}`, {
              address: addressOf(view),
              source: view.yaml.locate(['output', 'columns', MAX_VIEW_COLUMNS]),
              detail: `remove ${columns.length - MAX_VIEW_COLUMNS} of them`,
            }),
          ]
        : [];
    }),
};
