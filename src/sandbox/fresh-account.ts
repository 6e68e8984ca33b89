import type { ApiObject } from './model.js';
import type { Store } from './store.js';

/**
 * What a brand-new Zendesk account holds before anyone configures it, shaped after the
 * recordings: system ticket fields and the default form (salto ticket_fields / ticket_forms),
 * default custom statuses (salto custom_statuses), the default brand and group (salto brands /
 * groups), its one locale (salto locales), and the admin user (salto users). No triggers,
 * automations, views, macros or trigger categories: the salto recording holds an account state
 * with zero trigger categories, and a blank slate keeps plan/apply tests exact. No schedules,
 * webhooks, dynamic content or SLA policies either: nothing recorded shows what a new account
 * has of those, and each needs an admin to set it up.
 */
export interface FreshAccountOptions {
  subdomain: string;
  adminEmail: string;
}

export const DEFAULT_ADMIN_EMAIL = 'admin@sandbox.zendesk.test';

interface SystemField {
  type: string;
  title: string;
  description: string;
  portal: [visible: boolean, editable: boolean, required: boolean];
  required?: boolean;
  removable: boolean;
  extra?: ApiObject;
}

const option = (name: string) => ({ name, value: name.toLowerCase() });

// Salto ticket_fields, positions 1–7, with removable as recorded (Type and Priority are removable there).
const SYSTEM_FIELDS: SystemField[] = [
  { type: 'subject', title: 'Subject', description: '', portal: [true, true, true], removable: false },
  {
    type: 'description', title: 'Description', portal: [true, true, true], removable: false,
    description: 'Please enter the details of your request. A member of our support staff will respond as soon as possible.',
  },
  {
    type: 'status', title: 'Status', description: 'Request status', portal: [false, false, false], removable: false,
    extra: { system_field_options: ['Open', 'Pending', 'Solved'].map(option), sub_type_id: 0 },
  },
  {
    type: 'tickettype', title: 'Type', description: 'Request type', portal: [false, false, false], removable: true,
    extra: { system_field_options: ['Question', 'Incident', 'Problem', 'Task'].map(option) },
  },
  {
    type: 'priority', title: 'Priority', description: 'Request priority', portal: [true, false, false], removable: true,
    extra: { system_field_options: ['Low', 'Normal', 'High', 'Urgent'].map(option), sub_type_id: 0 },
  },
  { type: 'group', title: 'Group', description: 'Request group', portal: [false, false, false], removable: false },
  {
    type: 'assignee', title: 'Assignee', description: 'Agent assigned to your request', portal: [true, false, false],
    required: true, removable: false,
  },
];

function systemField(field: SystemField, position: number, id: number, now: string): ApiObject {
  const [visible, editable, requiredInPortal] = field.portal;
  return {
    url: null, id, type: field.type, title: field.title, raw_title: field.title, description: field.description,
    raw_description: field.description, position, active: true, required: field.required ?? false,
    collapsed_for_agents: false, regexp_for_validation: null, title_in_portal: field.title,
    raw_title_in_portal: field.title, visible_in_portal: visible, editable_in_portal: editable,
    required_in_portal: requiredInPortal, tag: null, created_at: now, updated_at: now, removable: field.removable,
    agent_description: null, ...field.extra,
  };
}

// Salto custom_statuses: one default status per category.
const DEFAULT_STATUSES = [
  ['new', 'New', 'Open', 'Ticket is awaiting assignment to an agent', 'We are working on a response for you'],
  ['open', 'Open', 'Open', 'Staff is working on the ticket', 'We are working on a response for you'],
  ['pending', 'Pending', 'Awaiting your reply', 'Staff is waiting for the requester to reply', 'We are waiting for you to respond'],
  ['hold', 'On-hold', 'Open', 'Staff is waiting for a third party', 'We are working on a response for you'],
  ['solved', 'Solved', 'Solved', 'The ticket has been solved', 'This request has been solved'],
] as const;

