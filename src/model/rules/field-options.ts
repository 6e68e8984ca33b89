import { DESCRIPTORS, MANAGED_TYPES, type ManagedType } from '../../resources/index.js';
import { error, type Diagnostic } from '../diagnostics.js';
import type { DesiredObject } from '../instance.js';
import { addressOf, type ValidationRule } from './rule.js';

const TYPES_WITH_OPTIONS = new Set(['tagger', 'multiselect', 'dropdown']);

type FieldOption = { name?: unknown; value?: unknown };
export const optionsOf = (field: DesiredObject): FieldOption[] => (field.data.custom_field_options as FieldOption[] | undefined) ?? [];

const FIELD_TYPES = MANAGED_TYPES.filter((type) => DESCRIPTORS[type].hasOptions);
const fields = (objectsOf: (type: ManagedType) => readonly DesiredObject[]) => FIELD_TYPES.flatMap((type) => objectsOf(type));

/** Zendesk: option values are tags and must be unique within a field. */
export const uniqueOptionValues: ValidationRule = {
  name: 'unique-option-values',
  description: 'option values are unique within a field',
  check: ({ objectsOf }) =>
    fields(objectsOf).flatMap((field) => {
      const seen = new Map<string, number>();
      return optionsOf(field).flatMap((option, index): Diagnostic[] => {
        const value = String(option.value);
        const first = seen.get(value);
        if (first === undefined) {
          seen.set(value, index);
          return [];
        }
        return [
          error('unique-option-values', `option value "${value}" is used twice in this field (options ${first + 1} and ${index + 1})`, {
            address: addressOf(field),
            source: field.yaml.locate(['custom_field_options', index, 'value']),
            detail: 'each option needs its own value (it is the tag Zendesk sets on the ticket)',
          }),
        ];
      });
    }),
};

/**
 * Zendesk: a tag set by an active ticket field (checkbox tag or option value) may belong to one field only
 * (422 on details.base). An inactive field may share its tags: real accounts hold such pairs (salto:
 * two "Product components" fields, one inactive, both with component_a and component_b).
 */
export const uniqueTicketFieldTags: ValidationRule = {
  name: 'unique-field-tags',
  description: 'tags of active ticket fields (checkbox tags, option values) are unique across them',
  check: ({ objectsOf }) => {
    const owner = new Map<string, DesiredObject>();
    const found: Diagnostic[] = [];
    for (const field of objectsOf('ticket_fields').filter((f) => f.data.active !== false)) {
      const tags: { tag: string; path: (string | number)[] }[] = [
        ...(typeof field.data.tag === 'string' && field.data.tag ? [{ tag: field.data.tag, path: ['tag'] }] : []),
        ...optionsOf(field).map((option, index) => ({ tag: String(option.value), path: ['custom_field_options', index, 'value'] })),
      ];
      for (const { tag, path } of new Map(tags.map((t) => [t.tag, t])).values()) {
        const other = owner.get(tag);
        if (other && other !== field) {
          found.push(
            error('unique-field-tags', `tag "${tag}" is already used by ticket field "${other.key}" (${other.file})`, {
              address: addressOf(field),
              source: field.yaml.locate(path),
              detail: 'Zendesk answers 422 when two ticket fields set the same tag; choose another value',
            }),
          );
        } else owner.set(tag, field);
      }
    }
    return found;
  },
};

/**
 * Zendesk: drop-down types need options, other types may not have them; `tag` is for checkboxes, a
 * regexp field needs a pattern. Not checked, because real accounts hold them: a pattern on other
 * types (Zendesk returns its built-in one on date, integer and decimal fields), and whether a
 * pattern compiles (Zendesk's are Ruby regular expressions: `\A`, `\z`, `\h`, possessive
 * quantifiers, which JavaScript cannot compile).
 */
export const fieldTypeConsistency: ValidationRule = {
  name: 'field-type-consistency',
  description: 'a field has options exactly when its type is a drop-down; tag only on checkboxes; a regexp field has a pattern',
  check: ({ objectsOf }) =>
    fields(objectsOf).flatMap((field): Diagnostic[] => {
      const type = String(field.data.type);
      const found: Diagnostic[] = [];
      const report = (summary: string, path: string, detail: string) =>
        found.push(error('field-type-consistency', summary, { address: addressOf(field), source: field.yaml.locate([path]), detail }));
      const hasOptions = optionsOf(field).length > 0;
      if (TYPES_WITH_OPTIONS.has(type) && !hasOptions) report(`a ${type} field needs custom_field_options`, 'type', 'list at least one option: {name, value}');
      if (!TYPES_WITH_OPTIONS.has(type) && 'custom_field_options' in field.data) report(`a ${type} field cannot have custom_field_options`, 'custom_field_options', 'only tagger, multiselect and dropdown fields have options');
      if (field.data.tag != null && type !== 'checkbox') report(`a ${type} field cannot have a tag`, 'tag', 'only checkbox fields set a tag');
      if (type === 'regexp' && !field.data.regexp_for_validation) report('a regexp field needs regexp_for_validation', 'type', 'give the pattern, e.g. regexp_for_validation: "^[0-9]+$"');
      return found;
    }),
};
