import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readSeed, startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { del, get, post, validView } from './helpers.js';

const SALTO = '../shared/zendesk-reference/recorded/salto/myBrand_mock_replies.json';
const started: Sandbox[] = [];
const start = async (options: Parameters<typeof startSandbox>[0] = {}) => {
  const sandbox = await startSandbox({ port: 0, rateLimitPerMinute: null, ...options });
  started.push(sandbox);
  return sandbox;
};
afterAll(async () => {
  for (const sandbox of started) await sandbox.stop();
});

describe('seeding', () => {
  it('loads a snapshot folder with ids kept, and new ids never collide with them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zdctl-snapshot-'));
    mkdirSync(join(dir, 'objects'));
    mkdirSync(join(dir, 'lookups'));
    writeFileSync(join(dir, 'manifest.json'), '{}');
    const category = { url: 'https://x.zendesk.com/api/v2/trigger_categories/77.json', id: 77, name: 'Notifications', updated_at: '2021-05-18T19:00:45Z', created_at: '2021-05-18T19:00:45Z', position: 1 };
    writeFileSync(join(dir, 'objects', 'trigger_categories.json'), JSON.stringify([category]));
    writeFileSync(join(dir, 'lookups', 'groups.json'), JSON.stringify([{ url: 'u', id: 999999999999999, name: 'Tier 2' }]));
    const sandbox = await start();
    await sandbox.seedFromSnapshot(dir);
    const listed = (await get(sandbox, '/trigger_categories')).body.trigger_categories;
    expect(listed).toEqual([{ ...category, id: '77', url: `${sandbox.url}/api/v2/trigger_categories/77.json` }]);
    expect(sandbox.dump().groups!.map((g) => g.name)).toEqual(['Tier 2']);
    const view = (await post(sandbox, '/views', validView())).body.view;
    expect(view.id).toBe(1000000000000000);
  });

  it('loads the salto recording of a whole account', async () => {
    const sandbox = await start();
    sandbox.seed(await readSeed(SALTO));
    const state = sandbox.dump();
    expect(Object.fromEntries(Object.entries(state).map(([type, list]) => [type, list.length]))).toEqual({
      ticket_fields: 14, user_fields: 29, organization_fields: 8, ticket_forms: 7, trigger_categories: 3, triggers: 10,
      automations: 5, views: 16, macros: 8, groups: 4, brands: 3, schedules: 3, webhooks: 1, targets: 1, custom_statuses: 4, users: 1,
      dynamic_content: 2, sla_policies: 2, locales: 3,
    });
    const trigger = (await get(sandbox, '/triggers/1500016953622')).body.trigger;
    expect(trigger.category_id).toBe('1500000362362');
  });

  it('refuses an instance folder: that goes through zdctl apply', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zdctl-instance-'));
    writeFileSync(join(dir, 'instance.yaml'), 'subdomain: x\n');
    await expect(readSeed(dir)).rejects.toThrow('is an instance folder');
  });

  it('refuses an unknown type', async () => {
    const sandbox = await start();
    expect(() => sandbox.seed({ tickets: [] })).toThrow('seed: unknown type "tickets"');
  });
});

describe('--state', () => {
  it('survives a restart, written atomically', async () => {
    const statePath = join(mkdtempSync(join(tmpdir(), 'zdctl-state-')), 'state.json');
    const first = await start({ statePath });
    const view = (await post(first, '/views', validView('Kept'))).body.view;
    await first.stop();
    started.splice(started.indexOf(first), 1);
    expect(existsSync(`${statePath}.${process.pid}.tmp`)).toBe(false);
    expect(JSON.parse(readFileSync(statePath, 'utf8')).tables.views).toHaveLength(1);
    const second = await start({ statePath });
    const reread = (await get(second, `/views/${view.id}`)).body.view;
    expect(reread).toEqual({ ...view, url: `${second.url}/api/v2/views/${view.id}.json` });
  });

  it('keeps what the API never answers across a restart: webhook secrets, holidays, deleted groups', async () => {
    const statePath = join(mkdtempSync(join(tmpdir(), 'zdctl-state-')), 'state.json');
    const first = await start({ statePath });
    const authentication = { type: 'bearer_token', add_position: 'header', data: { token: 'KEPT-SECRET' } };
    const webhook = (await post(first, '/webhooks', {
      webhook: { name: 'Hook', endpoint: 'https://example.com', http_method: 'POST', request_format: 'json', status: 'active', authentication },
    })).body.webhook;
    const schedule = (await post(first, '/business_hours/schedules', { schedule: { name: 'Office', time_zone: 'UTC' } })).body.schedule;
    await post(first, `/business_hours/schedules/${schedule.id}/holidays`, { holiday: { name: 'Day off', start_date: '2025-05-01', end_date: '2025-05-01' } });
    const group = (await post(first, '/groups', { group: { name: 'Gone' } })).body.group;
    await del(first, `/groups/${group.id}`);
    await first.stop();
    started.splice(started.indexOf(first), 1);
    const second = await start({ statePath });
    expect(second.storedObjects('webhooks').find((w) => w.id === webhook.id)!.authentication).toEqual(authentication);
    expect((await get(second, `/webhooks/${webhook.id}`)).text).not.toContain('KEPT-SECRET');
    expect((await get(second, `/business_hours/schedules/${schedule.id}/holidays`)).body.holidays.map((h: { name: string }) => h.name)).toEqual(['Day off']);
    expect((await get(second, `/groups/${group.id}`)).body.group.deleted).toBe(true);
    expect((await get(second, '/groups')).body.groups.map((g: { name: string }) => g.name)).toEqual(['Support']);
  });
});

describe('zdctl sandbox', () => {
  const listening = (child: ReturnType<typeof spawn>) =>
    new Promise<string>((resolve, reject) => {
      let buffer = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        if (buffer.includes('\n')) resolve(buffer.split('\n')[0]!.replace('sandbox listening on ', ''));
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}`)));
    });

  it('--lenient-references stores a form naming a field that does not exist; by default it is refused', async () => {
    const formWithMissingField = JSON.stringify({ ticket_form: { name: 'Stale', ticket_field_ids: [999999999999] } });
    const statuses: number[] = [];
    for (const flags of [[], ['--lenient-references']]) {
      const child = spawn(process.execPath, ['bin/zdctl', 'sandbox', '--port', '0', ...flags], { stdio: ['ignore', 'pipe', 'pipe'] });
      const url = await listening(child);
      const answer = await fetch(`${url}/api/v2/ticket_forms.json`, {
        method: 'POST',
        headers: { Authorization: 'Bearer sandbox', 'Content-Type': 'application/json' },
        body: formWithMissingField,
      });
      statuses.push(answer.status);
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
    expect(statuses).toEqual([422, 201]);
  });

  it('prints the listening line first, serves, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['bin/zdctl', 'sandbox', '--port', '0', '--token', 'cli-token'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const firstLine = await new Promise<string>((resolve, reject) => {
      let buffer = '';
      child.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        if (buffer.includes('\n')) resolve(buffer.split('\n')[0]!);
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}`)));
    });
    expect(firstLine).toMatch(/^sandbox listening on http:\/\/127\.0\.0\.1:\d+$/);
    const url = firstLine.replace('sandbox listening on ', '');
    const answer = await fetch(`${url}/api/v2/ticket_forms.json`, { headers: { Authorization: 'Bearer cli-token' } });
    expect(answer.status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
