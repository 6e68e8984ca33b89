import { customStatuses } from './custom-statuses.js';
import { dynamicContent } from './dynamic-content.js';
import { groups } from './groups.js';
import { automations, macros, triggers, views } from './rules.js';
import { schedules } from './schedules.js';
import { slaPolicies } from './sla-policies.js';
import { ticketFields } from './ticket-fields.js';
import { ticketForms } from './ticket-forms.js';
import { triggerCategories } from './trigger-categories.js';
import { dependencyOrder } from './type-order.js';
import { MANAGED_TYPES, type ManagedType, type ReferenceKind, type ResourceDescriptor } from './types.js';
import { organizationFields, userFields } from './user-fields.js';
import { webhooks } from './webhooks.js';

export * from './types.js';
export { orderedWith, orderSchemaOf, typesPlacedBy } from './type-order.js';

/** Adding a type: write its descriptor and its schema, list it here and in MANAGED_TYPES (docs/adding-a-type.md). */
export const DESCRIPTORS: Readonly<Record<ManagedType, ResourceDescriptor>> = {
  groups,
  custom_statuses: customStatuses,
  schedules,
  dynamic_content: dynamicContent,
  ticket_fields: ticketFields,
  user_fields: userFields,
  organization_fields: organizationFields,
  ticket_forms: ticketForms,
  trigger_categories: triggerCategories,
  triggers,
  automations,
  views,
  macros,
  webhooks,
  sla_policies: slaPolicies,
};

/** Every managed type, each after the types it depends on: the order creates run in (deletes: reversed). */
export const TYPES_IN_CREATE_ORDER: readonly ManagedType[] = dependencyOrder(MANAGED_TYPES.map((type) => DESCRIPTORS[type]));

export const descriptorsInOrder = (): ResourceDescriptor[] => TYPES_IN_CREATE_ORDER.map((type) => DESCRIPTORS[type]);

export function isManagedType(value: string): value is ManagedType {
  return (MANAGED_TYPES as readonly string[]).includes(value);
}

/** Which managed type a `Kind:` reference points at, if it points at one this instance manages (default: any). */
export function managedTypeOfKind(kind: ReferenceKind, managed: readonly ManagedType[] = MANAGED_TYPES): ManagedType | undefined {
  return descriptorsInOrder().find((d) => d.referencedAs === kind && managed.includes(d.type))?.type;
}

/** Types an instance may choose to manage (`manage:` in instance.yaml); otherwise looked up. */
export const OPT_IN_TYPES: readonly ManagedType[] = MANAGED_TYPES.filter((type) => DESCRIPTORS[type].optIn);

/** The types an instance manages: every type but the opt-in ones it does not list under `manage:`. */
export function managedTypesOf(manage: readonly string[] | undefined): ManagedType[] {
  return MANAGED_TYPES.filter((type) => !DESCRIPTORS[type].optIn || (manage ?? []).includes(type));
}
