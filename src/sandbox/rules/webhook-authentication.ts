import type { Violation } from '../http.js';
import { isObject } from '../model.js';
import type { Rule } from '../resources/descriptor.js';

/**
 * Zendesk webhook authentication: the type, where it goes (`header`, the only position), and the
 * secret data each type needs. The data is write-only: stored, never answered. Assumed, no
 * recording of a refusal: the checks and their wording.
 */
export const AUTHENTICATION_DATA: Record<string, readonly string[]> = {
  basic_auth: ['username', 'password'],
  bearer_token: ['token'],
  api_key: ['name', 'value'],
};

const problem = (title: string): Violation => ({ field: 'authentication', description: `Authentication: ${title}`, error: 'InvalidValue', code: 'InvalidValue', title: `Authentication: ${title}` });

export const webhookAuthentication: Rule = (webhook) => {
  const authentication = webhook.authentication;
  if (authentication === undefined || authentication === null) return [];
  if (!isObject(authentication)) return [problem('must be an object')];
  const needed = AUTHENTICATION_DATA[String(authentication.type)];
  if (!needed) return [problem(`type ${JSON.stringify(authentication.type ?? null)} is not one of ${Object.keys(AUTHENTICATION_DATA).join(', ')}`)];
  const problems: Violation[] = [];
  if (authentication.add_position !== 'header') problems.push(problem('add_position must be "header"'));
  const data = isObject(authentication.data) ? authentication.data : {};
  const missing = needed.filter((key) => typeof data[key] !== 'string' || data[key] === '');
  if (missing.length > 0) problems.push(problem(`data.${missing.join(', data.')} required for ${String(authentication.type)}`));
  return problems;
};
