import { DESCRIPTORS, MANAGED_TYPES } from '../../resources/index.js';
import { unclosedPlaceholders } from '../../resources/placeholders.js';
import { textsOf } from '../../resources/references.js';
import { warning } from '../diagnostics.js';
import { locateIn } from '../yaml-file.js';
import { addressOf, type ValidationRule } from './rule.js';

/**
 * `{{ticket.ticket_field[Product tier}}` (no `]`) is no placeholder: it would reach Zendesk as
 * literal text, and the ticket would show nothing there. A warning, not an error: Zendesk accepts
 * the text, and an account may already hold it.
 */
export const unclosedPlaceholder: ValidationRule = {
  name: 'unclosed-placeholder',
  description: 'a ticket field placeholder by title (ticket.ticket_field[Title]) has its closing ]',
  check: ({ objectsOf }) =>
    MANAGED_TYPES.flatMap((type) =>
      objectsOf(type).flatMap((object) =>
        textsOf(DESCRIPTORS[type], object.data).flatMap(({ text, path }) =>
          unclosedPlaceholders(text).map((offset) =>
            warning('unclosed-placeholder', `"${text.slice(offset).split('\n')[0]!.slice(0, 60)}" opens a field placeholder that has no closing ]`, {
              address: addressOf(object),
              source: locateIn(object.yaml, path, offset),
              detail: 'write the title in brackets, e.g. {{ticket.ticket_field[Product tier]}}; a ] or \\ inside the title is written \\] or \\\\',
            }),
          ),
        ),
      ),
    ),
};
