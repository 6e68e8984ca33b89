import { DESCRIPTORS } from '../resources/index.js';
import type { Change } from '../plan/types.js';

/** Reads one environment variable; undefined when it is unset (or empty). */
export type SecretReader = (variable: string) => string | undefined;

export const environmentReader =
  (env: NodeJS.ProcessEnv): SecretReader =>
  (variable) =>
    env[variable] === '' ? undefined : env[variable];

/**
 * The environment variables a change sends the values of: every one its file names on a create,
 * those of the secret keys it changes on an update. Zendesk never answers them, so nothing else does.
 */
export function secretVariablesOf(change: Change): string[] {
  const secrets = DESCRIPTORS[change.type].secrets;
  if (!secrets || !change.after) return [];
  if (change.action === 'create') return secrets.variablesOf(change.after, secrets.keys);
  if (change.action === 'update') return secrets.variablesOf(change.after, secrets.keys.filter((key) => change.changed_keys?.includes(key)));
  return [];
}

/** Every variable the changes need that is unset, each once, in the order the changes name them. */
export function missingSecretVariables(changes: readonly Change[], read: SecretReader): string[] {
  return [...new Set(changes.flatMap(secretVariablesOf))].filter((variable) => read(variable) === undefined);
}

/** The message apply and restore stop with, before any request, when a secret's variable is unset. */
export function describeMissingSecrets(changes: readonly Change[], missing: readonly string[]): string {
  const needing = changes.filter((change) => secretVariablesOf(change).some((variable) => missing.includes(variable))).map((change) => change.address);
  const plural = missing.length === 1 ? '' : 's';
  return `${needing.join(', ')} need${needing.length === 1 ? 's' : ''} the secret${plural} in the environment variable${plural} ${missing.map((v) => `$${v}`).join(', ')}, which ${missing.length === 1 ? 'is' : 'are'} not set. Nothing was changed; set ${missing.length === 1 ? 'it' : 'them'} and run again.`;
}
