import { DESCRIPTORS, MANAGED_TYPES } from '../../resources/index.js';
import { error } from '../diagnostics.js';
import { addressOf, type ValidationRule } from './rule.js';

/**
 * zdctl: a macro or view restricted to one user is an agent's own and is left out of live state
 * unless instance.yaml says `personal: include`; a file for one would be created again at every
 * apply, never matched. Certainly a mistake, so an error that says how to opt in.
 */
export const personalRules: ValidationRule = {
  name: 'personal-rule',
  description: 'a file restricted to one user needs `personal: include` in instance.yaml',
  check: ({ instance, objectsOf }) => {
    if (instance.config?.personal === 'include') return [];
    return MANAGED_TYPES.filter((type) => DESCRIPTORS[type].isPersonal)
      .flatMap((type) => objectsOf(type).filter((object) => DESCRIPTORS[type].isPersonal!(object.data)))
      .map((object) =>
        error('personal-rule', 'restricted to one user, but this instance leaves personal macros and views alone', {
          address: addressOf(object),
          source: object.yaml.locate(['restriction']),
          detail: `add \`personal: include\` to ${instance.displayDir}/instance.yaml to manage personal macros and views, or restrict it to a group`,
        }),
      );
  },
};
