import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/temp-repo.js';
import { baseEnv, runProcess } from './process.js';

const SCRIPT = path.join(REPO_ROOT, 'ci/apply-window.mjs');

const check = (window: string | undefined, now?: string) =>
  runProcess(process.execPath, [SCRIPT], {
    cwd: REPO_ROOT,
    env: { ...baseEnv(), ...(window === undefined ? {} : { ZDCTL_APPLY_WINDOW: window }), ...(now ? { ZDCTL_NOW: now } : {}) },
  });

describe('ci/apply-window.mjs: the weekend window guard', () => {
  // 2026-11-28 is a Saturday
  it.each([
    ['Sat 02:00-06:00', '2026-11-28T02:00:00Z', 0],
    ['Sat 02:00-06:00', '2026-11-28T05:59:59Z', 0],
    ['Sat 02:00-06:00', '2026-11-28T06:00:00Z', 1],
    ['Sat 02:00-06:00', '2026-11-28T01:59:00Z', 1],
    ['Sat 02:00-06:00', '2026-11-21T03:00:00Z', 0],
    ['Sat 02:00-06:00', '2026-11-29T03:00:00Z', 1],
    ['Sat 02:00-06:00', '2026-11-28T03:00:00+02:00', 1],
    ['sat 02:00-06:00, Sunday 02:00-04:00', '2026-11-29T03:30:00Z', 0],
    ['Sat 22:00-02:00', '2026-11-29T01:59:00Z', 0],
    ['Sat 22:00-02:00', '2026-11-28T21:59:00Z', 1],
    ['Sun 23:00-01:00', '2026-11-30T00:30:00Z', 0],
    ['Sat 00:00-24:00', '2026-11-28T23:59:00Z', 0],
  ])('%s at %s → exit %i', async (window, now, code) => {
    expect((await check(window, now)).code).toBe(code);
  });

  it('says where it stands inside the window', async () => {
    const inside = await check('Sat 02:00-06:00', '2026-11-28T02:14:00Z');
    expect(inside).toEqual({ code: 0, stdout: 'Apply window Sat 02:00-06:00 UTC: it is Sat 2026-11-28 02:14 UTC, inside; applying.\n', stderr: '' });
  });

  it('refuses outside it and says what to do instead', async () => {
    const outside = await check('Sat 02:00-06:00', '2026-11-30T09:30:00Z');
    expect(outside).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'Apply window Sat 02:00-06:00 UTC: it is Mon 2026-11-30 09:30 UTC, outside; nothing was applied.\n' +
        'A scheduled apply that starts late stops here; run the manual apply:emergency job to apply now.\n',
    });
  });

  it('"any" is no window (the emergency job)', async () => {
    expect(await check('any')).toEqual({ code: 0, stdout: 'Apply window: any (ZDCTL_APPLY_WINDOW=any), applying now.\n', stderr: '' });
  });

  it.each([
    [undefined, 'ZDCTL_APPLY_WINDOW is empty: expected "any" or windows like "Sat 02:00-06:00" (UTC), separated by commas\n'],
    ['weekend', 'ZDCTL_APPLY_WINDOW: cannot read "weekend": expected "any" or windows like "Sat 02:00-06:00" (UTC), separated by commas\n'],
    ['Sat 25:00-26:00', 'ZDCTL_APPLY_WINDOW: "Sat 25:00-26:00" is not a time of day: expected "any" or windows like "Sat 02:00-06:00" (UTC), separated by commas\n'],
    ['Sat 02:00-06:00, Xyz 01:00-02:00', 'ZDCTL_APPLY_WINDOW: cannot read "Xyz 01:00-02:00": expected "any" or windows like "Sat 02:00-06:00" (UTC), separated by commas\n'],
  ])('a window it cannot read (%s) is an error, never "apply anyway"', async (window, message) => {
    expect(await check(window, '2026-11-28T03:00:00Z')).toEqual({ code: 1, stdout: '', stderr: message });
  });

  it('refuses a ZDCTL_NOW that is not a time', async () => {
    expect(await check('Sat 02:00-06:00', 'saturday')).toEqual({ code: 1, stdout: '', stderr: 'ZDCTL_NOW: "saturday" is not a date and time\n' });
  });
});

describe('ci/apply-window.mjs --end: the deadline the weekend apply passes to zdctl apply', () => {
  const end = (window: string, now: string) =>
    runProcess(process.execPath, [SCRIPT, '--end'], { cwd: REPO_ROOT, env: { ...baseEnv(), ZDCTL_APPLY_WINDOW: window, ZDCTL_NOW: now } });

  it.each([
    ['Sat 02:00-06:00', '2026-11-28T02:14:33Z', '2026-11-28T06:00:00.000Z\n'],
    ['Sat 02:00-06:00', '2026-11-28T05:59:59Z', '2026-11-28T06:00:00.000Z\n'],
    ['Sat 22:00-02:00', '2026-11-29T01:00:00Z', '2026-11-29T02:00:00.000Z\n'],
    ['Sat 02:00-06:00, Sun 02:00-04:00', '2026-11-29T03:30:00Z', '2026-11-29T04:00:00.000Z\n'],
  ])('%s at %s ends at %s', async (window, now, stdout) => {
    expect(await end(window, now)).toEqual({ code: 0, stdout, stderr: '' });
  });

  it('"any": no deadline (prints nothing)', async () => {
    expect(await end('any', '2026-11-30T09:30:00Z')).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('outside the window: exit 1, nothing on stdout', async () => {
    const outside = await end('Sat 02:00-06:00', '2026-11-30T09:30:00Z');
    expect(outside.code).toBe(1);
    expect(outside.stdout).toBe('');
  });
});
