import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSeed, type Sandbox } from '../../src/sandbox/index.js';
import { LOOKUP_SEEDS, sandboxFor, withoutLock, zdctl } from '../helpers/zdctl.js';
import { tempRepo, type TempRepo } from '../helpers/temp-repo.js';
import { fileFormsByName } from '../helpers/snapshot-compare.js';

// Webhooks and SLA policies as managed types, over real HTTP against the sandbox: the round trips
// of issue 15 (import → plan → edit → apply → plan; export → restore into a new account → export),
// one apply creating an SLA policy after the group, form and field it names, and bad input refused
// with nothing sent.

const TOKEN = 'tok-Secret-7f3a';
const PASSWORD = 'pw-Secret-91c2';

const FILES: Record<string, string> = {
  'instances/hooks/instance.yaml': 'subdomain: hooks\nmanage: [groups]\n',
  'instances/hooks/groups/vip.yaml': 'name: VIP desk\n',
  'instances/hooks/ticket_fields/tier.yaml': [
    'title: Customer tier',
    'type: tagger',
    'custom_field_options:',
    '  - {name: Enterprise, value: tier_enterprise}',
    '  - {name: Standard, value: tier_standard}',
    '',
  ].join('\n'),
  'instances/hooks/ticket_forms/enterprise.yaml': "name: Enterprise request\nticket_field_ids: ['Field: Customer tier']\n",
  'instances/hooks/webhooks/pager.yaml': [
    'name: PagerDuty Sev 1',
    'endpoint: https://events.example.com/v2/enqueue',
    'http_method: POST',
    'request_format: json',
    'status: active',
    'subscriptions: [conditional_ticket_events]',
    'authentication:',
    '  type: bearer_token',
    '  data: {token_env: PAGER_TOKEN}',
    '',
  ].join('\n'),
  'instances/hooks/webhooks/audit.yaml': [
    'name: Audit log',
    'description: Every solved ticket.',
    'endpoint: https://audit.example.com/in',
    'http_method: PUT',
    'request_format: xml',
    'status: inactive',
    'subscriptions: [conditional_ticket_events]',
    'custom_headers: {X-Source: zendesk}',
    'authentication:',
    '  type: basic_auth',
    '  add_position: header',
    '  data: {username: zendesk, password_env: AUDIT_PASSWORD}',
    '',
  ].join('\n'),
  'instances/hooks/triggers/page.yaml': [
    'title: Page on urgent',
    'conditions:',
    '  all:',
    '    - {field: priority, operator: is, value: urgent}',
    'actions:',
    "  - {field: notification_webhook, value: ['Webhook: PagerDuty Sev 1', '{\"id\": \"{{ticket.id}}\"}']}",
    '',
  ].join('\n'),
  'instances/hooks/sla_policies/enterprise.yaml': [
    'title: Enterprise incidents',
    'description: Incidents from enterprise customers.',
    'filter:',
    '  all:',
    '    - {field: type, operator: is, value: incident}',
    "    - {field: group_id, operator: is, value: 'Group: VIP desk'}",
    "    - {field: ticket_form_id, operator: is, value: 'Form: Enterprise request'}",
    "    - {field: brand_id, operator: is, value: 'Brand: Acme'}",
    "    - {field: 'Field: Customer tier', operator: includes, value: [tier_enterprise]}",
    '  any:',
    "    - {field: custom_status_id, operator: includes, value: ['Status: Waiting on engineering']}",
    'policy_metrics:',
    '  - {priority: urgent, metric: first_reply_time, target: 15, business_hours: false}',
    '  - {priority: high, metric: first_reply_time, target: 60, business_hours: true}',
    '',
  ].join('\n'),
  'instances/hooks/sla_policies/standard.yaml': 'title: Standard\nfilter: {all: [], any: []}\npolicy_metrics:\n  - {priority: normal, metric: requester_wait_time, target: 480, business_hours: true}\n',
  'instances/hooks/sla_policies/_order.yaml': '- Enterprise incidents\n- Standard\n',
};

const SECRETS = { PAGER_TOKEN: TOKEN, AUDIT_PASSWORD: PASSWORD };

let source: { sandbox: Sandbox; env: NodeJS.ProcessEnv };
let fresh: { sandbox: Sandbox; env: NodeJS.ProcessEnv };
let repo: TempRepo;

