import { afterEach, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/model/diagnostics.js';
import { SchemaSet } from '../../src/model/schemas.js';
import { validateInstance } from '../../src/model/validate.js';
import { minimalInstance, tempRepo, type TempRepo } from '../helpers/temp-repo.js';

// Zendesk's rules about webhooks and SLA policies, and the schema's refusal of a secret in a file.

const schemas = new SchemaSet();
let repo: TempRepo | undefined;
afterEach(() => repo?.remove());

function validate(files: Record<string, string>): Diagnostic[] {
  repo = tempRepo(minimalInstance(files));
  return validateInstance(repo.dir, 't', schemas).diagnostics;
}

const webhook = (extra: string, subscriptions = '[conditional_ticket_events]') =>
  `name: Hook\nendpoint: https://hooks.example.com/in\nhttp_method: POST\nrequest_format: json\nstatus: active\nsubscriptions: ${subscriptions}\n${extra}`;

describe('webhook and SLA policy rules', () => {
  it('accepts the documented webhook and SLA policy forms', () => {
    expect(
      validate({
        'webhooks/a.yaml': webhook('authentication:\n  type: basic_auth\n  add_position: header\n  data: {username: zendesk, password_env: HOOK_PASSWORD}\ncustom_headers: {X-Source: zendesk}\n'),
        'sla_policies/s.yaml': 'title: S\nfilter: {all: [], any: []}\npolicy_metrics:\n  - {priority: urgent, metric: first_reply_time, target: 15, business_hours: false}\n',
      }),
    ).toEqual([]);
  });

  it('webhook-subscriptions: events with conditional_ticket_events, events with GET and xml', () => {
    expect(
      validate({
        'webhooks/a.yaml': webhook('', '[conditional_ticket_events, "zen:event-type:user.created"]'),
        'webhooks/b.yaml': webhook('').replace('name: Hook', 'name: Events').replace('POST', 'GET').replace('json', 'xml').replace('[conditional_ticket_events]', '["zen:event-type:user.created"]'),
      }),
    ).toEqual([
      {
        severity: 'error',
        code: 'webhook-subscriptions',
        summary: 'webhook subscribes to conditional_ticket_events and to Zendesk events (zen:event-type:user.created); Zendesk allows one or the other',
        address: 'webhooks/Hook',
        source: { file: 'instances/t/webhooks/a.yaml', line: 6, column: 16 },
        detail: 'make a second webhook for the events',
      },
      {
        severity: 'error',
        code: 'webhook-subscriptions',
        summary: 'webhook subscribes to Zendesk events, so its http_method must be POST, not GET',
        address: 'webhooks/Events',
        source: { file: 'instances/t/webhooks/b.yaml', line: 3, column: 14 },
      },
      {
        severity: 'error',
        code: 'webhook-subscriptions',
        summary: 'webhook subscribes to Zendesk events, so its request_format must be json, not xml',
        address: 'webhooks/Events',
        source: { file: 'instances/t/webhooks/b.yaml', line: 4, column: 17 },
      },
    ]);
  });

  it('webhook-called-by-rules: a trigger calls a webhook that subscribes to Zendesk events', () => {
    expect(
      validate({
        'webhooks/a.yaml': webhook('', '["zen:event-type:user.created"]'),
        'triggers/t.yaml': "title: T\nconditions: {all: [{field: status, operator: is, value: new}]}\nactions:\n  - {field: notification_webhook, value: ['Webhook: Hook', '{}']}\n",
      }),
    ).toEqual([
      {
        severity: 'error',
        code: 'webhook-called-by-rules',
        summary: 'Webhook "Hook" subscribes to Zendesk events, so triggers cannot call it',
        address: 'triggers/T',
        source: { file: 'instances/t/triggers/t.yaml', line: 4, column: 43 },
        detail: 'add conditional_ticket_events to a webhook of its own for rules to call (Zendesk allows one kind a webhook)',
      },
    ]);
  });

  it('webhook-custom-headers: a credential header, more than five headers', () => {
    const diagnostics = validate({ 'webhooks/a.yaml': webhook('custom_headers: {Authorization: Bearer abc, A: "1", B: "2", C: "3", D: "4", E: "5"}\n') });
    expect(diagnostics).toEqual([
      {
        severity: 'error',
        code: 'webhook-custom-headers',
        summary: 'webhook has 6 custom headers; Zendesk allows 5',
        address: 'webhooks/Hook',
        source: { file: 'instances/t/webhooks/a.yaml', line: 7, column: 17 },
      },
      {
        severity: 'error',
        code: 'webhook-custom-headers',
        summary: 'custom header Authorization carries a credential; a secret must not be written in a file',
        address: 'webhooks/Hook',
        source: { file: 'instances/t/webhooks/a.yaml', line: 7, column: 33 },
        detail: 'use authentication (its data names the environment variable that holds the secret)',
      },
    ]);
    expect(JSON.stringify(diagnostics)).not.toContain('Bearer abc');
  });

  it('sla-policy-metrics: two targets for one priority and metric', () => {
    expect(
      validate({
        'sla_policies/s.yaml': 'title: S\nfilter: {all: [], any: []}\npolicy_metrics:\n  - {priority: urgent, metric: first_reply_time, target: 15, business_hours: false}\n  - {priority: urgent, metric: first_reply_time, target: 30, business_hours: true}\n',
      }),
    ).toEqual([
      {
        severity: 'error',
        code: 'sla-policy-metrics',
        summary: 'policy_metrics 2 repeats the first_reply_time target for urgent priority (first at 1)',
        address: 'sla_policies/S',
        source: { file: 'instances/t/sla_policies/s.yaml', line: 5, column: 5 },
        detail: 'keep one target per priority and metric',
      },
    ]);
  });

  it('unknown-operator: the conditions of an SLA filter are checked as a trigger\'s are', () => {
    expect(validate({ 'sla_policies/s.yaml': 'title: S\nfilter:\n  all:\n    - {field: type, operator: iss, value: incident}\n  any: []\n' })).toEqual([
      {
        severity: 'warning',
        code: 'unknown-operator',
        summary: 'operator "iss" is not one zdctl knows; it is sent to Zendesk as it is',
        address: 'sla_policies/S',
        source: { file: 'instances/t/sla_policies/s.yaml', line: 4, column: 31 },
        detail: 'did you mean "is"?',
      },
    ]);
  });

  it('schema: a secret written in place of its variable, a value where a variable name goes (never quoted), a target in seconds', () => {
    const diagnostics = validate({
        'webhooks/a.yaml': webhook('authentication:\n  type: bearer_token\n  data: {token: abc123}\n'),
        'webhooks/b.yaml': webhook('authentication:\n  type: bearer_token\n  data: {token_env: abc123}\n').replace('name: Hook', 'name: Other'),
        'sla_policies/s.yaml': 'title: S\nfilter: {all: [], any: []}\npolicy_metrics:\n  - {priority: urgent, metric: first_reply_time, target_in_seconds: 900, business_hours: false}\n',
    });
    expect(diagnostics).toEqual([
      { severity: 'error', code: 'schema', summary: 'policy_metrics.0 is missing "target"', address: 'sla_policies/S', source: { file: 'instances/t/sla_policies/s.yaml', line: 4, column: 5 }, detail: undefined },
      { severity: 'error', code: 'schema', summary: 'unknown key "target_in_seconds" in policy_metrics.0', address: 'sla_policies/S', source: { file: 'instances/t/sla_policies/s.yaml', line: 4, column: 50 }, detail: 'did you mean "target"?' },
      { severity: 'error', code: 'schema', summary: 'authentication.data is missing "token_env"', address: 'webhooks/Hook', source: { file: 'instances/t/webhooks/a.yaml', line: 9, column: 9 }, detail: undefined },
      { severity: 'error', code: 'schema', summary: 'unknown key "token" in authentication.data', address: 'webhooks/Hook', source: { file: 'instances/t/webhooks/a.yaml', line: 9, column: 10 }, detail: 'did you mean "token_env"?' },
      {
        severity: 'error',
        code: 'schema',
        summary: 'authentication.data.token_env must name an environment variable',
        address: 'webhooks/Other',
        source: { file: 'instances/t/webhooks/b.yaml', line: 9, column: 21 },
        detail: 'write the name of an environment variable (upper case, e.g. HOOK_TOKEN) and set the secret in it; the value written here is not shown, since it may be the secret (rotate it if it was)',
      },
    ]);
    expect(JSON.stringify(diagnostics)).not.toContain('abc123');
  });
});
