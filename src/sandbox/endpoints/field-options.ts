import { find, write, type Account } from '../crud.js';
import { ApiError, json, noContent, parameterMissing, recordInvalid, recordNotFound, type ApiResponse } from '../http.js';
import { isObject, type ApiObject } from '../model.js';
import { listResponse } from '../pagination.js';
import { TYPE_PATHS } from '../render.js';
import type { ResourceDescriptor } from '../resources/descriptor.js';
import { OPTION_FIELD_TYPES, optionsOf } from '../rules/options.js';

const optionsUrl = (account: Account, d: ResourceDescriptor, fieldId: unknown) =>
  `${account.baseUrl}/api/v2/${TYPE_PATHS[d.type]}/${String(fieldId)}/options`;

/** An option as the options endpoints answer it (spec CustomFieldOptionObject: url and position added). */
function renderOption(account: Account, d: ResourceDescriptor, field: ApiObject, option: ApiObject, position: number) {
  return { url: `${optionsUrl(account, d, field.id)}/${String(option.id)}.json`, ...option, position };
}

function optionField(d: ResourceDescriptor, account: Account, segment: string): ApiObject {
  const field = find(d, account, segment);
  if (!OPTION_FIELD_TYPES.has(String(field.type))) {
    throw new ApiError(recordInvalid([{ field: 'base', description: 'This field has no options', error: 'InvalidValue' }]));
  }
  return field;
}

export function listOptions(d: ResourceDescriptor, account: Account, segment: string, query: URLSearchParams): ApiResponse {
  const field = optionField(d, account, segment);
  const entries = optionsOf(field).map((option, position) => ({
    object: renderOption(account, d, field, option, position),
    key: [position],
  }));
  return listResponse({
    envelope: 'custom_field_options',
    listUrl: `${optionsUrl(account, d, field.id)}.json`,
    query,
    supportsCursor: true,
    unpaginated: 'offset',
    entries: () => entries,
  });
}

export function showOption(d: ResourceDescriptor, account: Account, segment: string, optionId: string): ApiResponse {
  const field = optionField(d, account, segment);
  const options = optionsOf(field);
  const index = options.findIndex((o) => String(o.id) === optionId);
  const option = options[index];
  if (!option) return recordNotFound();
  return json(200, { custom_field_option: renderOption(account, d, field, option, index) });
}

/**
 * `POST /{fields}/{id}/options` creates or updates one option (spec): 200 when the id names an
 * existing option, 201 when it is new, both with `Location: /api/v2/{fields}/{id}/options`.
 * The whole field is rewritten through the normal write path, so tag and value rules apply.
 */
export function upsertOption(d: ResourceDescriptor, account: Account, segment: string, body: unknown): ApiResponse {
  const given = isObject(body) ? body.custom_field_option : undefined;
  if (!isObject(given)) throw new ApiError(parameterMissing('custom_field_option'));
  const field = optionField(d, account, segment);
  const options = optionsOf(field);
  const exists = given.id != null && options.some((o) => String(o.id) === String(given.id));
  const next = exists
    ? options.map((o) => (String(o.id) === String(given.id) ? { ...o, ...given, id: o.id } : o))
    : [...options, { ...given, id: undefined }];
  const { object } = write(d, account, { custom_field_options: next }, field);
  const saved = optionsOf(object);
  const index = exists ? saved.findIndex((o) => String(o.id) === String(given.id)) : saved.length - 1;
  const option = saved[index] ?? {};
  return json(
    exists ? 200 : 201,
    { custom_field_option: renderOption(account, d, object, option, index) },
    { Location: `/api/v2/${TYPE_PATHS[d.type]}/${String(object.id)}/options` },
  );
}

export function deleteOption(d: ResourceDescriptor, account: Account, segment: string, optionId: string): ApiResponse {
  const field = optionField(d, account, segment);
  const options = optionsOf(field);
  if (!options.some((o) => String(o.id) === optionId)) return recordNotFound();
  write(d, account, { custom_field_options: options.filter((o) => String(o.id) !== optionId) }, field);
  return noContent();
}
