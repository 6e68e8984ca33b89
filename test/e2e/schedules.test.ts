import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import { tempRepo, type TempRepo } from '../helpers/temp-repo.js';
import { sandboxFor, withoutLock, zdctl } from '../helpers/zdctl.js';

// Business-hours schedules where instance.yaml opts in: weekday hours in the file, minutes of the
// week at Zendesk (PUT {id}/workweek), holidays a sub-collection read per schedule.
const SCHEDULE = `name: Support hours
time_zone: Eastern Time (US & Canada)
intervals:
  monday: [{start: "08:00", end: "18:00"}]
  friday:
    - {start: "08:00", end: "12:00"}
    - {start: "13:00", end: "24:00"}
  saturday: [{start: "00:00", end: "02:00"}]
  sunday: []
holidays:
  - {name: Christmas, start_date: "2026-12-25", end_date: "2026-12-25"}
  - {name: New year, start_date: "2027-01-01", end_date: "2027-01-01"}
`;
const TRIGGER = `title: Business hours
conditions:
  all:
    - {field: update_type, operator: is, value: Create}
actions:
  - {field: set_schedule, value: "Schedule: Support hours"}
`;
const MANAGED = 'subdomain: acme\nmanage: [schedules]\n';

let stage: { sandbox: Sandbox; env: NodeJS.ProcessEnv };
let repo: TempRepo;

beforeAll(async () => {
  stage = await sandboxFor();
  repo = tempRepo({
    'instances/src/instance.yaml': MANAGED,
    'instances/src/schedules/support-hours.yaml': SCHEDULE,
    'instances/src/triggers/business-hours.yaml': TRIGGER,
    'instances/copy/instance.yaml': MANAGED,
  });
});
afterAll(async () => {
  await stage.sandbox.stop();
  repo.remove();
});

const run = (...argv: string[]) => zdctl(argv, { cwd: repo.dir, env: stage.env });
const DAY = 1440;
const writesSince = (before: number) => withoutLock(stage.sandbox.requests.slice(before)).filter((r) => r.method !== 'GET');

describe('business-hours schedules', () => {
  it('create: the schedule, its workweek in minutes (touching intervals joined across midnight), its holidays; the trigger naming it waits', async () => {
    const before = stage.sandbox.requests.length;
    const applied = await run('apply', '--instance', 'src', '--auto-approve');
    expect(applied.stdout).toMatch(/^Apply complete: 2 applied, 0 failed, 0 skipped\.$/m);
    const [schedule] = stage.sandbox.dump().schedules!;
    const id = String(schedule!.id);
    const writes = writesSince(before);
    expect(writes.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /api/v2/business_hours/schedules',
      `PUT /api/v2/business_hours/schedules/${id}/workweek`,
      `POST /api/v2/business_hours/schedules/${id}/holidays`,
      `POST /api/v2/business_hours/schedules/${id}/holidays`,
      'POST /api/v2/triggers',
    ]);
    expect(writes[0]!.body).toEqual({ schedule: { name: 'Support hours', time_zone: 'Eastern Time (US & Canada)' } });
    expect(writes[1]!.body).toEqual({
      workweek: {
        intervals: [
          { start_time: DAY + 8 * 60, end_time: DAY + 18 * 60 },
          { start_time: 5 * DAY + 8 * 60, end_time: 5 * DAY + 12 * 60 },
          { start_time: 5 * DAY + 13 * 60, end_time: 6 * DAY + 2 * 60 },
        ],
      },
    });
    expect(writes.slice(2, 4).map((r) => r.body)).toEqual([
      { holiday: { name: 'Christmas', start_date: '2026-12-25', end_date: '2026-12-25' } },
      { holiday: { name: 'New year', start_date: '2027-01-01', end_date: '2027-01-01' } },
    ]);
  });

  it('the plan after it is No changes., reading one list of schedules and one list of holidays per schedule', async () => {
    const before = stage.sandbox.requests.length;
    expect((await run('plan', '--instance', 'src')).stdout).toMatch(/^No changes\.$/m);
    const reads = stage.sandbox.requests.slice(before).map((r) => r.path).filter((p) => p.includes('business_hours'));
    expect(reads).toEqual(['/api/v2/business_hours/schedules', `/api/v2/business_hours/schedules/${String(stage.sandbox.dump().schedules![0]!.id)}/holidays`]);
  });

  it('an edit of hours, time zone and holidays is one update: the schedule, its workweek, then holiday create, update and delete', async () => {
    repo.write({
      'instances/src/schedules/support-hours.yaml': `name: Support hours
time_zone: London
intervals:
  tuesday: [{start: "09:00", end: "17:00"}]
holidays:
  - {name: Christmas, start_date: "2026-12-24", end_date: "2026-12-26"}
  - {name: Boxing day, start_date: "2026-12-26", end_date: "2026-12-26"}
`,
    });
    const plan = await run('plan', '--instance', 'src');
    expect(plan.stdout).toMatch(/^~ update schedules\/Support hours {2}# changed: time_zone, intervals, holidays$/m);
    expect(plan.stdout).toMatch(/^Plan: 0 to create, 1 to update, 0 to delete, 0 to reorder\.$/m);
    const before = stage.sandbox.requests.length;
    expect((await run('apply', '--instance', 'src', '--auto-approve')).stdout).toMatch(/^Apply complete: 1 applied, 0 failed, 0 skipped\.$/m);
    const id = String(stage.sandbox.dump().schedules![0]!.id);
    const writes = writesSince(before);
    expect(writes.map((r) => `${r.method} ${r.path.replace(/holidays\/\d+$/, 'holidays/<id>')}`)).toEqual([
      `PUT /api/v2/business_hours/schedules/${id}`,
      `PUT /api/v2/business_hours/schedules/${id}/workweek`,
      `POST /api/v2/business_hours/schedules/${id}/holidays`,
      `PUT /api/v2/business_hours/schedules/${id}/holidays/<id>`,
      `DELETE /api/v2/business_hours/schedules/${id}/holidays/<id>`,
    ]);
    expect(writes[0]!.body).toEqual({ schedule: { time_zone: 'London' } });
    expect((await run('plan', '--instance', 'src')).stdout).toMatch(/^No changes\.$/m);
  });

  it('import writes weekday hours and holidays without ids, and a plan of the import is No changes.', async () => {
    expect((await run('import', '--instance', 'copy')).code).toBe(0);
    const text = readFileSync(path.join(repo.dir, 'instances/copy/schedules/support-hours.yaml'), 'utf8');
    expect(text).toContain('intervals:\n  tuesday:\n    - start: "09:00"\n      end: "17:00"\n');
    expect(text).not.toMatch(/\bid:|start_time/);
    expect(readFileSync(path.join(repo.dir, 'instances/copy/triggers/business-hours.yaml'), 'utf8')).toContain('Schedule: Support hours');
    expect((await run('plan', '--instance', 'copy')).stdout).toMatch(/^No changes\.$/m);
  });
});

