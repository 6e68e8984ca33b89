import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Sandbox } from '../../src/sandbox/index.js';
import { MANAGED_TYPES } from '../../src/resources/index.js';
import { sandboxPlace, stageFor, zdctl } from '../helpers/zdctl.js';

let sandbox: Sandbox;
let env: NodeJS.ProcessEnv;
let repo: { dir: string; remove(): void };

beforeAll(async () => {
  ({ sandbox, env, repo } = await stageFor('main'));
  const applied = await zdctl(['apply', '--instance', 'main', '--auto-approve'], { cwd: repo.dir, env });
  expect(applied.code).toBe(0);
  for (const name of ['fresh', 'again']) {
    mkdirSync(path.join(repo.dir, `instances/${name}`));
    writeFileSync(path.join(repo.dir, `instances/${name}/instance.yaml`), 'subdomain: acme\n');
  }
});
afterAll(async () => {
  await sandbox.stop();
  repo.remove();
});

const run = (...argv: string[]) => zdctl(argv, { cwd: repo.dir, env });
const instanceFile = (instance: string, relative: string) => readFileSync(path.join(repo.dir, 'instances', instance, relative), 'utf8');

/** Every file under a folder, relative path → content. */
function tree(dir: string, relative = ''): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(path.join(dir, relative)).sort()) {
    const child = relative ? `${relative}/${name}` : name;
    if (statSync(path.join(dir, child)).isDirectory()) Object.assign(files, tree(dir, child));
    else files[child] = readFileSync(path.join(dir, child), 'utf8');
  }
  return files;
}

