import { MANAGED_TYPES } from '../../resources/index.js';
import { error, type Diagnostic } from '../diagnostics.js';
import { addressOf, type ValidationRule } from './rule.js';

/** Two files may not claim the same natural key: zdctl could not tell which one the live object is. */
export const duplicateIdentity: ValidationRule = {
  name: 'duplicate-identity',
  description: 'each object of a type has its own title, name or key',
  check: ({ objectsOf }) =>
    MANAGED_TYPES.flatMap((type) => {
      const firstByKey = new Map<string, string>();
      const found: Diagnostic[] = [];
      for (const object of objectsOf(type)) {
        const first = firstByKey.get(object.key);
        if (first === undefined) firstByKey.set(object.key, object.file);
        else
          found.push(
            error('duplicate-identity', `"${object.key}" is already defined in ${first}`, {
              address: addressOf(object),
              source: object.yaml.locate([]),
              detail: 'give one of them another title, name or key',
            }),
          );
      }
      return found;
    }),
};
