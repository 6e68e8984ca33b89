import { resetSigningSecret, showSigningSecret, SIGNING_SECRET_KEY } from '../endpoints/signing-secret.js';
import { isObject, type ApiObject } from '../model.js';
import { customHeaders } from '../rules/custom-headers.js';
import { oneOf } from '../rules/one-of.js';
import { requiredValue } from '../rules/required-value.js';
import { webhookAuthentication } from '../rules/webhook-authentication.js';
import { webhookEndpoint } from '../rules/webhook-endpoint.js';
import { webhookSubscriptions } from '../rules/webhook-subscriptions.js';
import type { Store } from '../store.js';
import { byCreation, type ResourceDescriptor, type WriteContext } from './descriptor.js';

// Crockford base32 is in ASCII order, so fixed-length ids sort as they were made (as ULIDs do).
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A ULID-shaped id like the recorded ones (`01EJFTSCC78X5V07NPY2MHR00M`): 26 characters. */
function webhookId(store: Store): string {
  let n = store.newId();
  let digits = '';
  while (n > 0) {
    digits = CROCKFORD[n % 32] + digits;
    n = Math.floor(n / 32);
  }
  return `01H${digits.padStart(23, '0')}`;
}

/** Recorded: `created_by` / `updated_by` hold the acting user's id as a string. */
function actingUserId(store: Store): string | null {
  const admin = store.all('users').find((u) => u.role === 'admin');
  return admin ? String(admin.id) : null;
}

/**
 * PATCH is a JSON merge patch (nested `authentication` and `custom_headers` merge, `null`
 * removes); a PUT replaces the writable keys. Either way the secret data stays only when the
 * authentication type does not change.
 */
function prepare(input: ApiObject, { store, existing, replace }: WriteContext): ApiObject {
  const prepared: ApiObject = { ...input, updated_by: actingUserId(store) };
  if (!existing) {
    prepared.created_by = prepared.updated_by;
  }
  if (existing && !replace) {
    if (isObject(input.authentication) && isObject(existing.authentication) && (input.authentication.type ?? existing.authentication.type) === existing.authentication.type) {
      prepared.authentication = withoutNulls({ ...existing.authentication, ...input.authentication });
    }
    if (isObject(input.custom_headers) && isObject(existing.custom_headers)) {
      prepared.custom_headers = withoutNulls({ ...existing.custom_headers, ...input.custom_headers });
    }
  }
  return prepared;
}

const withoutNulls = (object: ApiObject): ApiObject => Object.fromEntries(Object.entries(object).filter(([, v]) => v !== null));

function listFilter(webhook: ApiObject, query: URLSearchParams): boolean {
  const status = query.get('filter[status]');
  const name = query.get('filter[name_contains]')?.toLowerCase();
  return (status === null || webhook.status === status) && (name === undefined || String(webhook.name).toLowerCase().includes(name));
}

const BASE = 'webhooks/:id/signing_secret';

// Shape: go-zendesk GET/webhook.json and salto webhooks (string ids, created_by / updated_by,
// authentication without its data). Not in the spec file; cursor pagination as recorded (salto: `meta`).
export const webhooks: ResourceDescriptor = {
  type: 'webhooks',
  singular: 'webhook',
  idKind: 'string',
  newId: webhookId,
  pagination: 'cursor',
  unpaginated: 'cursor',
  writable: ['name', 'description', 'status', 'subscriptions', 'endpoint', 'http_method', 'request_format', 'authentication', 'custom_headers'],
  createOnly: [],
  template: () => ({
    id: null, name: null, description: '', status: null, subscriptions: [], created_at: null, created_by: null,
    updated_at: null, updated_by: null, endpoint: null, http_method: null, request_format: null,
  }),
  mirrors: [],
  prepare,
  listOrder: byCreation,
  filter: listFilter,
  rules: [
    requiredValue('name', 'InvalidValue'), webhookEndpoint, oneOf('http_method', ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
    oneOf('request_format', ['json', 'xml', 'form_encoded']), oneOf('status', ['active', 'inactive']), webhookSubscriptions,
    webhookAuthentication, customHeaders,
  ],
  referenceRules: [],
  refuseDeleteWhileUsed: true,
  // README: "auth secrets are never returned"; the recorded read shows authentication without data.
  hidden: ['authentication.data', SIGNING_SECRET_KEY],
  routes: [
    { method: 'GET', pattern: BASE, handle: (_r, [id], account) => showSigningSecret(webhooks, account, id ?? '') },
    { method: 'POST', pattern: BASE, handle: (_r, [id], account) => resetSigningSecret(webhooks, account, id ?? '') },
  ],
  errorStyle: 'list',
  notFound: { code: 'WebhookNotFound', title: 'Webhook not found' },
  updateMethod: 'PATCH',
  replaceMethod: 'PUT',
  updateAnswer: 'empty',
  createStatus: 201,
  keyInPath: false,
  destroyMany: false,
  showMany: false,
  activeList: false,
  optionEndpoints: false,
};