beforeAll(async () => {
  source = await sandboxFor();
  fresh = await sandboxFor();
  const lookups = await readSeed(LOOKUP_SEEDS.main);
  source.sandbox.seed(lookups);
  // A new account: the names the files look up, but none of the webhooks or groups they manage.
  fresh.sandbox.seed({ brands: lookups.brands, custom_statuses: lookups.custom_statuses, users: lookups.users });
  repo = tempRepo(FILES);
});
afterAll(async () => {
  await source.sandbox.stop();
  await fresh.sandbox.stop();
  repo.remove();
});

const inSource = (argv: string[], env: NodeJS.ProcessEnv = {}) => zdctl(argv, { cwd: repo.dir, env: { ...source.env, ...env } });
const inFresh = (argv: string[], env: NodeJS.ProcessEnv = {}) => zdctl(argv, { cwd: repo.dir, env: { ...fresh.env, ...env } });
const writesTo = (sandbox: Sandbox) => withoutLock(sandbox.requests).filter((r) => r.method !== 'GET');
const stored = (sandbox: Sandbox, name: string) => sandbox.storedObjects('webhooks').find((w) => w.name === name)!;

describe('webhooks and SLA policies on the sandbox', () => {
  it('validates; apply stops before any request, naming every unset secret variable', async () => {
    const valid = await inSource(['validate', '--instance', 'hooks']);
    expect(valid.stdout, valid.stderr).toContain('instances/hooks: valid, 8 objects, 0 errors');
    source.sandbox.clearRequests();
    const refused = await inSource(['apply', '--instance', 'hooks', '--auto-approve']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'webhooks/Audit log, webhooks/PagerDuty Sev 1 need the secrets in the environment variables $AUDIT_PASSWORD, $PAGER_TOKEN, which are not set. Nothing was changed; set them and run again.',
    );
    expect(writesTo(source.sandbox)).toEqual([]);
  });

  it('a plan names the variables, never a value; the SLA policy waits for the group, form and field it names', async () => {
    const planned = await inSource(['plan', '--instance', 'hooks', '--json'], SECRETS);
    expect(planned.code).toBe(0);
    expect(planned.stdout).not.toContain(TOKEN);
    const plan = JSON.parse(planned.stdout) as { changes: { action: string; address: string; depends_on: string[] }[] };
    const sla = plan.changes.find((c) => c.address === 'sla_policies/Enterprise incidents')!;
    expect(sla.depends_on.sort()).toEqual(['create groups/VIP desk', 'create ticket_fields/Customer tier', 'create ticket_forms/Enterprise request']);
    const trigger = plan.changes.find((c) => c.address === 'triggers/Page on urgent')!;
    expect(trigger.depends_on).toContain('create webhooks/PagerDuty Sev 1');
    const addresses = plan.changes.map((c) => `${c.action} ${c.address}`);
    expect(addresses.indexOf('create sla_policies/Enterprise incidents')).toBeGreaterThan(addresses.indexOf('create groups/VIP desk'));
    const text = await inSource(['plan', '--instance', 'hooks'], SECRETS);
    expect(text.stdout).toContain('token: (secret from $PAGER_TOKEN)');
    expect(text.stdout).toContain('password: (secret from $AUDIT_PASSWORD)');
    expect(text.stdout).toMatch(/^Plan: 8 to create, 0 to update, 0 to delete, 1 to reorder\.$/m);
  });

  it('applies it all in one run, in dependency order, sending each secret to Zendesk and nowhere else', async () => {
    source.sandbox.clearRequests();
    const applied = await inSource(['apply', '--instance', 'hooks', '--auto-approve'], SECRETS);
    expect(applied.stdout, applied.stderr).toMatch(/^Apply complete: 9 applied, 0 failed, 0 skipped\.$/m);
    const writes = writesTo(source.sandbox).map((r) => `${r.method} ${r.path} ${String(Object.values(r.body as Record<string, { name?: string; title?: string }>)[0]?.name ?? Object.values(r.body as Record<string, { title?: string }>)[0]?.title)}`);
    const at = (write: string) => writes.indexOf(write);
    expect(at('POST /api/v2/slas/policies Enterprise incidents')).toBeGreaterThan(at('POST /api/v2/groups VIP desk'));
    expect(at('POST /api/v2/slas/policies Enterprise incidents')).toBeGreaterThan(at('POST /api/v2/ticket_forms Enterprise request'));
    expect(at('POST /api/v2/ticket_forms Enterprise request')).toBeGreaterThan(at('POST /api/v2/ticket_fields Customer tier'));
    expect(at('POST /api/v2/slas/policies Enterprise incidents')).toBeGreaterThan(at('POST /api/v2/ticket_fields Customer tier'));
    expect(at('POST /api/v2/triggers Page on urgent')).toBeGreaterThan(at('POST /api/v2/webhooks PagerDuty Sev 1'));
    expect(writes.filter((w) => w.startsWith('POST '))).toHaveLength(8);
    expect(writes.filter((w) => w.startsWith('PUT /api/v2/slas/policies/reorder'))).toHaveLength(1);
    expect(stored(source.sandbox, 'PagerDuty Sev 1').authentication).toEqual({ type: 'bearer_token', add_position: 'header', data: { token: TOKEN } });
    expect(stored(source.sandbox, 'Audit log').authentication).toEqual({ type: 'basic_auth', add_position: 'header', data: { username: 'zendesk', password: PASSWORD } });
    const trigger = source.sandbox.storedObjects('triggers').find((t) => t.title === 'Page on urgent')!;
    expect((trigger.actions as { value: unknown[] }[])[0]!.value[0]).toBe(stored(source.sandbox, 'PagerDuty Sev 1').id);
    const policies = source.sandbox.storedObjects('sla_policies').sort((a, b) => Number(a.position) - Number(b.position));
    expect(policies.map((p) => p.title)).toEqual(['Enterprise incidents', 'Standard']);
    const group = source.sandbox.storedObjects('groups').find((g) => g.name === 'VIP desk')!;
    expect((policies[0]!.filter as { all: { field: string; value: unknown }[] }).all.find((c) => c.field === 'group_id')!.value).toBe(group.id);
    // a ticket field is `ticket_fields_<id>` in an SLA filter (salto definitions); the value is sent as written
    const tier = source.sandbox.storedObjects('ticket_fields').find((f) => f.title === 'Customer tier')!;
    expect((policies[0]!.filter as { all: { field: string; value: unknown }[] }).all).toContainEqual({ field: `ticket_fields_${String(tier.id)}`, operator: 'includes', value: ['tier_enterprise'] });

    const again = await inSource(['plan', '--instance', 'hooks', '--detailed-exitcode']);
    expect(again.stdout).toMatch(/^No changes\.$/m);
    expect(again.code).toBe(0);
  });

  it('import writes files that plan No changes., naming variables for the secrets Zendesk never returns', async () => {
    repo.write({ 'instances/copy/instance.yaml': 'subdomain: hooks\nmanage: [groups]\n' });
    const imported = await inSource(['import', '--instance', 'copy']);
    expect(imported.code, imported.stderr).toBe(0);
    const dir = path.join(repo.dir, 'instances/copy');
    const pager = readFileSync(path.join(dir, 'webhooks/pagerduty-sev-1.yaml'), 'utf8');
    expect(pager).toMatch(/authentication:\n  type: bearer_token\n  data:\n    token_env: WEBHOOK_PAGERDUTY_SEV_1_TOKEN\n/);
    const audit = readFileSync(path.join(dir, 'webhooks/audit-log.yaml'), 'utf8');
    expect(audit).toMatch(/username_env: WEBHOOK_AUDIT_LOG_USERNAME\n\s+password_env: WEBHOOK_AUDIT_LOG_PASSWORD/);
    expect(readFileSync(path.join(dir, 'sla_policies/_order.yaml'), 'utf8')).toMatch(/- Enterprise incidents\n- Standard\n/);
    const sla = readFileSync(path.join(dir, 'sla_policies/enterprise-incidents.yaml'), 'utf8');
    for (const name of ['Group: VIP desk', 'Form: Enterprise request', 'Brand: Acme', 'Status: Waiting on engineering', 'Field: Customer tier']) expect(sla).toContain(name);
    const plan = await inSource(['plan', '--instance', 'copy', '--detailed-exitcode']);
    expect(plan.stdout).toMatch(/^No changes\.$/m);
    expect(plan.code).toBe(0);
    rmSync(dir, { recursive: true });
  });

  it('an edit of each type is one update; the webhook update sends no secret it does not change', async () => {
    const dir = path.join(repo.dir, 'instances/hooks');
    const pagerFile = path.join(dir, 'webhooks/pager.yaml');
    writeFileSync(pagerFile, readFileSync(pagerFile, 'utf8').replace('status: active', 'status: inactive'));
    const slaFile = path.join(dir, 'sla_policies/standard.yaml');
    writeFileSync(slaFile, readFileSync(slaFile, 'utf8').replace('target: 480', 'target: 240'));
    writeFileSync(path.join(dir, 'sla_policies/_order.yaml'), '- Standard\n- Enterprise incidents\n');
    const planned = await inSource(['plan', '--instance', 'hooks']);
    expect(planned.stdout).toMatch(/^Plan: 0 to create, 2 to update, 0 to delete, 1 to reorder\.$/m);
    // the authentication is unchanged: shown as the file has it, not as a change
    expect(planned.stdout).not.toMatch(/^\s+[-+].*token/m);
    source.sandbox.clearRequests();
    const applied = await inSource(['apply', '--instance', 'hooks', '--auto-approve']);
    expect(applied.stdout, applied.stderr).toMatch(/^Apply complete: 3 applied, 0 failed, 0 skipped\.$/m);
    const patch = writesTo(source.sandbox).find((r) => r.method === 'PATCH')!;
    expect(patch.body).toEqual({ webhook: { status: 'inactive' } });
    expect(stored(source.sandbox, 'PagerDuty Sev 1').authentication).toEqual({ type: 'bearer_token', add_position: 'header', data: { token: TOKEN } });
    const again = await inSource(['plan', '--instance', 'hooks', '--detailed-exitcode']);
    expect(again.stdout).toMatch(/^No changes\.$/m);
  });

  it('a rotated secret is not seen by plan; --rotate-secrets sends every secret the files name again', async () => {
    const rotated = { ...SECRETS, PAGER_TOKEN: 'tok-Rotated-2b8d' };
    const unseen = await inSource(['plan', '--instance', 'hooks', '--detailed-exitcode'], rotated);
    expect(unseen.stdout).toMatch(/^No changes\.$/m);
    const planned = await inSource(['plan', '--instance', 'hooks', '--rotate-secrets'], rotated);
    expect(planned.stdout).toMatch(/^~ update webhooks\/PagerDuty Sev 1 {2}# changed: authentication \(--rotate-secrets: authentication sent again\)$/m);
    expect(planned.stdout).toMatch(/^Plan: 0 to create, 2 to update, 0 to delete, 0 to reorder\.$/m);
    expect(planned.stdout).not.toContain('tok-Rotated-2b8d');
    source.sandbox.clearRequests();
    const applied = await inSource(['apply', '--instance', 'hooks', '--auto-approve', '--rotate-secrets'], rotated);
    expect(applied.stdout, applied.stderr).toMatch(/^Apply complete: 2 applied, 0 failed, 0 skipped\.$/m);
    expect(writesTo(source.sandbox).map((r) => `${r.method} ${r.path}`).sort()).toEqual([`PATCH /api/v2/webhooks/${String(stored(source.sandbox, 'Audit log').id)}`, `PATCH /api/v2/webhooks/${String(stored(source.sandbox, 'PagerDuty Sev 1').id)}`].sort());
    expect(stored(source.sandbox, 'PagerDuty Sev 1').authentication).toEqual({ type: 'bearer_token', add_position: 'header', data: { token: 'tok-Rotated-2b8d' } });
    expect((await inSource(['plan', '--instance', 'hooks', '--detailed-exitcode'])).code).toBe(0);
  });

  it('export, then restore into a new account asks for the secrets (by the variables its files name, else by the webhook name), and with them ends equal by name', async () => {
    const exported = await inSource(['export', '--instance', 'hooks', '--out', 'snap']);
    expect(exported.code, exported.stderr).toBe(0);
    const snapshotText = readdirSync(path.join(repo.dir, 'snap/objects')).map((f) => readFileSync(path.join(repo.dir, 'snap/objects', f), 'utf8')).join('\n');
    expect(snapshotText).not.toContain(TOKEN);
    expect(snapshotText).not.toContain(PASSWORD);
    // The target keeps the PagerDuty webhook's file (it names PAGER_TOKEN) and has none for the audit log.
    rmSync(path.join(repo.dir, 'instances/hooks/webhooks/audit.yaml'));
    writeFileSync(path.join(repo.dir, 'instances/hooks/instance.yaml'), 'subdomain: hooks-dr\nmanage: [groups]\n');

    fresh.sandbox.clearRequests();
    const dryRun = await inFresh(['restore', 'snap', '--instance', 'hooks', '--dry-run']);
    expect(dryRun.code).toBe(0);
    expect(dryRun.stderr).toContain('Before the restore: webhooks/Audit log, webhooks/PagerDuty Sev 1 need the secrets in the environment variables $WEBHOOK_AUDIT_LOG_USERNAME, $WEBHOOK_AUDIT_LOG_PASSWORD, $PAGER_TOKEN, which are not set.');
    const refused = await inFresh(['restore', 'snap', '--instance', 'hooks', '--auto-approve']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'webhooks/Audit log, webhooks/PagerDuty Sev 1 need the secrets in the environment variables $WEBHOOK_AUDIT_LOG_USERNAME, $WEBHOOK_AUDIT_LOG_PASSWORD, $PAGER_TOKEN, which are not set. Nothing was changed; set them and run again.',
    );
    expect(writesTo(fresh.sandbox)).toEqual([]);

    const restored = await inFresh(['restore', 'snap', '--instance', 'hooks', '--auto-approve'], {
      PAGER_TOKEN: 'new-token',
      WEBHOOK_AUDIT_LOG_USERNAME: 'zendesk',
      WEBHOOK_AUDIT_LOG_PASSWORD: 'new-password',
    });
    // the seeded account's seven groups (the instance manages groups) and three webhooks are in the snapshot too
    expect(restored.stdout, restored.stderr).toMatch(/^Plan: 18 to create, 0 to update, 0 to delete, 1 to reorder\.$/m);
    expect(restored.stdout).toMatch(/^Apply complete: 19 applied, 0 failed, 0 skipped\.$/m);
    expect(stored(fresh.sandbox, 'PagerDuty Sev 1').authentication).toEqual({ type: 'bearer_token', add_position: 'header', data: { token: 'new-token' } });

    const second = await inFresh(['export', '--instance', 'hooks', '--out', 'snap-dr']);
    expect(second.code, second.stderr).toBe(0);
    const before = fileFormsByName(path.join(repo.dir, 'snap'));
    const after = fileFormsByName(path.join(repo.dir, 'snap-dr'));
    // a new account has a default group of its own ("Support"), which the snapshot does not manage
    const { Support: _newAccountsOwn, ...rebuiltGroups } = after.groups!;
    expect(rebuiltGroups).toEqual(before.groups);
    // the seeded webhooks come without a description key; Zendesk's default for it is ""
    const described = (webhooks: Record<string, unknown>) => Object.fromEntries(Object.entries(webhooks).map(([name, hook]) => [name, { description: '', ...(hook as object) }]));
    expect(described(after.webhooks!)).toEqual(described(before.webhooks!));
    for (const type of ['ticket_fields', 'ticket_forms', 'triggers', 'sla_policies']) expect(after[type], type).toEqual(before[type]);
    expect(Object.keys(after.sla_policies!)).toEqual(['Enterprise incidents', 'Standard']);
  });
});


describe('a webhook in use, and names that do not resolve', () => {
  let stage: { sandbox: Sandbox; env: NodeJS.ProcessEnv };
  let dir: TempRepo;
  const hook = 'name: Ops hook\nendpoint: https://ops.example.com/in\nhttp_method: POST\nrequest_format: json\nstatus: active\nsubscriptions: [conditional_ticket_events]\n';
  const trigger = "title: Call ops\nconditions: {all: [{field: priority, operator: is, value: urgent}]}\nactions:\n  - {field: notification_webhook, value: ['Webhook: Ops hook', '{}']}\n";
  const run = (...argv: string[]) => zdctl(argv, { cwd: dir.dir, env: stage.env });

  beforeAll(async () => {
    stage = await sandboxFor();
    dir = tempRepo({ 'instances/ops/instance.yaml': 'subdomain: ops\n', 'instances/ops/webhooks/ops.yaml': hook, 'instances/ops/triggers/call.yaml': trigger });
    expect((await run('apply', '--instance', 'ops', '--auto-approve')).stdout).toMatch(/^Apply complete: 2 applied, 0 failed, 0 skipped\.$/m);
  });
  afterAll(async () => {
    await stage.sandbox.stop();
    dir.remove();
  });

  it('an SLA policy naming a form no file has: validate stops it; a group that does not exist: plan does; nothing is sent', async () => {
    const policy = (condition: string) => `title: P\nfilter:\n  all:\n    - ${condition}\n  any: []\n`;
    dir.write({ 'instances/ops/sla_policies/p.yaml': policy("{field: ticket_form_id, operator: is, value: 'Form: Nope'}") });
    stage.sandbox.clearRequests();
    const invalid = await run('plan', '--instance', 'ops');
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toBe('instances/ops/sla_policies/p.yaml:4:52: error: Form "Nope" is not defined in this instance (sla_policies/P) [unknown-reference]\n  add a file for it under ticket_forms/, or fix the name\ninstances/ops: 1 error, nothing was changed\n');
    expect(stage.sandbox.requests).toEqual([]);

    dir.write({ 'instances/ops/sla_policies/p.yaml': policy("{field: group_id, operator: is, value: 'Group: Nope'}") });
    const unknown = await run('apply', '--instance', 'ops', '--auto-approve');
    rmSync(path.join(dir.dir, 'instances/ops/sla_policies'), { recursive: true });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('instances/ops/sla_policies/p.yaml:4:46: error: Group: Nope does not exist in the live instance (sla_policies/P) [unknown-name]\n  create it in Zendesk first; zdctl looks groups up by name and never creates them\n');
    expect(writesTo(stage.sandbox)).toEqual([]);
  });

  it('is not deleted while a trigger uses it; deleted after the trigger when both go', async () => {
    rmSync(path.join(dir.dir, 'instances/ops/webhooks'), { recursive: true });
    rmSync(path.join(dir.dir, 'instances/ops/triggers'), { recursive: true });
    dir.write({ 'instances/ops/instance.yaml': 'subdomain: ops\nunmanaged: {webhooks: delete}\n' });
    stage.sandbox.clearRequests();
    const refused = await run('apply', '--instance', 'ops', '--auto-approve', '--allow-delete');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('cannot delete webhooks/Ops hook: still used by triggers/Call ops');
    expect(writesTo(stage.sandbox)).toEqual([]);

    dir.write({ 'instances/ops/instance.yaml': 'subdomain: ops\nunmanaged: {webhooks: delete, triggers: delete}\n' });
    const applied = await run('apply', '--instance', 'ops', '--auto-approve', '--allow-delete');
    expect(applied.stdout, applied.stderr).toMatch(/^Apply complete: 2 applied, 0 failed, 0 skipped\.$/m);
    expect(writesTo(stage.sandbox).map((r) => `${r.method} ${r.path.replace(/\/[^/]+$/, '/ID')}`)).toEqual(['DELETE /api/v2/triggers/ID', 'DELETE /api/v2/webhooks/ID']);
  });

  it('a webhook moved from triggers to Zendesk events is replaced (Zendesk fixes that at create); a change of events is an update', async () => {
    dir.write({ 'instances/ops/webhooks/ops.yaml': hook });
    expect((await run('apply', '--instance', 'ops', '--auto-approve')).stdout).toMatch(/^Apply complete: 1 applied, 0 failed, 0 skipped\.$/m);
    dir.write({ 'instances/ops/webhooks/ops.yaml': hook.replace('[conditional_ticket_events]', '["zen:event-type:user.created"]') });
    const planned = await run('plan', '--instance', 'ops');
    expect(planned.stdout).toContain(
      "- delete webhooks/Ops hook (replace)  # Zendesk cannot change a webhook's subscriptions (called by triggers and automations → subscribed to Zendesk events); it is deleted and created again, which gives it a new id and signing secret",
    );
    expect(planned.stdout).toMatch(/^Plan: 1 to create, 0 to update, 1 to delete, 0 to reorder\.$/m);
    stage.sandbox.clearRequests();
    expect((await run('apply', '--instance', 'ops', '--auto-approve', '--allow-delete')).stdout).toMatch(/^Apply complete: 2 applied, 0 failed, 0 skipped\.$/m);
    expect(writesTo(stage.sandbox).map((r) => `${r.method} ${r.path.replace(/\/01\w{24}$/, '/ID')}`)).toEqual(['DELETE /api/v2/webhooks/ID', 'POST /api/v2/webhooks']);

    dir.write({ 'instances/ops/webhooks/ops.yaml': hook.replace('[conditional_ticket_events]', '["zen:event-type:user.created", "zen:event-type:user.deleted"]') });
    expect((await run('plan', '--instance', 'ops')).stdout).toMatch(/^~ update webhooks\/Ops hook {2}# changed: subscriptions$/m);
  });
});
