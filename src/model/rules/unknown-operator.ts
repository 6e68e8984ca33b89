import { warning, type Diagnostic } from '../diagnostics.js';
import { didYouMean } from '../suggest.js';
import { DESCRIPTORS } from '../../resources/index.js';
import { rulesOf } from '../../resources/references.js';
import { addressOf, type ValidationRule } from './rule.js';

/** The condition operators Zendesk documents (Conditions reference); the schema's `operator` examples. */
export const KNOWN_OPERATORS: readonly string[] = [
  'is', 'is_not', 'less_than', 'greater_than', 'less_than_equal', 'greater_than_equal', 'changed', 'not_changed', 'value', 'not_value',
  'value_previous', 'not_value_previous', 'includes', 'not_includes', 'present', 'not_present', 'includes_words', 'not_includes_words',
  'includes_string', 'not_includes_string', 'within_previous_n_days', 'within_next_n_days', 'is_business_hours', 'less_than_business_hours',
  'greater_than_business_hours',
];

/**
 * Zendesk adds operators over time and real accounts answer with them: an operator zdctl does not
 * know is sent as it is (Zendesk itself refuses it if it is wrong), with a warning that may catch a typo.
 */
export const unknownOperator: ValidationRule = {
  name: 'unknown-operator',
  description: 'a condition operator Zendesk does not document is kept and sent as it is (warning)',
  check: ({ instance }) =>
    instance.objects.flatMap((object) =>
      // Every condition the type holds (business rules' conditions, SLA policies' filter); actions have no operator.
      rulesOf(DESCRIPTORS[object.type], object.data).flatMap(({ rule, path }): Diagnostic[] => {
        if (typeof rule.operator !== 'string' || KNOWN_OPERATORS.includes(rule.operator)) return [];
        const close = didYouMean(rule.operator, KNOWN_OPERATORS);
        return [
          warning('unknown-operator', `operator "${rule.operator}" is not one zdctl knows; it is sent to Zendesk as it is`, {
            address: addressOf(object),
            source: object.yaml.locate([...path, 'operator']),
            detail: close.length > 0 ? `did you mean ${close.map((c) => `"${c}"`).join(' or ')}?` : 'Zendesk refuses it on apply if it does not know it either',
          }),
        ];
      }),
    ),
};