describe('schedules: delete', () => {
  it('a schedule a live trigger names is not deleted: the exact error, nothing sent', async () => {
    const { rmSync } = await import('node:fs');
    repo.write({ 'instances/src/instance.yaml': `${MANAGED}unmanaged: {schedules: delete}\n` });
    rmSync(path.join(repo.dir, 'instances/src/schedules/support-hours.yaml'));
    rmSync(path.join(repo.dir, 'instances/src/triggers/business-hours.yaml'));
    const before = stage.sandbox.requests.length;
    const planned = await run('plan', '--instance', 'src');
    expect(planned.code).toBe(1);
    expect(planned.stderr).toContain('error: cannot delete schedules/Support hours: still used by triggers/Business hours (live) (schedules/Support hours) [in-use]');
    expect(stage.sandbox.requests.slice(before).filter((r) => r.method !== 'GET')).toEqual([]);
    repo.write({ 'instances/src/instance.yaml': `${MANAGED}unmanaged: {schedules: delete, triggers: delete}\n` });
    const applied = await run('apply', '--instance', 'src', '--auto-approve', '--allow-delete');
    expect(applied.stdout).toMatch(/^Apply complete: 2 applied, 0 failed, 0 skipped\.$/m);
    expect(stage.sandbox.dump().schedules).toEqual([]);
  });
});

describe('schedules: bad input', () => {
  it('validate names each problem at its line; plan sends nothing', async () => {
    repo.write({
      'instances/bad/instance.yaml': MANAGED,
      'instances/bad/schedules/bad.yaml': `name: Bad
time_zone: America/New_York
intervals:
  monday:
    - {start: "09:00", end: "12:00"}
    - {start: "11:00", end: "13:00"}
  tuesday:
    - {start: "17:00", end: "09:00"}
holidays:
  - {name: Christmas, start_date: "2026-12-25", end_date: "2026-12-25"}
  - {name: Christmas, start_date: "2027-12-25", end_date: "2027-12-25"}
`,
      'instances/bad/schedules/closed.yaml': 'name: Closed\ntime_zone: UTC\nintervals:\n  sunday: []\n',
    });
    const before = stage.sandbox.requests.length;
    const validated = await run('validate', '--instance', 'bad');
    expect(validated.code).toBe(1);
    const lines = validated.stderr.split('\n').filter((line) => line.includes(': error: '));
    expect(lines).toEqual([
      'instances/bad/schedules/bad.yaml:2:12: error: time_zone "America/New_York" is not one of Zendesk\'s time zones (schedules/Bad) [schedule-time-zone]',
      'instances/bad/schedules/bad.yaml:6:7: error: monday: 11:00-13:00 overlaps 09:00-12:00 (schedules/Bad) [schedule-hours]',
      'instances/bad/schedules/bad.yaml:8:29: error: tuesday: 17:00-09:00 ends before it starts (schedules/Bad) [schedule-hours]',
      'instances/bad/schedules/bad.yaml:11:12: error: holidays[1] has name "Christmas", as holidays[0] does (schedules/Bad) [unique-child-key]',
      'instances/bad/schedules/closed.yaml:4:3: error: a schedule needs open hours on at least one day (schedules/Closed) [schedule-hours]',
    ]);
    expect(validated.stderr).toContain('Zendesk names it "Eastern Time (US & Canada)"');
    expect((await run('plan', '--instance', 'bad')).code).toBe(1);
    expect(stage.sandbox.requests.slice(before)).toEqual([]);
  });

  it('schedule files in an instance that does not manage schedules are refused, nothing sent', async () => {
    repo.write({ 'instances/bad/instance.yaml': 'subdomain: acme\n' });
    const before = stage.sandbox.requests.length;
    const planned = await run('plan', '--instance', 'bad');
    expect(planned.code).toBe(1);
    expect(planned.stderr).toContain('instances/bad/schedules:1:1: error: schedules/ holds schedules files, but this instance does not manage schedules');
    expect(stage.sandbox.requests.slice(before)).toEqual([]);
  });
});
