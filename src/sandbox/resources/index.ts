import type { ManagedType } from '../model.js';
import type { ResourceDescriptor } from './descriptor.js';
import { organizationFields, ticketFields, userFields } from './fields.js';
import { automations, macros, triggers, views } from './rules.js';
import { ticketForms } from './ticket-forms.js';
import { triggerCategories } from './trigger-categories.js';

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
};
