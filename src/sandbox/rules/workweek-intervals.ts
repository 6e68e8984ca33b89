import type { Violation } from '../http.js';
import { isObject } from '../model.js';

// Minutes from Sunday 00:00 to the next Sunday 00:00.
const WEEK = 7 * 24 * 60;

/**
 * A workweek's intervals (`PUT /business_hours/schedules/{id}/workweek`): whole minutes from Sunday
 * 00:00, each starting before it ends, inside one week, none overlapping another, at least one.
 * Assumed, no recording of a refusal: the checks and their wording.
 */
export function workweekViolations(intervals: unknown): Violation[] {
  if (!Array.isArray(intervals) || intervals.length === 0) {
    return [{ field: 'intervals', description: 'Intervals: cannot be blank', error: 'BlankValue' }];
  }
  const problems: string[] = [];
  const valid: Array<[number, number]> = [];
  intervals.forEach((interval, index) => {
    const start = isObject(interval) ? interval.start_time : undefined;
    const end = isObject(interval) ? interval.end_time : undefined;
    if (!Number.isInteger(start) || !Number.isInteger(end)) problems.push(`interval ${index}: start_time and end_time must be whole minutes`);
    else if ((start as number) < 0 || (end as number) > WEEK) problems.push(`interval ${index}: must lie within 0 and ${WEEK}`);
    else if ((start as number) >= (end as number)) problems.push(`interval ${index}: start_time must be before end_time`);
    else valid.push([start as number, end as number]);
  });
  valid.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < valid.length; i++) {
    if (valid[i]![0] < valid[i - 1]![1]) problems.push(`intervals ${valid[i - 1]!.join('-')} and ${valid[i]!.join('-')} overlap`);
  }
  return problems.map((p) => ({ field: 'intervals', description: `Intervals: ${p}`, error: 'InvalidValue' }));
}
