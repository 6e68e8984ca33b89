import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MANAGED_TYPES } from '../../src/resources/index.js';
import type { LiveState } from '../../src/resources/live.js';
import { readSnapshot } from '../../src/snapshot/read.js';
import { desiredFromSnapshot } from '../../src/snapshot/restore.js';
import { writeSnapshot } from '../../src/snapshot/write.js';

const parent = mkdtempSync(path.join(tmpdir(), 'zdctl-snapshot-'));
afterAll(() => rmSync(parent, { recursive: true, force: true }));

function snapshotOf(name: string, objects: Partial<LiveState['objects']>, lookups: LiveState['lookups'] = {}) {
  const dir = path.join(parent, name);
  const all = Object.fromEntries(MANAGED_TYPES.map((type) => [type, objects[type] ?? []])) as LiveState['objects'];
  writeSnapshot(dir, { kind: 'export', instance: 'src', subdomain: 'src', zdctlVersion: 'test', live: { objects: all, lookups } });
  return { dir, snapshot: readSnapshot(dir).snapshot! };
}

const target = { instance: 'dst', subdomain: 'dst', policyOf: () => 'ignore' as const };

describe('desiredFromSnapshot', () => {
  it('reads ids as the snapshot names them, orders by position, and leaves system fields out', () => {
    const { dir, snapshot } = snapshotOf(
      'named',
      {
        ticket_fields: [
          { id: 1, title: 'Subject', type: 'subject', removable: false, position: 1 },
          { id: 20, title: 'Tier', type: 'text', position: 9 },
          { id: 21, title: 'Region', type: 'text', position: 3 },
        ],
        macros: [{ id: 5, title: 'Assign to billing', active: true, position: 1, actions: [{ field: 'group_id', value: 70 }, { field: 'custom_fields_20', value: 'gold' }] }],
      },
      { groups: [{ id: 70, name: 'Billing' }] },
    );
    const { desired, diagnostics } = desiredFromSnapshot(snapshot, dir, target);
    expect(diagnostics).toEqual([]);
    expect(desired.objects.ticket_fields.map((e) => e.key)).toEqual(['Tier', 'Region']);
    expect(desired.orders.ticket_fields).toEqual(['Region', 'Tier']);
    expect(desired.objects.macros[0]!.object).toEqual({ title: 'Assign to billing', active: true, actions: [{ field: 'group_id', value: 'Group: Billing' }, { field: 'Field: Tier', value: 'gold' }] });
    expect(desired.objects.macros[0]!.source).toEqual({ file: `${dir}/objects/macros.json`, line: 2 });
  });

  it('restores two objects of a type with one title as title and title#2 (creation order), and warns of an id it cannot name, at the snapshot line', () => {
    const { dir, snapshot } = snapshotOf('twins', {
      views: [
        { id: 1, title: 'Queue', active: true, position: 1, conditions: { all: [{ field: 'group_id', operator: 'is', value: 404 }], any: [] } },
        { id: 2, title: 'Queue', active: true, position: 2, conditions: { all: [{ field: 'status', operator: 'is', value: 'new' }], any: [] } },
      ],
    });
    const { desired, diagnostics } = desiredFromSnapshot(snapshot, dir, target);
    expect(desired.objects.views.map((e) => e.key)).toEqual(['Queue', 'Queue#2']);
    expect(diagnostics).toEqual([
      { severity: 'warning', code: 'unnamed-id', summary: 'conditions.all.0.value holds group id 404, which the snapshot has no name for; it is restored as that raw id', address: 'views/Queue', source: { file: `${dir}/objects/views.json`, line: 12, column: 20 } },
    ]);
  });
});
