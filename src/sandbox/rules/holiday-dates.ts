import type { Violation } from '../http.js';
import type { ApiObject } from '../model.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function isDate(value: unknown): value is string {
  return typeof value === 'string' && DATE.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
}

/** A holiday has a name and real `YYYY-MM-DD` dates, the end not before the start (assumed wording, no recording). */
export function holidayViolations(holiday: ApiObject): Violation[] {
  const problems: Violation[] = [];
  if (typeof holiday.name !== 'string' || holiday.name.trim() === '') problems.push({ field: 'name', description: 'Name: cannot be blank', error: 'BlankValue' });
  for (const key of ['start_date', 'end_date']) {
    if (!isDate(holiday[key])) problems.push({ field: key, description: `${key === 'start_date' ? 'Start' : 'End'} date: is not a date (YYYY-MM-DD)`, error: 'InvalidValue' });
  }
  if (isDate(holiday.start_date) && isDate(holiday.end_date) && holiday.end_date < holiday.start_date) {
    problems.push({ field: 'end_date', description: 'End date: must not be before the start date', error: 'InvalidValue' });
  }
  return problems;
}
