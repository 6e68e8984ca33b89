import { afterEach, expect, it } from 'vitest';
import { SchemaSet } from '../../src/model/schemas.js';
import { validateInstance } from '../../src/model/validate.js';
import { minimalInstance, tempRepo, type TempRepo } from '../helpers/temp-repo.js';

let repo: TempRepo | undefined;
afterEach(() => repo?.remove());

it('reserved-key: no file may manage the user field that is zdctl’s instance lock', () => {
  repo = tempRepo(minimalInstance({ 'user_fields/lock.yaml': 'key: zdctl_apply_lock\ntitle: Lock\ntype: text\n', 'user_fields/ok.yaml': 'key: zdctl_other\ntitle: Other\ntype: text\n' }));
  expect(validateInstance(repo.dir, 't', new SchemaSet()).diagnostics).toEqual([
    {
      severity: 'error',
      code: 'reserved-key',
      summary: 'the key "zdctl_apply_lock" is zdctl\'s instance lock',
      address: 'user_fields/zdctl_apply_lock',
      source: { file: 'instances/t/user_fields/lock.yaml', line: 1, column: 6 },
      detail: 'choose another key; zdctl creates and deletes this field itself while apply or restore runs',
    },
  ]);
});
