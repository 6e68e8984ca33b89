import { isObject, type ApiObject } from '../model.js';

/**
 * Rule conditions are stored as `{all: [...], any: [...]}`. Sending `conditions`
 * replaces both arrays (a missing one becomes []); top-level `all` / `any`
 * (the views API's documented form) are folded in.
 * Recorded: ZendeskAPI_Trigger/update — PUT {"conditions":{"any":[],"all":[...]}} reads back {"all":[...],"any":[]}.
 */
export function normalizeConditions(input: ApiObject): ApiObject {
  const { all, any, ...rest } = input;
  const given = isObject(input.conditions) ? input.conditions : undefined;
  if (!given && all === undefined && any === undefined) return rest;
  const listOf = (value: unknown) => (Array.isArray(value) ? value : []);
  return {
    ...rest,
    conditions: { all: listOf(given?.all ?? all), any: listOf(given?.any ?? any) },
  };
}
