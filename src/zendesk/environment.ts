// Where to connect and with which credentials, from instance.yaml and the environment (SPEC.md,
// Environment): ZENDESK_URL overrides the URL; credentials come from the variables instance.yaml
// names, by default ZENDESK_EMAIL + ZENDESK_API_TOKEN or ZENDESK_OAUTH_TOKEN. Errors name
// variables, never their values.
import type { ZendeskAuth } from './auth.js';
import { checkedBaseUrl } from './base-url.js';
import type { ClientOptions } from './client.js';
import { ZendeskConfigError } from './errors.js';

/** Names of the environment variables that hold one credential: email + API token, or an OAuth token. */
export interface CredentialNames {
  email_env?: string;
  token_env?: string;
  oauth_token_env?: string;
}

/**
 * instance.yaml `auth`: one credential named directly (used for everything), or by purpose: `read`
 * (declared read-only: plan, import and export prefer it; it never writes) and `write` (apply,
 * restore). Keys directly under `auth` beside `read` are the write credential.
 */
export interface InstanceConnection {
  subdomain: string;
  url?: string;
  auth?: CredentialNames & { read?: CredentialNames; write?: CredentialNames };
}

/** What a command does with the instance: only reads, or writes too. */
export type CredentialPurpose = 'read' | 'write';

export const DEFAULT_EMAIL_ENV = 'ZENDESK_EMAIL';
export const DEFAULT_TOKEN_ENV = 'ZENDESK_API_TOKEN';
export const DEFAULT_OAUTH_TOKEN_ENV = 'ZENDESK_OAUTH_TOKEN';
export const URL_OVERRIDE_ENV = 'ZENDESK_URL';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Whether an instance.yaml `*_env` value can be a variable name. Besides the syntax, a value that
 * reads like a generated credential (a Zendesk API token is 40 letters and digits: long, letters and
 * digits mixed, no underscore) is refused, so that a pasted token is never quoted as a "variable".
 */
export function isVariableName(value: string): boolean {
  const generated = value.length >= 20 && !value.includes('_') && /\d/.test(value) && /[A-Za-z]/.test(value);
  return ENV_NAME.test(value) && !generated;
}

/**
 * The client options for a command that reads or writes. A reading command gets a read-only client
 * (it refuses any write before sending) and prefers the read credential; a writing command gets the
 * write credential only, never the one declared read-only.
 */
export function clientOptionsFromEnvironment(instance: InstanceConnection, env: NodeJS.ProcessEnv, purpose: CredentialPurpose): ClientOptions {
  const auth = authFor(credentialsByPurpose(instance.auth ?? {}), env, purpose);
  return { baseUrl: baseUrlFrom(instance, env), auth, ...(purpose === 'read' ? { readOnly: true } : {}) };
}

function baseUrlFrom(instance: InstanceConnection, env: NodeJS.ProcessEnv): string {
  return connectionTargetOf(instance, env).baseUrl;
}

/** Where a command connects, and whether that is the instance's own https://<subdomain>.zendesk.com. */
export interface ConnectionTarget {
  baseUrl: string;
  /** What set the URL: the ZENDESK_URL variable, instance.yaml `url`, or the subdomain. */
  source: typeof URL_OVERRIDE_ENV | 'instance.yaml url' | 'instance.yaml subdomain';
  /** https://<subdomain>.zendesk.com */
  ownUrl: string;
}

export function connectionTargetOf(instance: InstanceConnection, env: NodeJS.ProcessEnv): ConnectionTarget {
  const ownUrl = `https://${instance.subdomain}.zendesk.com`;
  const override = env[URL_OVERRIDE_ENV]?.trim();
  if (override) return { baseUrl: checkedBaseUrl(override, URL_OVERRIDE_ENV), source: URL_OVERRIDE_ENV, ownUrl };
  if (instance.url) return { baseUrl: checkedBaseUrl(instance.url, 'instance.yaml url'), source: 'instance.yaml url', ownUrl };
  if (!/^[a-z0-9][a-z0-9-]*$/i.test(instance.subdomain)) {
    throw new ZendeskConfigError(`instance.yaml subdomain ${JSON.stringify(instance.subdomain)} is not a Zendesk subdomain (letters, digits, -)`);
  }
  return { baseUrl: checkedBaseUrl(ownUrl, 'instance.yaml subdomain'), source: 'instance.yaml subdomain', ownUrl };
}

interface Candidate {
  variables: string[];
  build(values: string[]): ZendeskAuth;
}

interface CredentialsByPurpose {
  read?: CredentialNames;
  write?: CredentialNames;
}

