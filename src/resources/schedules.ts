import { OCCURRENCE_KEY } from './identity.js';
import { COMMON_READ_ONLY } from './common.js';
import type { ResourceDescriptor } from './types.js';

// Zendesk writes a workweek as intervals in minutes from Sunday 00:00 (salto: 1980 = Monday 09:00);
// a file writes each weekday's hours (docs/FORMAT.md).
const DAY = 24 * 60;
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
const FILE_ORDER = [...WEEKDAYS.slice(1), WEEKDAYS[0]];

interface Minutes {
  start_time: number;
  end_time: number;
}
interface Hours {
  start: string;
  end: string;
}

const minutesOf = (time: string): number => {
  const [hours, minutes] = time.split(':').map(Number);
  return hours! * 60 + minutes!;
};
const timeOf = (minutes: number): string => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** Weekday hours → Zendesk's intervals, sorted; intervals that touch (also across midnight) are one, as Zendesk keeps them. */
export function weekdayHoursToIntervals(week: Record<string, unknown>): Minutes[] {
  const intervals = WEEKDAYS.flatMap((day, index) =>
    ((week[day] as Hours[] | undefined) ?? []).map((hours) => ({ start_time: index * DAY + minutesOf(hours.start), end_time: index * DAY + minutesOf(hours.end) })),
  ).sort((a, b) => a.start_time - b.start_time);
  const merged: Minutes[] = [];
  for (const interval of intervals) {
    const last = merged.at(-1);
    if (last && last.end_time === interval.start_time) last.end_time = interval.end_time;
    else merged.push({ ...interval });
  }
  return merged;
}

/** Zendesk's intervals → weekday hours, an interval that runs past midnight split in two ("24:00", "00:00"); closed days left out. */
export function intervalsToWeekdayHours(intervals: readonly Minutes[]): Record<string, Hours[]> {
  const byDay = new Map<string, Hours[]>();
  for (const { start_time, end_time } of [...intervals].sort((a, b) => a.start_time - b.start_time)) {
    for (let start = start_time; start < end_time; ) {
      const day = Math.floor(start / DAY);
      const end = Math.min(end_time, (day + 1) * DAY);
      const name = WEEKDAYS[day % 7]!;
      byDay.set(name, [...(byDay.get(name) ?? []), { start: timeOf(start - day * DAY), end: timeOf(end - day * DAY) }]);
      start = end;
    }
  }
  return Object.fromEntries(FILE_ORDER.filter((day) => byDay.has(day)).map((day) => [day, byDay.get(day)!]));
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Business-hours schedules: managed where instance.yaml lists `schedules` under `manage:`, otherwise looked up by name. */
export const schedules: ResourceDescriptor = {
  type: 'schedules',
  singular: 'schedule',
  plural: 'schedules',
  apiPath: 'business_hours/schedules',
  // salto business_hours/schedules: the list carries no pagination keys.
  paging: 'none',
  naturalKey: 'name',
  renameKey: 'previous_name',
  referencedAs: 'Schedule',
  readOnly: COMMON_READ_ONLY,
  localOnly: ['previous_name', OCCURRENCE_KEY],
  references: [],
  defaults: {},
  dependsOn: [],
  updateMethod: 'PUT',
  ordering: { kind: 'none' },
  bulk: { updateMany: false, destroyMany: false },
  hasOptions: false,
  optIn: true,
  adaptLive: (live) => (Array.isArray(live.intervals) ? { ...live, intervals: intervalsToWeekdayHours(live.intervals as Minutes[]) } : live),
  adaptFile: (payload) => (isRecord(payload.intervals) ? { ...payload, intervals: weekdayHoursToIntervals(payload.intervals) } : payload),
  // Zendesk: the schedule's own PUT takes name and time zone; the workweek is replaced at {id}/workweek.
  separateKeys: [{ key: 'intervals', path: 'workweek', envelope: 'workweek' }],
  // Holidays are not in the schedule's read: one list read per schedule (salto holidays).
  subCollections: [
    { key: 'holidays', matchKey: 'name', path: 'holidays', singular: 'holiday', plural: 'holidays', read: 'listed', createdWithParent: false, readOnly: ['id', 'url'], defaults: {} },
  ],
  isSystem: () => false,
};
