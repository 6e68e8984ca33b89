import type { Violation } from '../http.js';
import type { Rule } from '../resources/descriptor.js';
import { tagsOf } from './options.js';

/**
 * README: "tags must be unique across fields (422 on details.base)". Among active fields only: the salto
 * recording holds an active and an inactive "Product components" field with the same option values.
 * Assumed (no recording of the write): an inactive field may share tags, activating it is refused.
 */
export const uniqueTicketFieldTags: Rule = (candidate, { store }) => {
  const problems: Violation[] = [];
  if (candidate.active === false) return problems;
  for (const tag of new Set(tagsOf(candidate))) {
    // The store's tag index, not a scan of every option of every field. The last other field in
    // table order names the owner (what the scan reported when seeded data held a tag twice).
    const others = store.ticketFieldsWithTag(tag).filter((other) => String(other.id) !== String(candidate.id) && other.active !== false);
    const last = others[others.length - 1];
    const owner = last === undefined ? undefined : String(last.title);
    if (owner !== undefined) {
      problems.push({
        field: 'base',
        description: `The tag "${tag}" is already in use by the ticket field "${owner}"`,
        error: 'DuplicateValue',
      });
    }
  }
  return problems;
};
