import { recordInvalid } from '../http.js';
import type { ApiObject, ManagedType } from '../model.js';
import { ticketFieldTypeKnown, userFieldTypeKnown } from '../rules/field-type-known.js';
import { immutableFieldType } from '../rules/immutable-field-type.js';
import { optionValues } from '../rules/option-values.js';
import { requiredValue } from '../rules/required-value.js';
import { uniqueFieldKey } from '../rules/unique-field-key.js';
import { uniqueTicketFieldTags } from '../rules/unique-ticket-field-tags.js';
import { appendPosition, byPositionThenId, numberOr, type ResourceDescriptor, type WriteContext } from './descriptor.js';
import { replaceOptionSet } from './option-set.js';
import { removeFieldFromForms } from './ticket-forms.js';

// Spec, POST /{ticket,user,organization}_fields: text is the type "when no type is specified".
const DEFAULT_FIELD_TYPE = 'text';

const fieldDefaults = {
  idKind: 'number',
  pagination: 'cursor',
  errorStyle: 'classic',
  updateMethod: 'PUT',
  createStatus: 201,
  destroyMany: false,
  activeList: false,
  listOrder: byPositionThenId,
  referenceRules: [],
} as const;

function prepareOptions(withDefault: boolean) {
  return (input: ApiObject, { store, existing }: WriteContext): ApiObject => {
    if (!('custom_field_options' in input)) return input;
    return { ...input, custom_field_options: replaceOptionSet(input.custom_field_options, existing, store, withDefault) };
  };
}

// Template: salto ticket_fields (custom fields at position 9999, removable, agent_description null).
export const ticketFields: ResourceDescriptor = {
  ...fieldDefaults,
  type: 'ticket_fields',
  singular: 'ticket_field',
  // Spec: "If the results are not paginated, every field is returned ... in the order specified by the position";
  // "Cursor pagination ... fields are returned in the order specified by their id".
  unpaginated: 'all',
  cursorOrder: (field) => [numberOr(field.id, 0)],
  writable: [
    'type', 'title', 'description', 'position', 'active', 'required', 'collapsed_for_agents', 'regexp_for_validation',
    'title_in_portal', 'visible_in_portal', 'editable_in_portal', 'required_in_portal', 'tag', 'custom_field_options',
    'agent_description', 'sub_type_id', 'relationship_target_type', 'relationship_filter',
  ],
  // `type` stays writable on update so that a change reaches immutableFieldType and is refused.
  createOnly: [],
  template: () => ({
    url: null, id: null, type: DEFAULT_FIELD_TYPE, title: null, raw_title: null, description: '', raw_description: '',
    position: null, active: true, required: false, collapsed_for_agents: false, regexp_for_validation: null,
    title_in_portal: null, raw_title_in_portal: null, visible_in_portal: false, editable_in_portal: false,
    required_in_portal: false, tag: null, created_at: null, updated_at: null, removable: true, agent_description: null,
  }),
  mirrors: [['raw_title', 'title'], ['raw_description', 'description'], ['raw_title_in_portal', 'title_in_portal']],
  // Recorded: every custom ticket field in the cassettes and in salto sits at 9999.
  newPosition: () => 9999,
  rules: [requiredValue('title'), ticketFieldTypeKnown, immutableFieldType, optionValues, uniqueTicketFieldTags],
  prepare: (input, context) => {
    const prepared = prepareOptions(true)(input, context);
    // Recorded (cassette ZendeskAPI_TicketField): title_in_portal follows the title unless given.
    if (!context.existing && prepared.title_in_portal === undefined) prepared.title_in_portal = prepared.title;
    return prepared;
  },
  // System fields (removable: false) cannot be deleted; a deleted field leaves every form.
  beforeDelete: (field, store) => {
    if (field.removable === false) {
      return recordInvalid([{ field: 'base', description: 'This field is a system field and cannot be deleted', error: 'InvalidValue' }]);
    }
    removeFieldFromForms(store, field.id);
    return undefined;
  },
  keyInPath: false,
  updateMany: undefined,
  showMany: true,
  reorder: 'ticket_field_ids',
  optionEndpoints: true,
};

// Template: salto user_fields / organization_fields (14 keys, `system: false`); new fields go last
// (cassette: the first user field created is at position 0).
function customerField(type: ManagedType, singular: string, reorder: string, optionEndpoints: boolean): ResourceDescriptor {
  return {
    ...fieldDefaults,
    type,
    singular,
    unpaginated: 'offset',
    writable: [
      'type', 'key', 'title', 'description', 'position', 'active', 'regexp_for_validation', 'tag', 'custom_field_options',
      'relationship_target_type', 'relationship_filter',
    ],
    // Not recorded: a key change is ignored, as Rails does with read-only attributes (SPEC: a new key is a replace).
    createOnly: ['key'],
    template: () => ({
      url: null, id: null, type: DEFAULT_FIELD_TYPE, key: null, title: null, description: '', raw_title: null, raw_description: '',
      position: null, active: true, system: false, regexp_for_validation: null, created_at: null, updated_at: null,
    }),
    mirrors: [['raw_title', 'title'], ['raw_description', 'description']],
    newPosition: appendPosition(type),
    rules: [requiredValue('title'), userFieldTypeKnown, immutableFieldType, uniqueFieldKey(type), optionValues],
    prepare: prepareOptions(false),
    keyInPath: true,
    showMany: type === 'user_fields',
    reorder,
    optionEndpoints,
  };
}

export const userFields = customerField('user_fields', 'user_field', 'user_field_ids', true);
// Spec: organization field options have no endpoints of their own; they change through a PUT of the field.
export const organizationFields = customerField('organization_fields', 'organization_field', 'organization_field_ids', false);

