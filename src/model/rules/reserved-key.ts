import { LOCK_FIELD_KEY } from '../../resources/reserved.js';
import { error } from '../diagnostics.js';
import { addressOf, type ValidationRule } from './rule.js';

/** zdctl's instance lock is a user field with a fixed key; a file that managed it would fight every apply. */
export const reservedKey: ValidationRule = {
  name: 'reserved-key',
  description: `no user field may have the key ${LOCK_FIELD_KEY} (zdctl's instance lock)`,
  check: ({ objectsOf }) =>
    objectsOf('user_fields')
      .filter((field) => field.key === LOCK_FIELD_KEY)
      .map((field) =>
        error('reserved-key', `the key "${LOCK_FIELD_KEY}" is zdctl's instance lock`, {
          address: addressOf(field),
          source: field.yaml.locate(['key']),
          detail: 'choose another key; zdctl creates and deletes this field itself while apply or restore runs',
        }),
      ),
};
