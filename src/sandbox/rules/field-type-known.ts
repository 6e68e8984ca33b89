import type { Rule } from '../resources/descriptor.js';

const CUSTOM_TICKET_FIELD_TYPES = [
  'text', 'textarea', 'checkbox', 'date', 'integer', 'decimal', 'regexp', 'partialcreditcard',
  'multiselect', 'tagger', 'lookup',
]; // Spec POST /ticket_fields type table: a ticket drop-down is `tagger` (every recorded one is); `dropdown` is a user / organization field type.
const CUSTOM_USER_FIELD_TYPES = ['text', 'textarea', 'checkbox', 'date', 'integer', 'decimal', 'regexp', 'dropdown', 'multiselect', 'lookup'];

function knownType(allowed: readonly string[]): Rule {
  return (candidate, { existing }) => {
    if (existing) return [];
    if (typeof candidate.type === 'string' && allowed.includes(candidate.type)) return [];
    return [{ field: 'type', description: `Type: is not valid`, error: 'InvalidValue' }];
  };
}

export const ticketFieldTypeKnown = knownType(CUSTOM_TICKET_FIELD_TYPES);
export const userFieldTypeKnown = knownType(CUSTOM_USER_FIELD_TYPES);
