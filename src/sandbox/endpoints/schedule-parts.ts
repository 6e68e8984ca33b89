import { find, invalid, type Account } from '../crud.js';
import { ApiError, json, noContent, parameterMissing, recordNotFound, type ApiResponse } from '../http.js';
import { isObject, type ApiObject } from '../model.js';
import type { ResourceDescriptor } from '../resources/descriptor.js';
import { holidayViolations } from '../rules/holiday-dates.js';
import { workweekViolations } from '../rules/workweek-intervals.js';

/** A schedule's holidays, kept on the stored schedule under a hidden key (a schedule read never shows them). */
export const HOLIDAYS_KEY = 'holidays';
const HOLIDAY_KEYS = ['name', 'start_date', 'end_date'] as const;

const holidaysOf = (schedule: ApiObject): ApiObject[] =>
  Array.isArray(schedule[HOLIDAYS_KEY]) ? schedule[HOLIDAYS_KEY].filter(isObject) : [];

/** Stores the schedule with a change; the schedule's `updated_at` moves (salto: schedules updated the day their holiday was added). */
function save(d: ResourceDescriptor, account: Account, schedule: ApiObject, change: ApiObject): void {
  account.store.put(d.type, { ...schedule, ...change, updated_at: account.store.timestamp() });
  account.changed();
}

function rootOf(body: unknown, key: string): ApiObject {
  const root = isObject(body) ? body[key] : undefined;
  if (!isObject(root)) throw new ApiError(parameterMissing(key));
  return root;
}

/** `PUT /business_hours/schedules/{id}/workweek` with `{"workweek":{"intervals":[...]}}`: replaces the intervals, answers them sorted. */
export function putWorkweek(d: ResourceDescriptor, account: Account, segment: string, body: unknown): ApiResponse {
  const schedule = find(d, account, segment);
  const { intervals } = rootOf(body, 'workweek');
  const problems = workweekViolations(intervals);
  if (problems.length > 0) throw invalid(d, problems);
  const sorted = (intervals as ApiObject[])
    .map((i) => ({ start_time: i.start_time as number, end_time: i.end_time as number }))
    .sort((a, b) => a.start_time - b.start_time);
  save(d, account, schedule, { intervals: sorted });
  return json(200, { workweek: { intervals: sorted } });
}

/** `GET .../holidays`: recorded (salto) as `{"holidays":[...]}` with no pagination keys. */
export function listHolidays(d: ResourceDescriptor, account: Account, segment: string): ApiResponse {
  return json(200, { holidays: holidaysOf(find(d, account, segment)) });
}

function holiday(d: ResourceDescriptor, account: Account, segment: string, holidayId: string) {
  const schedule = find(d, account, segment);
  const holidays = holidaysOf(schedule);
  const found = holidays.find((h) => String(h.id) === holidayId);
  if (!found) throw new ApiError(recordNotFound());
  return { schedule, holidays, found };
}

export function showHoliday(d: ResourceDescriptor, account: Account, segment: string, holidayId: string): ApiResponse {
  return json(200, { holiday: holiday(d, account, segment, holidayId).found });
}

function picked(given: ApiObject): ApiObject {
  return Object.fromEntries(HOLIDAY_KEYS.filter((key) => key in given).map((key) => [key, given[key]]));
}

export function createHoliday(d: ResourceDescriptor, account: Account, segment: string, body: unknown): ApiResponse {
  const schedule = find(d, account, segment);
  const created: ApiObject = { id: account.store.newId(), name: null, start_date: null, end_date: null, ...picked(rootOf(body, 'holiday')) };
  const problems = holidayViolations(created);
  if (problems.length > 0) throw invalid(d, problems);
  save(d, account, schedule, { [HOLIDAYS_KEY]: [...holidaysOf(schedule), created] });
  return json(201, { holiday: created });
}

export function updateHoliday(d: ResourceDescriptor, account: Account, segment: string, holidayId: string, body: unknown): ApiResponse {
  const { schedule, holidays, found } = holiday(d, account, segment, holidayId);
  const updated = { ...found, ...picked(rootOf(body, 'holiday')) };
  const problems = holidayViolations(updated);
  if (problems.length > 0) throw invalid(d, problems);
  save(d, account, schedule, { [HOLIDAYS_KEY]: holidays.map((h) => (h === found ? updated : h)) });
  return json(200, { holiday: updated });
}

export function deleteHoliday(d: ResourceDescriptor, account: Account, segment: string, holidayId: string): ApiResponse {
  const { schedule, holidays, found } = holiday(d, account, segment, holidayId);
  save(d, account, schedule, { [HOLIDAYS_KEY]: holidays.filter((h) => h !== found) });
  return noContent();
}
