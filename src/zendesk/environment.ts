// Where to connect and with which credentials, from instance.yaml and the environment (SPEC.md,
// Environment): ZENDESK_URL overrides the URL; credentials come from the variables instance.yaml
// names, by default ZENDESK_EMAIL + ZENDESK_API_TOKEN or ZENDESK_OAUTH_TOKEN. Errors name
// variables, never their values.
import type { ZendeskAuth } from './auth.js';
import { checkedBaseUrl } from './base-url.js';
import type { ClientOptions } from './client.js';
import { ZendeskConfigError } from './errors.js';

export interface InstanceConnection {
  subdomain: string;
  url?: string;
  auth?: { email_env?: string; token_env?: string; oauth_token_env?: string };
}

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

export function clientOptionsFromEnvironment(instance: InstanceConnection, env: NodeJS.ProcessEnv): ClientOptions {
  return { baseUrl: baseUrlFrom(instance, env), auth: authFrom(instance.auth ?? {}, env) };
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

function authFrom(names: NonNullable<InstanceConnection['auth']>, env: NodeJS.ProcessEnv): ZendeskAuth {
  checkVariableNames(names);
  const candidates = candidatesFor(names);
  for (const candidate of candidates) {
    const values = candidate.variables.map((name) => env[name]?.trim() ?? '');
    if (values.every((value) => value !== '')) return candidate.build(values);
  }
  throw new ZendeskConfigError(missingCredentialsMessage(candidates, env));
}

/** Basic (email + API token) and/or OAuth, as instance.yaml names them; both defaults when it names none. */
function candidatesFor(names: NonNullable<InstanceConnection['auth']>): Candidate[] {
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

function missingCredentialsMessage(candidates: Candidate[], env: NodeJS.ProcessEnv): string {
  const options = candidates.map((candidate) => candidate.variables.join(' and ')).join(', or ');
  const missing = [...new Set(candidates.flatMap((candidate) => candidate.variables))].filter((name) => !env[name]?.trim());
  return `No Zendesk credentials: set ${options} (not set or empty: ${missing.join(', ')})`;
}

/** A value that is no variable name may be a secret pasted into instance.yaml: say so without quoting it. */
function checkVariableNames(names: NonNullable<InstanceConnection['auth']>): void {
  for (const [key, name] of Object.entries(names)) {
    if (name !== undefined && !isVariableName(name)) {
      throw new ZendeskConfigError(
        `instance.yaml auth.${key} must name an environment variable (letters, digits and _), not hold a value; its value is not shown`,
      );
    }
  }
}
