import { find, invalid, type Account } from '../crud.js';
import { ApiError, json, parameterMissing, type ApiResponse } from '../http.js';
import { isObject } from '../model.js';
import type { ResourceDescriptor } from '../resources/descriptor.js';

/**
 * `PUT /custom_status/default` with `{"ids":"1,2"}` (spec BulkUpdateDefaultCustomStatus): each
 * status becomes the default of its category, the previous default of that category stops being
 * one. Answers `{}`. All or nothing: an unknown id is 404; an inactive status, or two of one
 * category, is 422 (assumed, no recording).
 */
export function setDefaultStatuses(d: ResourceDescriptor, account: Account, body: unknown): ApiResponse {
  const ids = isObject(body) && typeof body.ids === 'string' ? body.ids.split(',').map((id) => id.trim()).filter(Boolean) : [];
  if (ids.length === 0) throw new ApiError(parameterMissing('ids'));
  const chosen = ids.map((id) => find(d, account, id));
  const categories = chosen.map((s) => s.status_category);
  const problems = chosen.flatMap((status, index) => [
    ...(status.active === true ? [] : [`status ${String(status.id)} is inactive`]),
    ...(categories.indexOf(status.status_category) === index ? [] : [`two statuses of category ${String(status.status_category)}`]),
  ]);
  if (problems.length > 0) throw invalid(d, problems.map((p) => ({ field: 'ids', description: `Ids: ${p}`, error: 'InvalidValue' })));
  const { store } = account;
  const now = store.timestamp();
  for (const status of store.all(d.type)) {
    const isDefault = chosen.some((c) => c.id === status.id) || (status.default === true && !categories.includes(status.status_category));
    if (status.default !== isDefault) store.put(d.type, { ...status, default: isDefault, updated_at: now });
  }
  account.changed();
  return json(200, {});
}
