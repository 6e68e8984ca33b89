import { describe, expect, it } from 'vitest';
import { fileToApi, liveToFile } from '../../src/resources/file-form.js';
import { DESCRIPTORS } from '../../src/resources/index.js';
import { NameIndex } from '../../src/resources/live.js';
import { namedPlaceholder, placeholdersIn } from '../../src/resources/placeholders.js';
import { findReferences } from '../../src/resources/references.js';

function names(): NameIndex {
  const index = new NameIndex();
  index.add('Field', 101, 'Product tier');
  index.add('Field', 102, 'Odd ] title \\ with {{dc.x}}');
  index.add('Webhook', 'W1', 'Slack');
  return index;
}

const liveMacro = {
  id: 1,
  title: 'Tier reply',
  actions: [
    {
      field: 'comment_value_html',
      value: '<p>Tier: {{ticket.ticket_field_101}} ({{ticket.ticket_field_option_title_101}})</p>{% if ticket.ticket_field_101 == "gold" %}VIP{% endif %} {{ticket.ticket_field_102 | upcase}} {{ticket.ticket_field_999}}',
    },
    { field: 'subject', value: 'About {{ticket.ticket_field_option_title_101}}' },
  ],
};

const fileMacro = {
  title: 'Tier reply',
  actions: [
    {
      field: 'comment_value_html',
      value:
        '<p>Tier: {{ticket.ticket_field[Product tier]}} ({{ticket.ticket_field_option_title[Product tier]}})</p>{% if ticket.ticket_field[Product tier] == "gold" %}VIP{% endif %} {{ticket.ticket_field[Odd \\] title \\\\ with {{dc.x}}] | upcase}} {{ticket.ticket_field_999}}',
    },
    { field: 'subject', value: 'About {{ticket.ticket_field_option_title[Product tier]}}' },
  ],
};

describe('ticket field placeholders in texts', () => {
  it('finds placeholders by id and by name, with where each sits in the text', () => {
    const text = 'a {{ticket.ticket_field_7}} b {{ticket.ticket_field_option_title[Tier \\]x]}}';
    expect(placeholdersIn(text)).toEqual([
      { reference: { rawId: '7' }, span: { start: 4, end: 25, placeholder: 'ticket.ticket_field' } },
      { reference: { name: 'Tier ]x' }, span: { start: 32, end: 74, placeholder: 'ticket.ticket_field_option_title' } },
    ]);
    expect(placeholdersIn(text).map(({ span }) => text.slice(span.start, span.end))).toEqual(['ticket.ticket_field_7', 'ticket.ticket_field_option_title[Tier \\]x]']);
  });

  it('leaves look-alikes alone: other placeholders, longer names, unclosed brackets', () => {
    for (const text of ['{{ticket.ticket_field_12abc}}', '{{my.ticket.ticket_field_1}}', '{{ticket.ticket_form_id}}', '{{ticket.ticket_field[never closed}}', '{{ticket.requester.custom_fields.tier}}', 42, null]) {
      expect(placeholdersIn(text)).toEqual([]);
    }
  });

  it('keeps an id no field has exactly as written, however long', () => {
    const macro = { title: 'x', actions: [{ field: 'comment_value', value: '{{ticket.ticket_field_12345678901234567890}}' }] };
    const { object, unnamed } = liveToFile(DESCRIPTORS.macros, macro, names());
    expect(object.actions).toEqual(macro.actions);
    expect(unnamed.map((r) => r.rawId)).toEqual(['12345678901234567890']);
    expect(fileToApi(DESCRIPTORS.macros, object, names()).payload.actions).toEqual(macro.actions);
  });

  it('escapes ] and \\ in a title so that any title round-trips', () => {
    const title = 'a]b\\c[d';
    const written = namedPlaceholder('ticket.ticket_field', title);
    expect(written).toBe('ticket.ticket_field[a\\]b\\\\c[d]');
    expect(placeholdersIn(`{{${written}}}`)[0]!.reference).toEqual({ name: title });
  });

  it('live → file writes names (an id no field has stays, reported as unnamed), file → API writes ids back exactly', () => {
    const { object, unnamed } = liveToFile(DESCRIPTORS.macros, liveMacro, names());
    expect(object.actions).toEqual(fileMacro.actions);
    expect(unnamed.map((r) => [r.path.join('.'), r.rawId])).toEqual([['actions.0.value', '999']]);
    const { payload, missing } = fileToApi(DESCRIPTORS.macros, object, names());
    expect(missing).toEqual([]);
    expect(payload.actions).toEqual(liveMacro.actions);
  });

  it('writes the ids of the instance it sends to', () => {
    const other = new NameIndex();
    other.add('Field', 5001, 'Product tier');
    other.add('Field', 5002, 'Odd ] title \\ with {{dc.x}}');
    const { payload } = fileToApi(DESCRIPTORS.macros, fileMacro, other);
    expect((payload.actions as { value: string }[])[1]!.value).toBe('About {{ticket.ticket_field_option_title_5001}}');
    expect((payload.actions as { value: string }[])[0]!.value).toContain('{{ticket.ticket_field_5002 | upcase}}');
  });

  it('reports a name no field has as missing, and sends nothing for it', () => {
    const { missing } = fileToApi(DESCRIPTORS.macros, { title: 'x', actions: [{ field: 'comment_value', value: 'T: {{ticket.ticket_field[Nope]}}' }] }, names());
    expect(missing.map((r) => [r.kind, r.name, r.path.join('.')])).toEqual([['Field', 'Nope', 'actions.0.value']]);
  });

  it('reads notification subjects, bodies and webhook payloads of triggers, not the recipient slot', () => {
    const trigger = {
      title: 't',
      actions: [
        { field: 'notification_user', value: ['requester_id', 'Re {{ticket.ticket_field[Product tier]}}', 'Body {{ticket.ticket_field_101}}'] },
        { field: 'notification_webhook', value: ['Webhook: Slack', '{"tier": "{{ticket.ticket_field[Product tier]}}"}'] },
      ],
    };
    const found = findReferences(DESCRIPTORS.triggers, trigger).filter((r) => r.inText);
    expect(found.map((r) => [r.path.join('.'), r.name ?? r.rawId])).toEqual([
      ['actions.0.value.1', 'Product tier'],
      ['actions.0.value.2', '101'],
      ['actions.1.value.1', 'Product tier'],
    ]);
    const { payload } = fileToApi(DESCRIPTORS.triggers, trigger, names());
    expect(payload.actions).toEqual([
      { field: 'notification_user', value: ['requester_id', 'Re {{ticket.ticket_field_101}}', 'Body {{ticket.ticket_field_101}}'] },
      { field: 'notification_webhook', value: ['W1', '{"tier": "{{ticket.ticket_field_101}}"}'] },
    ]);
  });

  it('leaves titles and conditions as they are (a title is the identity)', () => {
    const view = { title: 'By {{ticket.ticket_field_101}}', conditions: { all: [{ field: 'status', operator: 'is', value: '{{ticket.ticket_field_101}}' }] } };
    expect(findReferences(DESCRIPTORS.views, view)).toEqual([]);
  });
});
