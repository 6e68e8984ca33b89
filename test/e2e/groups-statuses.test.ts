// Groups and custom statuses as code, where an instance opts in (manage:): the round trips of
// issue 15 against the sandbox over HTTP, and a group and a status landing in one apply with the
// trigger that uses them.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import { fileFormsByName } from '../helpers/snapshot-compare.js';
import { sandboxFor, withoutLock, zdctl } from '../helpers/zdctl.js';
import { tempRepo, type TempRepo } from '../helpers/temp-repo.js';

let source: { sandbox: Sandbox; env: NodeJS.ProcessEnv };
let repo: TempRepo;
const INSTANCE_YAML = 'subdomain: acme\nmanage: [groups, custom_statuses]\n';

beforeAll(async () => {
  source = await sandboxFor();
  repo = tempRepo({ 'instances/acme/instance.yaml': INSTANCE_YAML, 'instances/acme-dr/instance.yaml': INSTANCE_YAML.replace('acme', 'acme-dr') });
});
afterAll(async () => {
  await source.sandbox.stop();
  repo.remove();
});

const inSource = (...argv: string[]) => zdctl(argv, { cwd: repo.dir, env: source.env });
const file = (relative: string) => path.join(repo.dir, 'instances/acme', relative);
const writesTo = (sandbox: Sandbox) => withoutLock(sandbox.requests).filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path.replace(/\/\d+$/, '/ID')}`);

describe('groups and custom statuses, managed', () => {
  it('land in one apply with the trigger that uses them, each created before the trigger', async () => {
    mkdirSync(file('groups'), { recursive: true });
    mkdirSync(file('custom_statuses'), { recursive: true });
    mkdirSync(file('triggers'), { recursive: true });
    writeFileSync(file('groups/tier-2.yaml'), 'name: Tier 2\ndescription: Second line\n');
    writeFileSync(file('custom_statuses/waiting-on-vendor.yaml'), 'agent_label: Waiting on vendor\nstatus_category: hold\nend_user_label: On hold\n');
    writeFileSync(
      file('triggers/escalate.yaml'),
      'title: Escalate to Tier 2\nconditions:\n  all:\n    - {field: priority, operator: is, value: urgent}\nactions:\n  - {field: group_id, value: "Group: Tier 2"}\n  - {field: custom_status_id, value: "Status: Waiting on vendor"}\n',
    );
    expect((await inSource('validate', '--instance', 'acme')).code).toBe(0);
    source.sandbox.clearRequests();
    const applied = await inSource('apply', '--instance', 'acme', '--auto-approve');
    expect(applied.stderr).not.toContain('error');
    expect(applied.stdout).toMatch(/^Plan: 3 to create, 0 to update, 0 to delete, 0 to reorder\.$/m);
    expect(applied.code).toBe(0);
    const writes = writesTo(source.sandbox);
    expect(writes.indexOf('POST /api/v2/triggers')).toBeGreaterThan(writes.indexOf('POST /api/v2/groups'));
    expect(writes.indexOf('POST /api/v2/triggers')).toBeGreaterThan(writes.indexOf('POST /api/v2/custom_statuses'));
    const trigger = source.sandbox.dump().triggers!.find((t) => t.title === 'Escalate to Tier 2')!;
    const group = source.sandbox.dump().groups!.find((g) => g.name === 'Tier 2')!;
    expect(JSON.stringify(trigger.actions)).toContain(String(group.id));
    expect((await inSource('plan', '--instance', 'acme', '--detailed-exitcode')).stdout).toMatch(/^No changes\.$/m);
  });

  it('import → validate → plan No changes. → edit → apply → plan No changes.', async () => {
    expect((await inSource('import', '--instance', 'acme')).code).toBe(0);
    // The fresh account's own group and the built-in statuses: the group is a file, the built-ins are not.
    expect(readdirSync(file('groups')).sort()).toEqual(['support.yaml', 'tier-2.yaml']);
    expect(readdirSync(file('custom_statuses')).sort()).toEqual(['waiting-on-vendor.yaml']);
    expect(readFileSync(file('groups/support.yaml'), 'utf8')).toBe('# yaml-language-server: $schema=../../../schemas/group.schema.json\nname: Support\n');
    expect(readFileSync(file('groups/tier-2.yaml'), 'utf8')).toBe('name: Tier 2\ndescription: Second line\n');
    expect((await inSource('validate', '--instance', 'acme')).code).toBe(0);
    expect((await inSource('plan', '--instance', 'acme', '--detailed-exitcode')).code).toBe(0);

    writeFileSync(file('groups/tier-2.yaml'), 'name: Tier 2 Support\nprevious_name: Tier 2\ndescription: Second line\n');
    const trigger = readFileSync(file('triggers/escalate.yaml'), 'utf8');
    writeFileSync(file('triggers/escalate.yaml'), trigger.replace('"Group: Tier 2"', '"Group: Tier 2 Support"'));
    const custom = readFileSync(file('custom_statuses/waiting-on-vendor.yaml'), 'utf8');
    writeFileSync(file('custom_statuses/waiting-on-vendor.yaml'), custom.replace('end_user_label: On hold', 'end_user_label: Waiting for a partner'));
    source.sandbox.clearRequests();
    const applied = await inSource('apply', '--instance', 'acme', '--auto-approve');
    expect(applied.stderr).not.toContain('error');
    expect(applied.stdout).toMatch(/^Plan: 0 to create, 2 to update, 0 to delete, 0 to reorder\.$/m);
    expect(applied.code).toBe(0);
    // The rename keeps the group's id: the trigger still points at it and needs no change.
    expect(writesTo(source.sandbox).sort()).toEqual(['PUT /api/v2/custom_statuses/ID', 'PUT /api/v2/groups/ID']);
    const planned = await inSource('plan', '--instance', 'acme', '--detailed-exitcode');
    expect(planned.stdout).toMatch(/^No changes\.$/m);
    expect(planned.code).toBe(0);
  });

  it('export → restore into a new account → export: equal by name', async () => {
    const target = await sandboxFor();
    try {
      const inTarget = (...argv: string[]) => zdctl(argv, { cwd: repo.dir, env: target.env });
      expect((await inSource('export', '--instance', 'acme', '--out', 'snap-a')).code).toBe(0);
      const restored = await inTarget('restore', 'snap-a', '--instance', 'acme-dr', '--auto-approve');
      expect(restored.stderr).not.toContain('error');
      expect(restored.code).toBe(0);
      expect((await inTarget('export', '--instance', 'acme-dr', '--out', 'snap-b')).code).toBe(0);
      const [a, b] = [fileFormsByName(path.join(repo.dir, 'snap-a')), fileFormsByName(path.join(repo.dir, 'snap-b'))];
      for (const type of ['groups', 'custom_statuses', 'triggers']) expect(b[type], type).toEqual(a[type]);
    } finally {
      await target.sandbox.stop();
    }
  });

  it('refuses at plan time to make a private group public, naming the file, and sends nothing', async () => {
    writeFileSync(file('groups/security.yaml'), 'name: Security\nis_public: false\n');
    expect((await inSource('apply', '--instance', 'acme', '--auto-approve')).code).toBe(0);
    writeFileSync(file('groups/security.yaml'), 'name: Security\nis_public: true\n');
    source.sandbox.clearRequests();
    const refused = await inSource('apply', '--instance', 'acme', '--auto-approve');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      [
        "instances/acme/groups/security.yaml:1:1: error: is_public cannot change from false to true: Zendesk can't change a private group to a public group (groups/Security) [one-way-change]",
        '  create a new public group (another name) and move the rules and agents to it, or keep is_public: false',
        'plan: 1 error, nothing was changed',
        '',
      ].join('\n'),
    );
    expect(writesTo(source.sandbox)).toEqual([]);
  });
});
