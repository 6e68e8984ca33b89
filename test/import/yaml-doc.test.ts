import { describe, expect, it } from 'vitest';
import { newFileText, replacedListText, updatedFileText } from '../../src/import/yaml-doc.js';

const file = [
  '# yaml-language-server: $schema=../../../schemas/trigger.schema.json',
  '# Routes billing mail. Owner: billing team.',
  'title: Route billing',
  'previous_title: Billing routing',
  'description: Old text # to be reworded',
  'active: true # keep on',
  'conditions:',
  '  all:',
  '    - field: status # new tickets only',
  '      operator: is',
  '      value: new',
  '    - field: group_id',
  '      operator: is',
  "      value: 'Group: Billing'",
  '  any: []',
  'actions:',
  '  - field: priority',
  '    value: high # agreed with billing',
  '  - field: group_id',
  "    value: 'Group: Billing'",
  '',
].join('\n');

const have = {
  title: 'Route billing',
  description: 'Old text',
  active: true,
  conditions: { all: [{ field: 'status', operator: 'is', value: 'new' }, { field: 'group_id', operator: 'is', value: 'Group: Billing' }], any: [] },
  actions: [{ field: 'priority', value: 'high' }, { field: 'group_id', value: 'Group: Billing' }],
};

describe('updatedFileText', () => {
  it('rewrites only the changed values, keeping every other comment, zdctl-only keys and the conditions order', () => {
    const want = {
      ...have,
      description: 'New text',
      // the same conditions in another order: zdctl compares them as a set
      conditions: { all: [...have.conditions.all].reverse(), any: [] },
      actions: [{ field: 'priority', value: 'high' }, { field: 'group_id', value: 'Group: Tier 2' }],
    };
    const text = updatedFileText(file, want, { have, want }, ['previous_title']);
    expect(text).toBe(
      file
        .replace('description: Old text # to be reworded', 'description: New text # to be reworded')
        .replace("  - field: group_id\n    value: 'Group: Billing'\n", "  - field: group_id\n    value: 'Group: Tier 2'\n"),
    );
  });

  it('removes a key live no longer has, keeps one the file writes as its default, and adds one whose live value is not its default', () => {
    const { description: _gone, ...rest } = have;
    const want = { ...rest, restriction: { type: 'Group', ids: ['Group: Billing'] } };
    const text = updatedFileText(file, want, { have, want }, ['previous_title'], { description: null, restriction: null });
    expect(text).toBe(`${file.replace('description: Old text # to be reworded\n', '')}restriction:\n  type: Group\n  ids:\n    - 'Group: Billing'\n`);
    const cleared = updatedFileText(file.replace('Old text', "''"), rest, { have: { ...have, description: '' }, want: rest }, ['previous_title'], { description: null });
    expect(cleared).toBe(file.replace('Old text', "''"));
  });
});

describe('newFileText and replacedListText', () => {
  it('starts a new file with the modeline relative to the file, single-quoting where YAML needs quotes', () => {
    expect(newFileText('/repo/instances/a/views/x.yaml', '/repo', 'view.schema.json', { title: 'X', active: true, output: { columns: ['nice_id', 'Field: Tier'] }, note: 'true' })).toBe(
      ['# yaml-language-server: $schema=../../../schemas/view.schema.json', 'title: X', 'active: true', 'output:', '  columns:', '    - nice_id', "    - 'Field: Tier'", "note: 'true'", ''].join('\n'),
    );
  });

  it('replaces an order list and keeps the comments above it', () => {
    const order = '# yaml-language-server: $schema=../../../schemas/order.schema.json\n# Most used first.\n- A\n- B\n';
    expect(replacedListText(order, ['B', 'A', 'C'])).toBe('# yaml-language-server: $schema=../../../schemas/order.schema.json\n# Most used first.\n- B\n- A\n- C\n');
  });
});
