import { error, type Diagnostic } from '../diagnostics.js';
import type { DesiredObject } from '../instance.js';
import { addressOf, type ValidationRule } from './rule.js';

type Hours = { start?: unknown; end?: unknown };
const minutesOf = (time: unknown): number => {
  const [hours, minutes] = String(time).split(':').map(Number);
  return hours! * 60 + minutes!;
};

function problemsOf(schedule: DesiredObject): Diagnostic[] {
  const week = schedule.data.intervals;
  if (typeof week !== 'object' || week === null) return [];
  const days = Object.entries(week as Record<string, unknown>).filter((entry): entry is [string, Hours[]] => Array.isArray(entry[1]));
  const found: Diagnostic[] = [];
  const at = (path: (string | number)[], summary: string, detail: string) => found.push(error('schedule-hours', summary, { address: addressOf(schedule), source: schedule.yaml.locate(path), detail }));
  if (days.every(([, hours]) => hours.length === 0)) {
    at(['intervals'], 'a schedule needs open hours on at least one day', 'Zendesk keeps a workweek of at least one interval; a schedule that is never open is no schedule');
  }
  for (const [day, hours] of days) {
    hours.forEach((interval, index) => {
      if (minutesOf(interval.end) <= minutesOf(interval.start)) {
        at(['intervals', day, index, 'end'], `${day}: ${String(interval.start)}-${String(interval.end)} ends before it starts`, 'end is later than start on the same day; "24:00" is midnight, and hours past it go to the next day, from "00:00"');
      }
      const earlier = hours.slice(0, index).find((other) => minutesOf(other.start) < minutesOf(interval.end) && minutesOf(interval.start) < minutesOf(other.end));
      if (earlier) {
        at(['intervals', day, index], `${day}: ${String(interval.start)}-${String(interval.end)} overlaps ${String(earlier.start)}-${String(earlier.end)}`, 'Zendesk refuses overlapping intervals; write them as one');
      }
    });
  }
  return found;
}

/** A schedule's weekday hours as Zendesk's workweek takes them: each interval ends after it starts, none overlaps another, at least one. */
export const scheduleHours: ValidationRule = {
  name: 'schedule-hours',
  description: 'business hours: each interval ends after it starts, none overlaps another, at least one open interval',
  check: ({ objectsOf }) => objectsOf('schedules').flatMap(problemsOf),
};
