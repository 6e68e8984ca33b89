import { find, ordered, warnHeader, type Account } from '../crud.js';
import { ApiError, errorList, json, parameterMissing, recordNotFound, type ApiResponse } from '../http.js';
import { isObject, type ApiObject } from '../model.js';
import { render } from '../render.js';
import { DESCRIPTORS } from '../resources/index.js';

const triggers = DESCRIPTORS.triggers;
const categories = DESCRIPTORS.trigger_categories;

/**
 * `PUT /triggers/reorder` with `{"trigger_ids":[...]}` (spec): every trigger id must be listed
 * (404 otherwise) and the account may have at most one category (`LimitOneCategory`).
 * The spec names TriggerResponse as the answer; the sandbox answers the reordered list.
 */
export function reorderTriggers(account: Account, body: unknown): ApiResponse {
  const ids = isObject(body) ? body.trigger_ids : undefined;
  if (!Array.isArray(ids)) throw new ApiError(parameterMissing('trigger_ids'));
  const { store } = account;
  if (store.all('trigger_categories').length > 1) {
    return errorList(400, [
      { code: 'LimitOneCategory', title: 'Reordering triggers is not allowed when there is more than one category' },
    ]);
  }
  const listed = ids.map((id) => find(triggers, account, String(id)));
  if (new Set(listed.map((t) => t.id)).size !== store.all('triggers').length) return recordNotFound();
  const now = store.timestamp();
  listed.forEach((trigger, position) => {
    if (trigger.position !== position) store.put('triggers', { ...trigger, position, updated_at: now });
  });
  account.changed();
  return json(200, { triggers: ordered(triggers, store).map((t) => render('triggers', t, account.baseUrl)) });
}

interface JobError extends ApiObject {
  code: string;
  title: string;
}

/**
 * `POST /trigger_categories/jobs` (spec BatchJobRequest / BatchJobResponse): moves categories and
 * triggers in one batch, all or nothing; errors come back as `{"errors":[...],"status":"failed"}`.
 */
export function triggerCategoryJob(account: Account, body: unknown): ApiResponse {
  // Spec BatchJobResponse: every failure, a malformed request included, is {"errors":[{code,title}],"status":"failed"}.
  const job = isObject(body) && isObject(body.job) ? body.job : undefined;
  if (!job) return failed([{ code: 'InvalidJob', title: 'job is missing' }]);
  if (job.action !== 'patch') return failed([{ code: 'InvalidAction', title: 'action is not valid' }]);
  if (!isObject(job.items)) return failed([{ code: 'InvalidJob', title: 'items is missing' }]);
  const items = job.items;
  const categoryItems = Array.isArray(items.trigger_categories) ? items.trigger_categories.filter(isObject) : [];
  const triggerItems = Array.isArray(items.triggers) ? items.triggers.filter(isObject) : [];
  const errors = [...categoryItems.flatMap((i) => checkCategory(account, i)), ...triggerItems.flatMap((i) => checkTrigger(account, i))];
  if (errors.length > 0) return failed(errors);
  const ignored = [...ignoredKeys(categoryItems, CATEGORY_ITEM_KEYS), ...ignoredKeys(triggerItems, TRIGGER_ITEM_KEYS)];
  const { store } = account;
  const now = store.timestamp();
  const movedCategories = categoryItems.map((item) => {
    const category = { ...find(categories, account, String(item.id)) };
    if (typeof item.position === 'number') category.position = item.position;
    category.updated_at = now;
    store.put('trigger_categories', category);
    return category;
  });
  const movedTriggers = triggerItems.map((item) => {
    const trigger = { ...find(triggers, account, String(item.id)) };
    if (typeof item.position === 'number') trigger.position = item.position;
    if (typeof item.active === 'boolean') trigger.active = item.active;
    if (item.category_id !== undefined) trigger.category_id = String(item.category_id);
    trigger.updated_at = now;
    store.put('triggers', trigger);
    return trigger;
  });
  account.changed();
  return json(200, {
    results: {
      trigger_categories: movedCategories.map((c) => render('trigger_categories', c, account.baseUrl)),
      triggers: movedTriggers.map((t) => render('triggers', t, account.baseUrl)),
    },
    status: 'complete',
  }, warnHeader([...new Set(ignored)]));
}

// Spec TriggerCategoryBatchRequest / TriggerBatchRequest: the keys a job item may set.
const CATEGORY_ITEM_KEYS = ['id', 'position'];
const TRIGGER_ITEM_KEYS = ['id', 'position', 'active', 'category_id'];

const ignoredKeys = (items: ApiObject[], allowed: string[]) => items.flatMap((item) => Object.keys(item).filter((key) => !allowed.includes(key)));

function failed(errors: JobError[]): ApiResponse {
  return json(400, { errors, status: 'failed' });
}

function checkCategory(account: Account, item: ApiObject): JobError[] {
  if (account.store.get('trigger_categories', String(item.id))) return [];
  return [{ code: 'InvalidTriggerCategory', title: 'id is not valid', trigger_category_id: String(item.id) }];
}

function checkTrigger(account: Account, item: ApiObject): JobError[] {
  const id = String(item.id);
  if (!account.store.get('triggers', id)) return [{ code: 'InvalidTrigger', title: 'id is not valid', trigger_id: id }];
  if (item.category_id !== undefined && !account.store.get('trigger_categories', String(item.category_id))) {
    // Spec BatchJobResponse 400 example, verbatim.
    return [{ code: 'InvalidTrigger', title: 'category_id is not valid', trigger_id: id }];
  }
  return [];
}
