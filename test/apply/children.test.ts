import { describe, expect, it } from 'vitest';
import { childWrites } from '../../src/apply/children.js';
import { DESCRIPTORS } from '../../src/resources/index.js';
import { intervalsToWeekdayHours, weekdayHoursToIntervals } from '../../src/resources/schedules.js';

const variants = DESCRIPTORS.dynamic_content.subCollections![0]!;

describe('child writes (sub-collections)', () => {
  it('creates, then updates, then deletes; the child taking the default first; default: false never sent', () => {
    const live = [
      { id: 11, locale_id: 1, content: 'Hello', default: true, active: true, outdated: false },
      { id: 12, locale_id: 2, content: 'Hola', default: false, active: true },
      { id: 13, locale_id: 8, content: 'Hallo', default: false, active: true },
    ];
    const desired = [
      { locale_id: 1, content: 'Hello!' },
      { locale_id: 2, content: 'Hola', default: true },
      { locale_id: 16, content: 'Bonjour' },
    ];
    expect(childWrites(variants, desired, live)).toEqual([
      { method: 'POST', body: { locale_id: 16, content: 'Bonjour', active: true }, match: '16' },
      { method: 'PUT', id: 12, body: { locale_id: 2, content: 'Hola', default: true, active: true }, match: '2' },
      { method: 'PUT', id: 11, body: { locale_id: 1, content: 'Hello!', active: true }, match: '1' },
      { method: 'DELETE', id: 13, match: '8' },
    ]);
  });

  it('nothing for children equal to the live ones once defaults are filled in, in any order', () => {
    const live = [
      { id: 12, locale_id: 2, content: 'Hola', default: false, active: true },
      { id: 11, locale_id: 1, content: 'Hello', default: true, active: true },
    ];
    expect(childWrites(variants, [{ locale_id: 1, content: 'Hello', default: true }, { locale_id: 2, content: 'Hola' }], live)).toEqual([]);
  });
});

describe('weekday hours ↔ minutes of the week', () => {
  it('joins intervals that touch, across midnight too, and splits them back at midnight', () => {
    const week = { friday: [{ start: '13:00', end: '24:00' }], saturday: [{ start: '00:00', end: '02:00' }], monday: [{ start: '09:00', end: '12:00' }, { start: '12:00', end: '17:30' }] };
    const minutes = weekdayHoursToIntervals(week);
    expect(minutes).toEqual([
      { start_time: 1440 + 540, end_time: 1440 + 1050 },
      { start_time: 5 * 1440 + 780, end_time: 6 * 1440 + 120 },
    ]);
    expect(intervalsToWeekdayHours(minutes)).toEqual({
      monday: [{ start: '09:00', end: '17:30' }],
      friday: [{ start: '13:00', end: '24:00' }],
      saturday: [{ start: '00:00', end: '02:00' }],
    });
  });

  it('round-trips every interval Zendesk can hold (whole minutes within the week)', () => {
    for (let start = 0; start < 7 * 1440; start += 97) {
      const end = Math.min(7 * 1440, start + 1 + ((start * 31) % 3000));
      const intervals = [{ start_time: start, end_time: end }];
      expect(weekdayHoursToIntervals(intervalsToWeekdayHours(intervals))).toEqual(intervals);
    }
  });
});
