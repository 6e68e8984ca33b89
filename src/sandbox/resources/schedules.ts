import { createHoliday, deleteHoliday, HOLIDAYS_KEY, listHolidays, putWorkweek, showHoliday, updateHoliday } from '../endpoints/schedule-parts.js';
import { requiredValue } from '../rules/required-value.js';
import { timeZoneKnown } from '../rules/time-zone-known.js';
import { byCreation, type ExtraRoute, type ResourceDescriptor } from './descriptor.js';

const DAY = 24 * 60;
// Recorded (salto "Schedule 2", never updated: created_at = updated_at): a new schedule works
// Monday to Friday, 09:00-17:00, in minutes from Sunday 00:00.
const DEFAULT_INTERVALS = [1, 2, 3, 4, 5].map((day) => ({ start_time: day * DAY + 9 * 60, end_time: day * DAY + 17 * 60 }));

const BASE = 'business_hours/schedules/:id';
const routes: ExtraRoute[] = [
  { method: 'PUT', pattern: `${BASE}/workweek`, handle: (r, [id], account) => putWorkweek(schedules, account, id ?? '', r.body) },
  { method: 'GET', pattern: `${BASE}/holidays`, handle: (_r, [id], account) => listHolidays(schedules, account, id ?? '') },
  { method: 'POST', pattern: `${BASE}/holidays`, handle: (r, [id], account) => createHoliday(schedules, account, id ?? '', r.body) },
  { method: 'GET', pattern: `${BASE}/holidays/:holiday`, handle: (_r, [id, h], account) => showHoliday(schedules, account, id ?? '', h ?? '') },
  { method: 'PUT', pattern: `${BASE}/holidays/:holiday`, handle: (r, [id, h], account) => updateHoliday(schedules, account, id ?? '', h ?? '', r.body) },
  { method: 'DELETE', pattern: `${BASE}/holidays/:holiday`, handle: (_r, [id, h], account) => deleteHoliday(schedules, account, id ?? '', h ?? '') },
];

// Shape: salto business_hours/schedules (no `url`; id, name, time_zone, timestamps, intervals);
// the list carries no pagination keys. Intervals change only through `/workweek`.
export const schedules: ResourceDescriptor = {
  type: 'schedules',
  singular: 'schedule',
  idKind: 'number',
  pagination: 'none',
  unpaginated: 'bare',
  writable: ['name', 'time_zone'],
  createOnly: [],
  template: () => ({ id: null, name: null, time_zone: null, created_at: null, updated_at: null, intervals: DEFAULT_INTERVALS }),
  mirrors: [],
  listOrder: byCreation,
  rules: [requiredValue('name'), timeZoneKnown],
  referenceRules: [],
  refuseDeleteWhileUsed: true,
  hidden: [HOLIDAYS_KEY],
  nestedCollections: [{ path: 'holidays', key: HOLIDAYS_KEY }],
  routes,
  errorStyle: 'classic',
  updateMethod: 'PUT',
  createStatus: 201,
  keyInPath: false,
  destroyMany: false,
  showMany: false,
  activeList: false,
  optionEndpoints: false,
};
