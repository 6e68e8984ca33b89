import { optionValuesInFiles } from '../../resources/field-options.js';
import { DESCRIPTORS, isManagedType, MANAGED_TYPES } from '../../resources/index.js';
import { findReferences } from '../../resources/references.js';
import { error, type Diagnostic } from '../diagnostics.js';
import { didYouMean } from '../suggest.js';
import { addressOf, type ValidationRule } from './rule.js';

/**
 * A condition or action on a user or organization drop-down field that has a file names one of the
 * options that file lists, by value. A value of digits that is no option value may be a raw option
 * id (the escape hatch): plan checks it against the live field. Fields without a file: plan checks.
 */
export const optionReferences: ValidationRule = {
  name: 'unknown-option',
  description: 'a condition or action on a user or organization drop-down field names one of its option values',
  check: ({ objectsOf }) => {
    const fields = optionValuesInFiles(MANAGED_TYPES.flatMap((type) => objectsOf(type).map((o) => ({ type, key: o.key, object: o.data }))));
    const dropdowns = { isOptionField: (address: string) => Boolean(fields.get(address)) };
    return MANAGED_TYPES.flatMap((type) =>
      objectsOf(type).flatMap((object) =>
        findReferences(DESCRIPTORS[type], object.data, dropdowns).flatMap((reference): Diagnostic[] => {
          if (reference.kind !== 'Option' || reference.name === undefined || reference.rawId !== undefined) return [];
          const values = fields.get(reference.scope!)!;
          if (values.includes(reference.name)) return [];
          const { summary, detail } = unknownOption(reference.scope!, reference.name, values);
          return [error('unknown-option', summary, { address: addressOf(object), source: object.yaml.locate(reference.path), detail })];
        }),
      ),
    );
  },
};

/** What to say about an option value a drop-down field does not have (validate and plan). */
export function unknownOption(address: string, value: string, values: readonly string[]): { summary: string; detail: string } {
  const [type, key] = address.split('/') as [string, string];
  const field = `${isManagedType(type) ? DESCRIPTORS[type].singular.replace(/_/g, ' ') : type} "${key}"`;
  const close = didYouMean(value, values);
  const listed = values.length > 10 ? `${values.slice(0, 10).join(', ')}, …` : values.join(', ');
  return {
    summary: `${field} has no option with value "${value}"`,
    detail:
      close.length > 0
        ? `did you mean ${close.map((c) => `"${c}"`).join(' or ')}?`
        : values.length > 0
          ? `name one of its option values: ${listed}`
          : 'it has no options; add one to its custom_field_options',
  };
}