describe('zdctl import into a folder that has only instance.yaml', () => {
  it('writes the whole tree from list requests only', async () => {
    sandbox.clearRequests();
    const imported = await run('import', '--instance', 'fresh');
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toBe(`Imported instances/fresh from ${sandboxPlace(env, 'acme')}: 88 created, 0 updated, 0 unchanged, 0 removed (115 files written).\n`);
    expect(imported.code).toBe(0);
    expect(sandbox.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    // one list per type zdctl can manage, one per other looked-up type (brands, targets), users by id;
    // no holidays: the instance does not manage schedules
    expect(sandbox.requests).toHaveLength(MANAGED_TYPES.length + 2 + 1);
    const files = Object.keys(tree(path.join(repo.dir, 'instances/fresh')));
    expect(files.filter((f) => f.endsWith('/_order.yaml'))).toEqual(['automations/_order.yaml', 'macros/_order.yaml', 'organization_fields/_order.yaml', 'ticket_fields/_order.yaml', 'ticket_forms/_order.yaml', 'triggers/_order.yaml', 'user_fields/_order.yaml', 'views/_order.yaml']);
    expect(files.filter((f) => f.startsWith('content/'))).toHaveLength(19);
  });

  it('passes validate, and a plan right after reports No changes.', async () => {
    const validated = await run('validate', '--instance', 'fresh');
    expect(validated.stdout).toBe('instances/fresh: valid, 88 objects, 0 errors\n');
    expect(validated.code).toBe(0);
    const planned = await run('plan', '--instance', 'fresh', '--detailed-exitcode');
    expect(planned.stdout).toMatch(/^No changes\.$/m);
    expect(planned.code).toBe(0);
  });

  it('writes names for ids, long bodies as content files, the modeline, and no category_id in triggers', () => {
    expect(instanceFile('fresh', 'triggers/notify-enterprise-support-of-new-enterprise-ticket.yaml')).toBe(
      [
        '# yaml-language-server: $schema=../../../schemas/trigger.schema.json',
        'title: Notify Enterprise Support of new Enterprise ticket',
        'conditions:',
        '  all:',
        '    - field: update_type',
        '      operator: is',
        '      value: Create',
        "    - field: 'Field: Product tier'",
        '      operator: is',
        '      value: tier_enterprise',
        '  any: []',
        'actions:',
        '  - field: notification_group',
        '    value:',
        "      - 'Group: Enterprise Support'",
        "      - 'New Enterprise ticket: {{ticket.title}}'",
        '      - file: content/triggers/notify-enterprise-support-of-new-enterprise-ticket.md',
        '',
      ].join('\n'),
    );
    expect(instanceFile('fresh', 'content/triggers/notify-enterprise-support-of-new-enterprise-ticket.md')).toBe(instanceFile('main', 'content/emails/enterprise-new-ticket.md'));
    expect(parse(instanceFile('fresh', 'triggers/_order.yaml'))).toEqual(parse(instanceFile('main', 'triggers/_order.yaml')));
    expect(instanceFile('fresh', 'ticket_fields/_order.yaml').split('\n')[0]).toBe('# yaml-language-server: $schema=../../../schemas/order.schema.json');
  });

  it('is deterministic: the same live state gives byte-identical files', async () => {
    expect((await run('import', '--instance', 'again')).code).toBe(0);
    const first = tree(path.join(repo.dir, 'instances/fresh'));
    const second = tree(path.join(repo.dir, 'instances/again'));
    expect(second).toEqual(first);
    const repeated = await run('import', '--instance', 'fresh');
    expect(repeated.stdout).toBe(`Imported instances/fresh from ${sandboxPlace(env, 'acme')}: 0 created, 0 updated, 88 unchanged, 0 removed (0 files written).\n`);
    expect(tree(path.join(repo.dir, 'instances/fresh'))).toEqual(first);
  });
});

describe('zdctl import into an instance folder that has files', () => {
  it('changes only what changed live, keeping comments; adds a key the file leaves out that drifted from its default; adds new objects, removes deleted ones', async () => {
    const macroFile = path.join(repo.dir, 'instances/main/macros/billing-send-invoice-copy.yaml');
    writeFileSync(macroFile, readFileSync(macroFile, 'utf8').replace('active: true', 'active: true # reviewed by billing'));
    const untouched = readFileSync(path.join(repo.dir, 'instances/main/macros/take-it.yaml'), 'utf8');
    const macros = sandbox.dump().macros!;
    sandbox.seed({
      macros: [
        ...macros
          .filter((m) => m.title !== 'General::Close - no response')
          .map((m) => (m.title === 'Billing::Send invoice copy' ? { ...m, description: 'Not in the file: left out', actions: [(m.actions as unknown[])[0], { field: 'status', value: 'pending' }] } : m)),
        { id: 999002, title: 'Made in Zendesk', active: true, position: 99, actions: [{ field: 'status', value: 'pending' }] },
      ],
    });
    const imported = await run('import', '--instance', 'main', '--type', 'macros');
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toBe(
      ['removed instances/main/macros/general-close-no-response.yaml', `Imported instances/main from ${sandboxPlace(env, 'acme')}: 1 created, 1 updated, 10 unchanged, 1 removed (3 files written).`, ''].join('\n'),
    );
    expect(readFileSync(macroFile, 'utf8')).toBe(
      [
        '# yaml-language-server: $schema=../../../schemas/macro.schema.json',
        'title: Billing::Send invoice copy',
        'active: true # reviewed by billing',
        'restriction:',
        '  type: Group',
        '  ids:',
        "    - 'Group: Billing'",
        'actions:',
        '  - field: comment_value',
        // untouched values keep their comments, but a long plain line is re-flowed (yaml writes it on one line)
        '    value: Hi {{ticket.requester.first_name}}, a copy of the invoice you asked for is attached. You can also download every invoice from the Billing Portal under Invoices.',
        '  - field: status',
        '    value: pending',
        // left out of the file it meant Zendesk's default (none): now it holds something else live
        "description: 'Not in the file: left out'",
        '',
      ].join('\n'),
    );
    expect(readFileSync(path.join(repo.dir, 'instances/main/macros/take-it.yaml'), 'utf8')).toBe(untouched);
    expect(instanceFile('main', 'macros/made-in-zendesk.yaml')).toBe(
      ['# yaml-language-server: $schema=../../../schemas/macro.schema.json', 'title: Made in Zendesk', 'actions:', '  - field: status', '    value: pending', ''].join('\n'),
    );
    expect(parse(instanceFile('main', 'macros/_order.yaml'))).toHaveLength(12);
    const planned = await run('plan', '--instance', 'main', '--detailed-exitcode', '--target', 'macros');
    expect(planned.stdout).toMatch(/^No changes\.$/m);
  });

  it('refuses to start while a file does not parse, before any request', async () => {
    writeFileSync(path.join(repo.dir, 'instances/again/views/broken.yaml'), 'title: [unclosed\n');
    sandbox.clearRequests();
    const refused = await run('import', '--instance', 'again');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^instances\/again\/views\/broken\.yaml:\d+:\d+: error: /);
    expect(refused.stderr).toMatch(/instances\/again: 1 error, nothing was changed\n$/);
    expect(sandbox.requests).toEqual([]);
  });

  it('refuses an unknown --type, naming the types', async () => {
    const refused = await run('import', '--instance', 'main', '--type', 'tickets');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(`--type tickets: not a type zdctl manages (types: ${MANAGED_TYPES.join(', ')})\n`);
  });
});
