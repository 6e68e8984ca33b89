import { afterEach, describe, expect, it } from 'vitest';
import { loadInstance } from '../../src/model/instance.js';
import { SchemaSet } from '../../src/model/schemas.js';
import { buildPlan } from '../../src/plan/build.js';
import { desiredStateOf } from '../../src/plan/desired.js';
import { summaryLine } from '../../src/plan/types.js';
import { MANAGED_TYPES, type ManagedType } from '../../src/resources/index.js';
import type { ApiObject, LiveState } from '../../src/resources/live.js';
import { minimalInstance, tempRepo, type TempRepo } from '../helpers/temp-repo.js';

const schemas = new SchemaSet();
let repo: TempRepo | undefined;
afterEach(() => repo?.remove());

function plan(files: Record<string, string>, live: Partial<Record<ManagedType, ApiObject[]>>, lookups: LiveState['lookups'] = {}, instanceYaml = 'subdomain: test\n') {
  repo = tempRepo({ ...minimalInstance(files), 'instances/t/instance.yaml': instanceYaml });
  const instance = loadInstance(repo.dir, 't', schemas);
  expect(instance.diagnostics).toEqual([]);
  const state: LiveState = { objects: Object.fromEntries(MANAGED_TYPES.map((t) => [t, live[t] ?? []])) as LiveState['objects'], lookups };
  return buildPlan(desiredStateOf(instance), state, { zdctlVersion: 'test', now: new Date('2026-01-01T00:00:00Z') });
}

const liveTrigger = (id: number, title: string, extra: Record<string, unknown> = {}): ApiObject => ({
  url: `https://test.zendesk.com/api/v2/triggers/${id}.json`,
  id,
  title,
  raw_title: title,
  active: true,
  position: id,
  description: null,
  conditions: { all: [{ field: 'status', operator: 'is', value: 'new' }], any: [] },
  actions: [{ field: 'status', value: 'open' }],
  category_id: '9001',
  created_at: '2025-01-01T00:00:00Z',
  updated_at: '2025-01-01T00:00:00Z',
  ...extra,
});
const liveCategory = (id: string, name: string, position: number): ApiObject => ({ id, name, position, url: `u/${id}`, created_at: 'x', updated_at: 'x' });
const triggerFile = (title: string, extra = '') => `title: ${title}\n${extra}conditions:\n  all:\n    - {field: status, operator: is, value: new}\nactions:\n  - {field: status, value: open}\n`;
const oneCategory = { 'trigger_categories/n.yaml': 'name: Notifications\n' };

