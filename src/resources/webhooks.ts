import { OCCURRENCE_KEY } from './identity.js';
import { isRecord } from './references.js';
import type { ResourceDescriptor, SecretSlots } from './types.js';

type Json = Record<string, unknown>;

/** FORMAT.md: a file names a variable as `<name>_env` where Zendesk takes `<name>` (`token_env` → `token`). */
const VARIABLE_SUFFIX = '_env';
const SIGNING_SECRET_VARIABLE = 'signing_secret_env';
/** Zendesk offers no other place for a webhook credential (go-zendesk webhook.json, salto webhooks). */
const ADD_POSITION = 'header';

/** What import and restore name, per authentication type: data key → the variable's suffix (FORMAT.md). */
const VARIABLES_BY_TYPE: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  basic_auth: { username_env: 'USERNAME', password_env: 'PASSWORD' },
  bearer_token: { token_env: 'TOKEN' },
  api_key: { value_env: 'API_KEY' },
};

const isVariableKey = (key: string): boolean => key.endsWith(VARIABLE_SUFFIX);

function authenticationData(object: Json): Json | undefined {
  const authentication = object.authentication;
  return isRecord(authentication) && isRecord(authentication.data) ? authentication.data : undefined;
}

/** `WEBHOOK_<NAME>_<SUFFIX>`: the name upper-cased, `_` for every other character. */
export function variableNameFor(webhookName: string, suffix: string): string {
  return `WEBHOOK_${webhookName.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_${suffix}`;
}

function withAuthenticationData(object: Json, data: (given: Json) => Json): Json {
  const given = authenticationData(object);
  if (!given) return object;
  return { ...object, authentication: { ...(object.authentication as Json), data: data(given) } };
}

const webhookSecrets: SecretSlots = {
  keys: ['authentication', SIGNING_SECRET_VARIABLE],
  // docs: a chosen signing secret is set on create only; an update can only reset it to a random one.
  rotatable: ['authentication'],

  answered(object) {
    const { [SIGNING_SECRET_VARIABLE]: _variable, ...rest } = object;
    const authentication = object.authentication;
    if (!isRecord(authentication)) return rest;
    return { ...rest, authentication: { type: authentication.type, add_position: authentication.add_position ?? ADD_POSITION } };
  },

  variablesOf(object, keys) {
    const variables: string[] = [];
    if (keys.includes('authentication')) {
      for (const [key, value] of Object.entries(authenticationData(object) ?? {})) if (isVariableKey(key) && typeof value === 'string') variables.push(value);
    }
    if (keys.includes(SIGNING_SECRET_VARIABLE) && typeof object[SIGNING_SECRET_VARIABLE] === 'string') variables.push(object[SIGNING_SECRET_VARIABLE] as string);
    return variables;
  },

  reveal(payload, read) {
    const { [SIGNING_SECRET_VARIABLE]: signingVariable, ...rest } = payload;
    let revealed = withAuthenticationData(rest, (data) =>
      Object.fromEntries(Object.entries(data).map(([key, value]) => (isVariableKey(key) ? [key.slice(0, -VARIABLE_SUFFIX.length), read(String(value))] : [key, value]))),
    );
    if (isRecord(revealed.authentication)) revealed = { ...revealed, authentication: { add_position: ADD_POSITION, ...revealed.authentication } };
    // docs (unverified): a chosen signing secret is set on create as {algorithm, secret}.
    if (typeof signingVariable === 'string') revealed = { ...revealed, signing_secret: { algorithm: 'SHA256', secret: read(signingVariable) } };
    return revealed;
  },

  shown(object) {
    const { [SIGNING_SECRET_VARIABLE]: signingVariable, ...rest } = object;
    const shown = withAuthenticationData(rest, (data) =>
      Object.fromEntries(Object.entries(data).map(([key, value]) => (isVariableKey(key) ? [key.slice(0, -VARIABLE_SUFFIX.length), `(secret from $${String(value)})`] : [key, value]))),
    );
    return typeof signingVariable === 'string' ? { ...shown, signing_secret: `(secret from $${signingVariable})` } : shown;
  },

  withVariables(object) {
    const authentication = object.authentication;
    if (!isRecord(authentication)) return object;
    const variables = VARIABLES_BY_TYPE[String(authentication.type)] ?? {};
    const data: Json = Object.fromEntries(Object.entries(variables).map(([key, suffix]) => [key, variableNameFor(String(object.name), suffix)]));
    // Zendesk never answers an api_key's header name (not recorded): the header zdctl names is a guess to check.
    if (authentication.type === 'api_key') data.name = (isRecord(authentication.data) && typeof authentication.data.name === 'string' ? authentication.data.name : undefined) ?? 'X-Api-Key';
    const { add_position: position, ...rest } = authentication;
    return { ...object, authentication: { ...rest, ...(position === ADD_POSITION ? {} : { add_position: position }), data } };
  },
};

const CONDITIONAL = 'conditional_ticket_events';

/** How a webhook is connected: called by triggers and automations, or subscribed to Zendesk events. */
const connectionOf = (subscriptions: unknown): string => (Array.isArray(subscriptions) && subscriptions.includes(CONDITIONAL) ? 'called by triggers and automations' : 'subscribed to Zendesk events');

/** Webhooks: always managed; their credentials only through environment variables (SecretSlots). */
export const webhooks: ResourceDescriptor = {
  type: 'webhooks',
  singular: 'webhook',
  plural: 'webhooks',
  apiPath: 'webhooks',
  // salto webhooks: `meta.has_more`; request page[size]=100.
  paging: 'cursor',
  naturalKey: 'name',
  renameKey: 'previous_name',
  referencedAs: 'Webhook',
  // docs (not in the spec file): read-only keys of a webhook.
  readOnly: ['id', 'url', 'created_at', 'created_by', 'updated_at', 'updated_by', 'external_source', 'signing_secret'],
  localOnly: ['previous_name', OCCURRENCE_KEY],
  references: [],
  // salto webhooks (description ""); a webhook made without authentication has none.
  defaults: { description: '', authentication: null },
  dependsOn: [],
  // docs: PATCH is a JSON merge patch, so an update sends only what changed (PUT would reset the rest).
  updateMethod: 'PATCH',
  ordering: { kind: 'none' },
  bulk: { updateMany: false, destroyMany: false },
  hasOptions: false,
  // docs: a webhook serves triggers and automations (conditional_ticket_events) or subscribes to
  // Zendesk events, and which one is fixed at create; the events it subscribes to may change.
  createOnly: { keys: ['subscriptions'], noun: 'webhook', replaceLoses: 'gives it a new id and signing secret', fixedPart: (_key, value) => connectionOf(value) },
  secrets: webhookSecrets,
  isSystem: () => false,
};
