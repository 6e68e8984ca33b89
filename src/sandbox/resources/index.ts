import type { ManagedType } from '../model.js';
import { customStatuses } from './custom-statuses.js';
import type { ResourceDescriptor } from './descriptor.js';
import { dynamicContent } from './dynamic-content.js';
import { organizationFields, ticketFields, userFields } from './fields.js';
import { groups } from './groups.js';
import { automations, macros, triggers, views } from './rules.js';
import { schedules } from './schedules.js';
import { slaPolicies } from './sla-policies.js';
import { ticketForms } from './ticket-forms.js';
import { triggerCategories } from './trigger-categories.js';
import { webhooks } from './webhooks.js';

export const DESCRIPTORS: Record<ManagedType, ResourceDescriptor> = {
  ticket_fields: ticketFields,
  user_fields: userFields,
  organization_fields: organizationFields,
  ticket_forms: ticketForms,
  trigger_categories: triggerCategories,
  triggers,
  automations,
  views,
  macros,
  groups,
  custom_statuses: customStatuses,
  schedules,
  webhooks,
  dynamic_content: dynamicContent,
  sla_policies: slaPolicies,
};