describe('buildPlan', () => {
  it('plans no changes when live matches the files (ids, urls, raw_title, positions ignored)', () => {
    const { plan: result, diagnostics } = plan(
      { ...oneCategory, 'triggers/a.yaml': triggerFile('A'), 'triggers/_order.yaml': '- Notifications: [A]\n' },
      { trigger_categories: [liveCategory('9001', 'Notifications', 1)], triggers: [liveTrigger(1, 'A')] },
    );
    expect(diagnostics).toEqual([]);
    expect(result.changes).toEqual([]);
    expect(summaryLine(result.summary)).toBe('No changes.');
  });

  it('creates what has no live object, and a new field before the trigger that uses it', () => {
    const { plan: result } = plan(
      {
        'ticket_fields/tier.yaml': 'title: Tier\ntype: tagger\ncustom_field_options:\n  - {name: Pro, value: tier_pro}\n',
        'triggers/a.yaml': 'title: A\ncategory_id: "Category: Notifications"\nconditions:\n  all:\n    - {field: "Field: Tier", operator: is, value: tier_pro}\nactions:\n  - {field: status, value: open}\n',
        ...oneCategory,
      },
      {},
    );
    expect(result.changes.map((c) => [c.action, c.address, c.depends_on])).toEqual([
      ['create', 'ticket_fields/Tier', []],
      ['create', 'trigger_categories/Notifications', []],
      ['create', 'triggers/A', ['create ticket_fields/Tier', 'create trigger_categories/Notifications']],
    ]);
    expect(summaryLine(result.summary)).toBe('Plan: 3 to create, 0 to update, 0 to delete, 0 to reorder.');
  });

  it('updates only the keys that differ, and follows a rename through previous_title', () => {
    const { plan: result } = plan(
      { ...oneCategory, 'triggers/a.yaml': triggerFile('New name', 'previous_title: Old name\nactive: false\ncategory_id: "Category: Notifications"\n') },
      { trigger_categories: [liveCategory('9001', 'Notifications', 1)], triggers: [liveTrigger(7, 'Old name')] },
    );
    expect(result.changes).toHaveLength(1);
    expect(result.changes[0]).toMatchObject({
      action: 'update',
      address: 'triggers/New name',
      id: 7,
      changed_keys: ['title', 'active'],
      reason: 'changed: title, active (renamed from "Old name")',
    });
  });

  it('compares conditions as a set and numbers as Zendesk echoes them', () => {
    const { plan: result } = plan(
      {
        'automations/a.yaml': 'title: Close\nconditions:\n  all:\n    - {field: SOLVED, operator: greater_than, value: 96}\n    - {field: status, operator: is, value: solved}\nactions:\n  - {field: status, value: closed}\n',
      },
      {
        automations: [
          {
            id: 3,
            title: 'Close',
            raw_title: 'Close',
            active: true,
            position: 1,
            conditions: { all: [{ field: 'status', operator: 'is', value: 'solved' }, { field: 'SOLVED', operator: 'greater_than', value: '96' }], any: [] },
            actions: [{ field: 'status', value: 'closed' }],
          },
        ],
      },
    );
    expect(result.changes).toEqual([]);
  });

  it('reads a view back from execution and group names from ids', () => {
    const { plan: result, diagnostics } = plan(
      {
        'ticket_fields/tier.yaml': 'title: Tier\ntype: text\n',
        'views/v.yaml': 'title: Queue\nconditions:\n  all:\n    - {field: group_id, operator: is, value: "Group: Tier 2"}\noutput:\n  columns: [subject, "Field: Tier"]\n  sort_by: created\n',
      },
      {
        ticket_fields: [{ id: 55, title: 'Tier', raw_title: 'Tier', type: 'text', position: 1 }],
        views: [
          {
            id: 4,
            title: 'Queue',
            raw_title: 'Queue',
            active: true,
            position: 0,
            conditions: { all: [{ field: 'group_id', operator: 'is', value: 801 }], any: [] },
            execution: { group_by: null, group_order: 'asc', sort_by: 'created', sort_order: 'desc', columns: [{ id: 'subject', title: 'Subject' }, { id: 55, title: 'Tier' }] },
          },
        ],
      },
      { groups: [{ id: 801, name: 'Tier 2' }] },
    );
    expect(diagnostics).toEqual([]);
    expect(result.changes).toEqual([]);
  });

  it('reads the Subject column back as written (description), and takes subject in a file as the same column', () => {
    const live = {
      views: [
        {
          id: 4,
          title: 'Queue',
          active: true,
          position: 0,
          conditions: { all: [{ field: 'status', operator: 'less_than', value: 'solved' }], any: [] },
          execution: { columns: [{ id: 'nice_id', title: 'ID' }, { id: 'subject', title: 'Subject' }] },
        },
      ],
    };
    const view = (column: string) => `title: Queue\nconditions:\n  all:\n    - {field: status, operator: less_than, value: solved}\noutput:\n  columns: [nice_id, ${column}]\n`;
    expect(plan({ 'views/v.yaml': view('description') }, live).plan.changes).toEqual([]);
    expect(plan({ 'views/v.yaml': view('subject') }, live).plan.changes).toEqual([]);
    expect(plan({ 'views/v.yaml': view('requester') }, live).plan.changes.map((c) => c.changed_keys)).toEqual([['output']]);
  });

  it('reports an unknown group with the nearest names', () => {
    const { diagnostics } = plan(
      { 'macros/m.yaml': 'title: M\nactions:\n  - {field: group_id, value: "Group: Tier 3"}\n' },
      {},
      { groups: [{ id: 801, name: 'Tier 2' }, { id: 802, name: 'Billing' }] },
    );
    expect(diagnostics).toEqual([
      {
        severity: 'error',
        code: 'unknown-name',
        summary: 'Group: Tier 3 does not exist in the live instance',
        address: 'macros/M',
        source: { file: 'instances/t/macros/m.yaml', line: 3, column: 30 },
        detail: 'did you mean "Group: Tier 2"?',
      },
    ]);
  });

  it('applies the unmanaged policy: ignore lists, deactivate, delete; default objects never', () => {
    const live = {
      macros: [
        { id: 1, title: 'Kept', active: true, position: 1, actions: [] },
        { id: 2, title: 'Stray', active: true, position: 2, actions: [] },
      ],
      ticket_forms: [{ id: 10, name: 'Default Ticket Form', default: true, active: true, ticket_field_ids: [] }],
    };
    const files = { 'macros/k.yaml': 'title: Kept\nactions: []\n' };
    expect(plan(files, live).plan.unmanaged).toEqual([
      { type: 'ticket_forms', key: 'Default Ticket Form', id: 10, policy: 'ignore' },
      { type: 'macros', key: 'Stray', id: 2, policy: 'ignore' },
    ]);
    expect(plan(files, live, {}, 'subdomain: test\nunmanaged: deactivate\n').plan.changes.map((c) => [c.action, c.address])).toEqual([['deactivate', 'macros/Stray']]);
    expect(plan(files, live, {}, 'subdomain: test\nunmanaged: {macros: delete}\n').plan.changes.map((c) => [c.action, c.address])).toEqual([['delete', 'macros/Stray']]);
  });

  it("shows a field's type change as a replace: delete, then create", () => {
    const { plan: result } = plan({ 'ticket_fields/v.yaml': 'title: Version\ntype: integer\n' }, { ticket_fields: [{ id: 5, title: 'Version', raw_title: 'Version', type: 'text', position: 1, removable: true }] });
    expect(result.changes.map((c) => [c.action, c.address, c.replace, c.depends_on])).toEqual([
      ['delete', 'ticket_fields/Version', true, []],
      ['create', 'ticket_fields/Version', true, ['delete ticket_fields/Version']],
    ]);
  });

  it('refuses to delete a field that a live trigger still uses', () => {
    const { diagnostics } = plan(
      {},
      {
        ticket_fields: [{ id: 5, title: 'Old', raw_title: 'Old', type: 'text', position: 1, removable: true }],
        triggers: [liveTrigger(1, 'Uses old', { conditions: { all: [{ field: 'custom_fields_5', operator: 'present', value: null }], any: [] } })],
      },
      {},
      'subdomain: test\nunmanaged: {ticket_fields: delete}\n',
    );
    expect(diagnostics).toEqual([
      {
        severity: 'error',
        code: 'in-use',
        summary: 'cannot delete ticket_fields/Old: still used by triggers/Uses old (live)',
        address: 'ticket_fields/Old',
        detail: 'remove those references first (or delete those objects in the same change); zdctl never deletes something that is in use',
      },
    ]);
  });

  it('plans one reorder for a changed _order.yaml, and none when live already matches', () => {
    const files = {
      'macros/a.yaml': 'title: A\nactions: []\n',
      'macros/b.yaml': 'title: B\nactions: []\n',
      'macros/_order.yaml': '- B\n- A\n',
    };
    const live = (positions: [number, number]) => ({
      macros: [
        { id: 1, title: 'A', active: true, position: positions[0], actions: [] },
        { id: 2, title: 'B', active: true, position: positions[1], actions: [] },
      ],
    });
    expect(plan(files, live([1, 2])).plan.changes).toEqual([
      { address: 'macros', type: 'macros', action: 'reorder', key: 'macros', order: { before: ['A', 'B'], after: ['B', 'A'] }, reason: 'macros/_order.yaml differs from the live order', depends_on: [] },
    ]);
    expect(plan(files, live([2, 1])).plan.changes).toEqual([]);
  });

  it('reorders triggers across categories from triggers/_order.yaml', () => {
    const { plan: result } = plan(
      {
        'trigger_categories/n.yaml': 'name: Notifications\n',
        'trigger_categories/r.yaml': 'name: Routing\n',
        'triggers/a.yaml': triggerFile('A'),
        'triggers/b.yaml': triggerFile('B'),
        'triggers/_order.yaml': '- Routing: [B]\n- Notifications: [A]\n',
      },
      {
        trigger_categories: [liveCategory('9001', 'Notifications', 1), liveCategory('9002', 'Routing', 2)],
        triggers: [liveTrigger(1, 'A'), liveTrigger(2, 'B')],
      },
    );
    expect(result.changes.map((c) => [c.action, c.address, c.changed_keys ?? c.order])).toEqual([
      ['update', 'triggers/B', ['category_id']],
      [
        'reorder',
        'triggers',
        {
          before: [
            { category: 'Notifications', titles: ['A'] },
            { category: 'Routing', titles: ['B'] },
          ],
          after: [
            { category: 'Routing', titles: ['B'] },
            { category: 'Notifications', titles: ['A'] },
          ],
        },
      ],
    ]);
  });

  describe('a rule on a user drop-down field names the option by value; Zendesk holds its id', () => {
    const tierFile = (extraOption = '') => `key: tier\ntype: dropdown\ntitle: Tier\ncustom_field_options:\n  - {name: Gold, value: tier_gold}\n  - {name: Silver, value: tier_silver}\n${extraOption}`;
    const liveTier: ApiObject = { id: 1, key: 'tier', type: 'dropdown', title: 'Tier', position: 1, custom_field_options: [{ id: 101, name: 'Gold', value: 'tier_gold', position: 0 }, { id: 102, name: 'Silver', value: 'tier_silver', position: 1 }] };
    const tierTrigger = (value: string) => triggerFile('A', 'category_id: "Category: Notifications"\n').replace('conditions:\n  all:\n', `conditions:\n  all:\n    - {field: requester.custom_fields.tier, operator: is, value: ${value}}\n`);
    const liveTierTrigger = (value: unknown) => liveTrigger(7, 'A', { conditions: { all: [{ field: 'requester.custom_fields.tier', operator: 'is', value }, { field: 'status', operator: 'is', value: 'new' }], any: [] } });
    const category = [liveCategory('9001', 'Notifications', 1)];

    it('creates the field before the trigger, and sends nothing but the value in the plan', () => {
      const { plan: result, diagnostics } = plan({ ...oneCategory, 'user_fields/tier.yaml': tierFile(), 'triggers/a.yaml': tierTrigger('tier_gold') }, { trigger_categories: category });
      expect(diagnostics).toEqual([]);
      expect(result.changes.map((c) => [c.action, c.address, c.depends_on])).toEqual([
        ['create', 'user_fields/tier', []],
        ['create', 'triggers/A', ['create user_fields/tier']],
      ]);
    });

    it('reads the live option id back as the value: no changes', () => {
      const { plan: result, diagnostics } = plan({ ...oneCategory, 'user_fields/tier.yaml': tierFile(), 'triggers/a.yaml': tierTrigger('tier_gold') }, { trigger_categories: category, user_fields: [liveTier], triggers: [liveTierTrigger('101')] });
      expect(diagnostics).toEqual([]);
      expect(summaryLine(result.summary)).toBe('No changes.');
    });

    it('a new option: the trigger waits for the update of the field that adds it', () => {
      const { plan: result, diagnostics } = plan(
        { ...oneCategory, 'user_fields/tier.yaml': tierFile('  - {name: Platinum, value: tier_platinum}\n'), 'triggers/a.yaml': tierTrigger('tier_platinum') },
        { trigger_categories: category, user_fields: [liveTier], triggers: [liveTierTrigger(101)] },
      );
      expect(diagnostics).toEqual([]);
      expect(result.changes.map((c) => [c.action, c.address, c.depends_on])).toEqual([
        ['update', 'user_fields/tier', []],
        ['update', 'triggers/A', ['update user_fields/tier']],
      ]);
      const tierValue = (object: Record<string, unknown> | undefined) => (object?.conditions as { all: { value: unknown }[] }).all[0]!.value;
      expect([tierValue(result.changes[1]!.before), tierValue(result.changes[1]!.after)]).toEqual(['tier_gold', 'tier_platinum']);
    });

    it('reports a value the live field does not have, at its line, with the nearest values', () => {
      const { diagnostics } = plan({ ...oneCategory, 'triggers/a.yaml': tierTrigger('tier_gld') }, { trigger_categories: category, user_fields: [liveTier] });
      expect(diagnostics).toEqual([
        {
          severity: 'error',
          code: 'unknown-name',
          summary: 'user field "tier" has no option with value "tier_gld"',
          address: 'triggers/A',
          source: { file: 'instances/t/triggers/a.yaml', line: 5, column: 66 },
          detail: 'did you mean "tier_gold"?',
        },
      ]);
    });

    it('leaves values on other user field types as they are', () => {
      const nickname: ApiObject = { id: 2, key: 'tier', type: 'text', title: 'Tier', position: 1 };
      const { plan: result, diagnostics } = plan(
        { ...oneCategory, 'user_fields/tier.yaml': 'key: tier\ntype: text\ntitle: Tier\n', 'triggers/a.yaml': tierTrigger("'101'") },
        { trigger_categories: category, user_fields: [nickname], triggers: [liveTierTrigger('101')] },
      );
      expect(diagnostics).toEqual([]);
      expect(summaryLine(result.summary)).toBe('No changes.');
    });
  });

  it('refuses to guess between two live objects with the same title', () => {
    const { diagnostics } = plan({ 'macros/a.yaml': 'title: Twin\nactions: []\n' }, { macros: [{ id: 1, title: 'Twin', position: 1 }, { id: 2, title: 'Twin', position: 2 }] });
    expect(diagnostics).toEqual([
      {
        severity: 'error',
        code: 'duplicate-live',
        summary: '2 live macros are called "Twin" (ids 1, 2)',
        address: 'macros/Twin',
        source: { file: 'instances/t/macros/a.yaml', line: 1, column: 1 },
        detail: 'zdctl cannot tell which one this file manages; rename or delete the extra ones in Zendesk first',
      },
    ]);
  });
});
