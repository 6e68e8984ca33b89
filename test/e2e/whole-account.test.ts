// The whole account as code (issue 15): a trigger using {{dc.greeting}}, a new group, schedule,
// status and webhook, and an SLA policy for the new group, land in one apply in dependency order;
// then export → restore into a brand-new account → export gives the same account by name.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANAGED_TYPES } from '../../src/resources/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { fileFormsByName } from '../helpers/snapshot-compare.js';
import { tempRepo, type TempRepo } from '../helpers/temp-repo.js';
import { sandboxFor, withoutLock, zdctl } from '../helpers/zdctl.js';

const INSTANCE = 'subdomain: acme\nmanage: [groups, custom_statuses, schedules]\n';
const FILES: Record<string, string> = {
  'groups/tier-2.yaml': 'name: Tier 2\ndescription: Second line\n',
  'custom_statuses/waiting-on-vendor.yaml': 'agent_label: Waiting on vendor\nstatus_category: hold\nend_user_label: In progress\n',
  'schedules/us-hours.yaml':
    'name: US hours\ntime_zone: Eastern Time (US & Canada)\nintervals:\n' +
    ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].map((day) => `  ${day}: [{start: "09:00", end: "17:00"}]\n`).join('') +
    'holidays:\n  - {name: New Year, start_date: "2027-01-01", end_date: "2027-01-01"}\n',
  'dynamic_content/greeting.yaml': 'name: Greeting\nvariants:\n  - {locale_id: 1, default: true, content: "Hello,"}\n',
  'webhooks/escalations.yaml':
    'name: Escalations\nendpoint: https://hooks.example.com/escalations\nhttp_method: POST\nrequest_format: json\nstatus: active\nsubscriptions: [conditional_ticket_events]\n' +
    'authentication:\n  type: bearer_token\n  add_position: header\n  data:\n    token_env: ESCALATIONS_TOKEN\n',
  'triggers/escalate.yaml':
    'title: Escalate urgent tickets\nconditions:\n  all:\n    - {field: priority, operator: is, value: urgent}\nactions:\n' +
    '  - {field: group_id, value: "Group: Tier 2"}\n  - {field: set_schedule, value: "Schedule: US hours"}\n  - {field: custom_status_id, value: "Status: Waiting on vendor"}\n' +
    '  - {field: notification_webhook, value: ["Webhook: Escalations", "{\\"text\\": \\"{{dc.greeting}} ticket {{ticket.id}} is urgent\\"}"]}\n',
  'sla_policies/tier-2-urgent.yaml':
    'title: Tier 2 urgent\nfilter:\n  all:\n    - {field: group_id, operator: is, value: "Group: Tier 2"}\n  any: []\n' +
    'policy_metrics:\n  - {priority: urgent, metric: first_reply_time, target: 30, business_hours: true}\n',
  'sla_policies/_order.yaml': '- Tier 2 urgent\n',
};

let source: { sandbox: Sandbox; env: NodeJS.ProcessEnv };
let repo: TempRepo;
const SECRET = { ESCALATIONS_TOKEN: 'escalations-token-1' };

beforeAll(async () => {
  source = await sandboxFor();
  repo = tempRepo({ 'instances/acme/instance.yaml': INSTANCE, 'instances/acme-dr/instance.yaml': INSTANCE.replace('acme', 'acme-dr') });
  for (const [relative, text] of Object.entries(FILES)) {
    mkdirSync(path.dirname(path.join(repo.dir, 'instances/acme', relative)), { recursive: true });
    writeFileSync(path.join(repo.dir, 'instances/acme', relative), text);
  }
});
afterAll(async () => {
  await source.sandbox.stop();
  repo.remove();
});

