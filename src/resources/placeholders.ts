/**
 * Ticket field placeholders inside texts (macro comments, notification bodies, webhook payloads).
 *
 * Zendesk writes them with the field's id: `{{ticket.ticket_field_360001}}`,
 * `{{ticket.ticket_field_option_title_360001}}` (also inside Liquid tags and with filters:
 * `{% if ticket.ticket_field_360001 == "gold" %}`). A file writes the field's title instead, in
 * brackets where the id's `_<id>` was: `{{ticket.ticket_field[Product tier]}}`,
 * `{{ticket.ticket_field_option_title[Product tier]}}`. Inside the brackets `\` escapes the next
 * character (`\]`, `\\`), so any title round-trips. Zendesk's own syntax never has `[` after these
 * names, so the two forms cannot be confused; a raw `_<id>` stays valid (escape hatch, and how an
 * id that no field has is kept). See docs/decisions.md.
 */

/** Where a placeholder sits in its text, and which of Zendesk's placeholders it is. */
export interface PlaceholderSpan {
  start: number;
  end: number;
  /** `ticket.ticket_field` or `ticket.ticket_field_option_title`. */
  placeholder: string;
}

// A title is one line: a bracket left open does not run on into the next lines of the text.
const PLACEHOLDER = /(?<![\w.])(ticket\.ticket_field(?:_option_title)?)(?:_(\d+)(?!\w)|\[((?:[^\]\\\n]|\\[^\n])*)\])/g;

/** Every field placeholder in `text`, by id or by name, in order; nothing for a value that is not a string. */
export function placeholdersIn(text: unknown): { reference: { name: string } | { rawId: string }; span: PlaceholderSpan }[] {
  if (typeof text !== 'string' || !text.includes('ticket.ticket_field')) return [];
  return [...text.matchAll(PLACEHOLDER)].map((match) => ({
    // The id stays the digits as written: an id beyond 2^53 must not change on its way through.
    reference: match[2] !== undefined ? { rawId: match[2] } : { name: unescapeName(match[3]!) },
    span: { start: match.index, end: match.index + match[0].length, placeholder: match[1]! },
  }));
}

/** `ticket.ticket_field` + `Product tier` → `ticket.ticket_field[Product tier]`. */
export function namedPlaceholder(placeholder: string, name: string): string {
  return `${placeholder}[${name.replace(/[\\\]]/g, (c) => `\\${c}`)}]`;
}

function unescapeName(written: string): string {
  return written.replace(/\\(.)/g, '$1');
}

const OPENED = /(?<![\w.])ticket\.ticket_field(?:_option_title)?\[/g;

/** Where `text` opens a named placeholder that never closes (`{{ticket.ticket_field[Product tier}}`). */
export function unclosedPlaceholders(text: unknown): number[] {
  if (typeof text !== 'string' || !text.includes('ticket.ticket_field')) return [];
  const closed = new Set(placeholdersIn(text).map(({ span }) => span.start));
  return [...text.matchAll(OPENED)].map((match) => match.index).filter((start) => !closed.has(start));
}
