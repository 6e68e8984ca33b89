#!/usr/bin/env node
// Guards the scheduled apply: exits 0 inside the apply window, 1 outside it (or when the window
// cannot be read), so a weekend-apply pipeline that starts late — a busy runner, a schedule
// edited by mistake, someone pressing "Run" on Tuesday — applies nothing.
//
//   ZDCTL_APPLY_WINDOW  "Sat 02:00-06:00" (UTC); several: "Sat 02:00-06:00, Sun 02:00-04:00";
//                       a window may pass midnight ("Sat 22:00-02:00" ends Sunday 02:00);
//                       "any": no window (the manual emergency job).
//   ZDCTL_NOW           optional ISO time to use instead of the clock (dry runs, tests).
//
// With --end it prints only the end of the window it is in (ISO 8601, UTC), for apply --deadline:
// nothing for "any", exit 1 outside a window. The window then holds for the whole apply.

import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const WEEK = 7 * 24 * 60;
const FORMAT = 'expected "any" or windows like "Sat 02:00-06:00" (UTC), separated by commas';

/** Parses the window setting into [{label, start, minutes}] (start: minute of the week, Sunday 00:00 = 0), or 'any'. */
export function parseWindows(spec) {
  const text = (spec ?? '').trim();
  if (text.toLowerCase() === 'any') return 'any';
  if (text === '') throw new Error(`ZDCTL_APPLY_WINDOW is empty: ${FORMAT}`);
  return text.split(',').map((part) => {
    const match = /^([A-Za-z]{3})[a-z]*\s+(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/.exec(part.trim());
    const day = match ? DAYS.indexOf(match[1].toLowerCase()) : -1;
    if (!match || day < 0) throw new Error(`ZDCTL_APPLY_WINDOW: cannot read "${part.trim()}": ${FORMAT}`);
    const [from, to] = [[match[2], match[3]], [match[4], match[5]]].map(([h, m]) => Number(h) * 60 + Number(m));
    if (from >= 24 * 60 || to > 24 * 60 || Number(match[3]) > 59 || Number(match[5]) > 59) {
      throw new Error(`ZDCTL_APPLY_WINDOW: "${part.trim()}" is not a time of day: ${FORMAT}`);
    }
    const minutes = to > from ? to - from : to + 24 * 60 - from;
    const label = `${capital(DAYS[day])} ${match[2].padStart(2, '0')}:${match[3]}-${match[4].padStart(2, '0')}:${match[5]}`;
    return { label, start: day * 24 * 60 + from, minutes };
  });
}

/** The window that `date` falls in, or undefined. */
export function windowAt(windows, date) {
  const now = date.getUTCDay() * 24 * 60 + date.getUTCHours() * 60 + date.getUTCMinutes();
  return windows.find((w) => (((now - w.start) % WEEK) + WEEK) % WEEK < w.minutes);
}

/** When the window that `date` falls in closes. */
export function windowEnd(window, date) {
  const minute = Math.floor(date.getTime() / 60_000);
  const now = date.getUTCDay() * 24 * 60 + date.getUTCHours() * 60 + date.getUTCMinutes();
  const into = (((now - window.start) % WEEK) + WEEK) % WEEK;
  return new Date((minute - into + window.minutes) * 60_000);
}

function capital(word) {
  return word[0].toUpperCase() + word.slice(1);
}

function describe(date) {
  return `${capital(DAYS[date.getUTCDay()])} ${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function main(env, args) {
  const endOnly = args.includes('--end');
  let windows;
  try {
    windows = parseWindows(env.ZDCTL_APPLY_WINDOW);
  } catch (error) {
    process.stderr.write(`${error.message}\n`);
    return 1;
  }
  if (windows === 'any') {
    if (endOnly) return 0;
    process.stdout.write('Apply window: any (ZDCTL_APPLY_WINDOW=any), applying now.\n');
    return 0;
  }
  const now = env.ZDCTL_NOW ? new Date(env.ZDCTL_NOW) : new Date();
  if (Number.isNaN(now.getTime())) {
    process.stderr.write(`ZDCTL_NOW: "${env.ZDCTL_NOW}" is not a date and time\n`);
    return 1;
  }
  const names = windows.map((w) => w.label).join(', ');
  const inside = windowAt(windows, now);
  if (inside && endOnly) {
    process.stdout.write(`${windowEnd(inside, now).toISOString()}\n`);
    return 0;
  }
  if (inside) {
    process.stdout.write(`Apply window ${inside.label} UTC: it is ${describe(now)}, inside; applying.\n`);
    return 0;
  }
  process.stderr.write(
    `Apply window ${names} UTC: it is ${describe(now)}, outside; nothing was applied.\n` +
      'A scheduled apply that starts late stops here; run the manual apply:emergency job to apply now.\n',
  );
  return 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) process.exitCode = main(process.env, process.argv.slice(2));
