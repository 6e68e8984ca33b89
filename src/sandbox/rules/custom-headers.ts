import { isObject } from '../model.js';
import type { Rule } from '../resources/descriptor.js';

/** A webhook's `custom_headers` map header names to text (assumed, no recording of a refusal). */
export const customHeaders: Rule = (webhook) => {
  const headers = webhook.custom_headers;
  if (headers === undefined || headers === null) return [];
  const valid = isObject(headers) && Object.values(headers).every((v) => typeof v === 'string');
  if (valid) return [];
  const description = 'Custom headers: must map header names to text';
  return [{ field: 'custom_headers', description, error: 'InvalidValue', code: 'InvalidValue', title: description }];
};
