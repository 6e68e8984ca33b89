import type { Violation } from '../http.js';
import type { Rule } from '../resources/descriptor.js';
import { tagsOf } from './options.js';

/** README: "tags must be unique across fields (422 on details.base)". Inactive fields still own their tags. */
export const uniqueTicketFieldTags: Rule = (candidate, { store }) => {
  const taken = new Map<string, string>();
  for (const other of store.all('ticket_fields')) {
    if (String(other.id) === String(candidate.id)) continue;
    for (const tag of tagsOf(other)) taken.set(tag, String(other.title));
  }
  const problems: Violation[] = [];
  for (const tag of new Set(tagsOf(candidate))) {
    const owner = taken.get(tag);
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
