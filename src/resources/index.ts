import { automations, macros, triggers, views } from './rules.js';
import { ticketFields } from './ticket-fields.js';
import { ticketForms } from './ticket-forms.js';
import { triggerCategories } from './trigger-categories.js';
import { dependencyOrder } from './type-order.js';
import { MANAGED_TYPES, type ManagedType, type ReferenceKind, type ResourceDescriptor } from './types.js';
import { organizationFields, userFields } from './user-fields.js';

export * from './types.js';
export { orderedWith, orderSchemaOf, typesPlacedBy } from './type-order.js';

/** Adding a type: write its descriptor and its schema, list it here and in MANAGED_TYPES (docs/adding-a-type.md). */
export const DESCRIPTORS: Readonly<Record<ManagedType, ResourceDescriptor>> = {
  ticket_fields: ticketFields,
  user_fields: userFields,
  organization_fields: organizationFields,
  ticket_forms: ticketForms,
  trigger_categories: triggerCategories,
  triggers,
  automations,
  views,
  macros,
};

/** Every managed type, each after the types it depends on: the order creates run in (deletes: reversed). */
export const TYPES_IN_CREATE_ORDER: readonly ManagedType[] = dependencyOrder(MANAGED_TYPES.map((type) => DESCRIPTORS[type]));

export const descriptorsInOrder = (): ResourceDescriptor[] => TYPES_IN_CREATE_ORDER.map((type) => DESCRIPTORS[type]);

export function isManagedType(value: string): value is ManagedType {
  return (MANAGED_TYPES as readonly string[]).includes(value);
}

/** Which managed type a `Kind:` reference points at, if it points at a managed one. */
export function managedTypeOfKind(kind: ReferenceKind): ManagedType | undefined {
  return descriptorsInOrder().find((d) => d.referencedAs === kind)?.type;
}