/** No `auth`, or keys directly under it: one credential for both. Only `auth.read`: no write credential. */
function credentialsByPurpose(auth: NonNullable<InstanceConnection['auth']>): CredentialsByPurpose {
  const { read, write, ...direct } = auth;
  const namesDirect = Object.keys(direct).length > 0;
  checkVariableNames(direct, 'auth');
  if (read) checkVariableNames(read, 'auth.read');
  if (write) checkVariableNames(write, 'auth.write');
  if (write && namesDirect) {
    throw new ZendeskConfigError(`instance.yaml auth names a credential both directly (${Object.keys(direct).join(', ')}) and under auth.write; keep one of them`);
  }
  const writeNames = write ?? (namesDirect || !read ? direct : undefined);
  if (read && writeNames) checkDistinctSecrets(read, writeNames);
  return { ...(read ? { read } : {}), ...(writeNames ? { write: writeNames } : {}) };
}

function authFor(credentials: CredentialsByPurpose, env: NodeJS.ProcessEnv, purpose: CredentialPurpose): ZendeskAuth {
  if (purpose === 'write' && !credentials.write) {
    throw new ZendeskConfigError(
      'instance.yaml auth names only a read-only credential (auth.read), and this command writes: name a write credential under auth.write (email_env and token_env, or oauth_token_env). Nothing was sent',
    );
  }
  const candidates = purpose === 'write' ? candidatesFor(credentials.write!) : [credentials.read, credentials.write].flatMap((names) => (names ? candidatesFor(names) : []));
  for (const candidate of candidates) {
    const values = candidate.variables.map((name) => env[name]?.trim() ?? '');
    if (values.every((value) => value !== '')) return candidate.build(values);
  }
  const readOnlyNote = purpose === 'write' && credentials.read ? '; the read-only credential (auth.read) is never used to write' : '';
  throw new ZendeskConfigError(`${missingCredentialsMessage(candidates, env, purpose === 'write' && credentials.read ? 'write credentials' : 'credentials')}${readOnlyNote}`);
}

/** A secret named both as the read-only credential and as the write one would make "read-only" untrue. */
function checkDistinctSecrets(read: CredentialNames, write: CredentialNames): void {
  const secrets = (names: CredentialNames) => candidatesFor(names).flatMap((c) => c.variables).filter((name) => name !== (names.email_env ?? DEFAULT_EMAIL_ENV));
  const shared = secrets(read).filter((name) => secrets(write).includes(name));
  if (shared.length > 0) {
    throw new ZendeskConfigError(`instance.yaml auth.read and the write credential both name ${shared.join(', ')}: a credential declared read-only cannot also be the one that writes`);
  }
}

/** Basic (email + API token) and/or OAuth, as instance.yaml names them; both defaults when it names none. */
function candidatesFor(names: CredentialNames): Candidate[] {
  const namesBasic = names.email_env !== undefined || names.token_env !== undefined;
  const namesOauth = names.oauth_token_env !== undefined;
  const basic: Candidate = {
    variables: [names.email_env ?? DEFAULT_EMAIL_ENV, names.token_env ?? DEFAULT_TOKEN_ENV],
    build: ([email, token]) => ({ email: email ?? '', token: token ?? '' }),
  };
  const oauth: Candidate = {
    variables: [names.oauth_token_env ?? DEFAULT_OAUTH_TOKEN_ENV],
    build: ([oauthToken]) => ({ oauthToken: oauthToken ?? '' }),
  };
  if (namesBasic && !namesOauth) return [basic];
  if (namesOauth && !namesBasic) return [oauth];
  return [basic, oauth];
}

function missingCredentialsMessage(candidates: Candidate[], env: NodeJS.ProcessEnv, what: string): string {
  const options = [...new Set(candidates.map((candidate) => candidate.variables.join(' and ')))].join(', or ');
  const missing = [...new Set(candidates.flatMap((candidate) => candidate.variables))].filter((name) => !env[name]?.trim());
  return `No Zendesk ${what}: set ${options} (not set or empty: ${missing.join(', ')})`;
}

/** A value that is no variable name may be a secret pasted into instance.yaml: say so without quoting it. */
function checkVariableNames(names: CredentialNames, where: string): void {
  for (const [key, name] of Object.entries(names)) {
    if (name !== undefined && !isVariableName(name)) {
      throw new ZendeskConfigError(
        `instance.yaml ${where}.${key} must name an environment variable (letters, digits and _), not hold a value; its value is not shown`,
      );
    }
  }
}
