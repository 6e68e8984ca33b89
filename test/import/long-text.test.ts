import { describe, expect, it } from 'vitest';
import { extractLongTexts, isLongText, LONG_TEXT_CHARS } from '../../src/import/long-text.js';

const longLine = 'a'.repeat(LONG_TEXT_CHARS + 1);

describe('isLongText', () => {
  it.each([
    ['one short line', false],
    ['a'.repeat(LONG_TEXT_CHARS), false],
    [longLine, true],
    ['two\nlines', true],
  ])('%j → %s', (text, long) => expect(isLongText(text)).toBe(long));
});

describe('extractLongTexts', () => {
  const macro = {
    title: 'Reply',
    actions: [
      { field: 'comment_value', value: 'Hi,\n\nthanks.' },
      { field: 'comment_value_html', value: '<p>short</p>' },
      { field: 'notification_webhook', value: ['Webhook: Slack', '{"text": "{{ticket.title}}"}\n'] },
      { field: 'notification_target', value: ['Target: Status page', 'not json {{x}}\n'] },
      { field: 'notification_user', value: ['requester_id', 'Subject stays inline even if it is long', longLine] },
      { field: 'status', value: 'solved' },
    ],
  };

  it('moves bodies with a line break or over the threshold to content/<type>/<file>[-n].<ext>, subjects stay', () => {
    const { object, files } = extractLongTexts(macro, undefined, 'macros', 'reply', new Set(['content/macros/reply-2.json']));
    expect(object.actions).toEqual([
      { field: 'comment_value', value: { file: 'content/macros/reply.md' } },
      { field: 'comment_value_html', value: '<p>short</p>' },
      { field: 'notification_webhook', value: ['Webhook: Slack', { file: 'content/macros/reply.json' }] },
      { field: 'notification_target', value: ['Target: Status page', { file: 'content/macros/reply.txt' }] },
      { field: 'notification_user', value: ['requester_id', 'Subject stays inline even if it is long', { file: 'content/macros/reply-2.md' }] },
      { field: 'status', value: 'solved' },
    ]);
    expect(files).toEqual([
      { path: 'content/macros/reply.md', text: 'Hi,\n\nthanks.' },
      { path: 'content/macros/reply.json', text: '{"text": "{{ticket.title}}"}\n' },
      { path: 'content/macros/reply.txt', text: 'not json {{x}}\n' },
      { path: 'content/macros/reply-2.md', text: longLine },
    ]);
  });

  it('keeps a body where the existing file keeps it, even a short one', () => {
    const existing = { actions: [{ field: 'comment_value', value: { file: 'content/emails/reply.md' } }, { field: 'comment_value_html', value: { file: 'content/html/short.html' } }] };
    const { object, files } = extractLongTexts({ actions: macro.actions.slice(0, 2) }, existing, 'macros', 'reply', new Set());
    expect(object.actions).toEqual(existing.actions);
    expect(files).toEqual([
      { path: 'content/emails/reply.md', text: 'Hi,\n\nthanks.' },
      { path: 'content/html/short.html', text: '<p>short</p>' },
    ]);
  });
});