// Recorded (salto custom_statuses): the built-in statuses' raw texts are `{{zd.*}}` placeholders.
function customStatus([category, agent, endUser, description, endUserDescription]: (typeof DEFAULT_STATUSES)[number], id: number, now: string): ApiObject {
  return {
    url: null, id, status_category: category, agent_label: agent, raw_agent_label: `{{zd.status_${category}}}`,
    end_user_label: endUser, raw_end_user_label: `{{zd.status_end_user_${category}}}`, description,
    raw_description: `{{zd.status_${category}_description}}`, end_user_description: endUserDescription,
    raw_end_user_description: `{{zd.status_end_user_${category}_description}}`, active: true, default: true,
    created_at: now, updated_at: now,
  };
}

// Salto locales[0]: a new account speaks its default language only (more are enabled by an admin).
function defaultLocale(now: string): ApiObject {
  return {
    url: null, id: 1, locale: 'en-US', name: 'English', native_name: 'English (United States)',
    presentation_name: 'English (United States)', rtl: false, created_at: null, updated_at: now, default: true,
  };
}

export function seedFreshAccount(store: Store, options: FreshAccountOptions): void {
  const now = store.timestamp();
  const fields = SYSTEM_FIELDS.map((field, index) => systemField(field, index + 1, store.newId(), now));
  store.replaceAll('ticket_fields', fields);
  store.replaceAll('ticket_forms', [defaultForm(store.newId(), fields, now)]);
  store.replaceAll('custom_statuses', DEFAULT_STATUSES.map((s) => customStatus(s, store.newId(), now)));
  const brandId = store.newId();
  const groupId = store.newId();
  const formIds = store.all('ticket_forms').map((f) => f.id);
  store.replaceAll('brands', [defaultBrand(brandId, options.subdomain, formIds, now)]);
  store.replaceAll('groups', [
    { url: null, id: groupId, name: 'Support', description: '', is_public: true, default: true, deleted: false, created_at: now, updated_at: now },
  ]);
  store.replaceAll('locales', [defaultLocale(now)]);
  store.replaceAll('users', [adminUser(store.newId(), options.adminEmail, groupId, now)]);
}

// Salto ticket_forms[0]: the default form lists the system fields.
function defaultForm(id: number, fields: ApiObject[], now: string): ApiObject {
  return {
    url: null, id, name: 'Default Ticket Form', raw_name: 'Default Ticket Form', display_name: 'Default Ticket Form',
    raw_display_name: 'Default Ticket Form', end_user_visible: true, position: 1, ticket_field_ids: fields.map((f) => f.id),
    active: true, default: true, created_at: now, updated_at: now, in_all_brands: true, restricted_brand_ids: [],
    end_user_conditions: [], agent_conditions: [],
  };
}

function defaultBrand(id: number, subdomain: string, formIds: unknown[], now: string): ApiObject {
  return {
    url: null, id, name: subdomain, brand_url: `https://${subdomain}.zendesk.com`, subdomain, has_help_center: false,
    help_center_state: 'disabled', active: true, default: true, is_deleted: false, logo: null, ticket_form_ids: formIds,
    signature_template: '{{agent.signature}}', created_at: now, updated_at: now, host_mapping: null,
  };
}

function adminUser(id: number, email: string, groupId: number, now: string): ApiObject {
  return {
    id, url: null, name: 'Sandbox Admin', email, created_at: now, updated_at: now, time_zone: 'UTC',
    iana_time_zone: 'Etc/UTC', phone: null, shared_phone_number: null, photo: null, locale_id: 1, locale: 'en-US',
    organization_id: null, role: 'admin', verified: true, external_id: null, tags: [], alias: null, active: true,
    shared: false, shared_agent: false, last_login_at: now, two_factor_auth_enabled: null, signature: null,
    details: null, notes: null, role_type: null, custom_role_id: null, moderator: true, ticket_restriction: null,
    only_private_comments: false, restricted_agent: false, suspended: false, default_group_id: groupId,
    report_csv: true, user_fields: {},
  };
}