const inSource = (...argv: string[]) => zdctl(argv, { cwd: repo.dir, env: { ...source.env, ...SECRET } });
const creates = (sandbox: Sandbox) => withoutLock(sandbox.requests).filter((r) => r.method === 'POST' && (r.status ?? 500) < 300).map((r) => r.path.replace(/^\/api\/v2\//, ''));

describe('the whole account as code', () => {
  it('lands the group, schedule, status, dynamic content and webhook before the trigger and SLA policy that use them, in one apply', async () => {
    expect((await inSource('validate', '--instance', 'acme')).code).toBe(0);
    source.sandbox.clearRequests();
    const applied = await inSource('apply', '--instance', 'acme', '--auto-approve');
    expect(applied.stderr).not.toContain('error');
    expect(applied.stdout).toMatch(/^Plan: 7 to create, 0 to update, 0 to delete, 0 to reorder\.$/m);
    expect(applied.stdout).toMatch(/^Apply complete: 7 applied, 0 failed, 0 skipped\.$/m);
    expect(applied.code).toBe(0);
    const order = creates(source.sandbox);
    const at = (path: string) => order.findIndex((p) => p === path);
    for (const needed of ['groups', 'business_hours/schedules', 'custom_statuses', 'dynamic_content/items', 'webhooks']) {
      expect(at(needed), needed).toBeGreaterThanOrEqual(0);
      expect(at(needed), `${needed} before the trigger`).toBeLessThan(at('triggers'));
    }
    expect(at('groups')).toBeLessThan(at('slas/policies'));
    const dump = source.sandbox.dump();
    const group = dump.groups!.find((g) => g.name === 'Tier 2')!;
    const policy = dump.sla_policies!.find((p) => p.title === 'Tier 2 urgent')!;
    expect(JSON.stringify(policy.filter)).toContain(String(group.id));
    const planned = await inSource('plan', '--instance', 'acme', '--detailed-exitcode');
    expect(planned.stdout).toMatch(/^No changes\.$/m);
    expect(planned.code).toBe(0);
  });

  it('export → restore into a brand-new account (given the webhook secret) → export: the same account by name', async () => {
    const target = await sandboxFor();
    try {
      // A snapshot holds no secret and not which variable the source's files named: restore asks by the webhook's name.
      const restoreSecret = { WEBHOOK_ESCALATIONS_TOKEN: SECRET.ESCALATIONS_TOKEN };
      const inTarget = (...argv: string[]) => zdctl(argv, { cwd: repo.dir, env: { ...target.env, ...restoreSecret } });
      expect((await inSource('export', '--instance', 'acme', '--out', 'snap-a')).code).toBe(0);
      target.sandbox.clearRequests();
      const asked = await zdctl(['restore', 'snap-a', '--instance', 'acme-dr', '--auto-approve'], { cwd: repo.dir, env: target.env });
      expect(asked.code).toBe(1);
      expect(asked.stderr).toContain('webhooks/Escalations needs the secret in the environment variable $WEBHOOK_ESCALATIONS_TOKEN, which is not set. Nothing was changed; set it and run again.\n');
      expect(target.sandbox.requests.filter((r) => r.method !== 'GET')).toEqual([]);
      const restored = await inTarget('restore', 'snap-a', '--instance', 'acme-dr', '--auto-approve');
      expect(restored.stderr).not.toContain('error');
      expect(restored.stdout).toMatch(/^Apply complete: 7 applied, 0 failed, 0 skipped\.$/m);
      expect(restored.code).toBe(0);
      expect((await inTarget('export', '--instance', 'acme-dr', '--out', 'snap-b')).code).toBe(0);
      const [a, b] = [fileFormsByName(path.join(repo.dir, 'snap-a')), fileFormsByName(path.join(repo.dir, 'snap-b'))];
      for (const type of MANAGED_TYPES) expect(b[type], type).toEqual(a[type]);
      // The secret went to the new account's webhook, and into no file of either snapshot.
      const webhook = target.sandbox.storedObjects('webhooks').find((w) => w.name === 'Escalations')!;
      expect(JSON.stringify(webhook.authentication)).toContain(SECRET.ESCALATIONS_TOKEN);
    } finally {
      await target.sandbox.stop();
    }
  });
});
