import * as crud from './crud.js';
import type { Account } from './crud.js';
import { deleteOption, listOptions, showOption, upsertOption } from './endpoints/field-options.js';
import { currentUser, listLookup, searchUsers, showLookup, showManyUsers } from './endpoints/lookups.js';
import { reorderTriggers, triggerCategoryJob } from './endpoints/trigger-order.js';
import { LOOKUP_TYPES, MANAGED_TYPES } from './model.js';
import { TYPE_PATHS } from './render.js';
import { DESCRIPTORS } from './resources/index.js';
import { Router } from './router.js';
import type { ResourceDescriptor } from './resources/descriptor.js';

/** Everything the sandbox answers under /api/v2, built from the descriptors plus the special endpoints. */
export function buildRouter(account: Account, session: { admin(): boolean }): Router {
  const router = new Router();
  router.add('GET', 'users/me', (request) => currentUser(account, request.authenticated, session.admin()));
  router.add('GET', 'users/search', (request) => searchUsers(account, request.query));
  router.add('GET', 'users/show_many', (request) => showManyUsers(account, request.query));
  router.add('PUT', 'triggers/reorder', (request) => reorderTriggers(account, request.body));
  router.add('POST', 'trigger_categories/jobs', (request) => triggerCategoryJob(account, request.body));
  for (const type of MANAGED_TYPES) addManaged(router, DESCRIPTORS[type], account);
  for (const type of LOOKUP_TYPES) {
    router.add('GET', TYPE_PATHS[type], (request) => listLookup(type, account, request.query));
    router.add('GET', `${TYPE_PATHS[type]}/:id`, (_request, [id]) => showLookup(type, account, id ?? ''));
  }
  return router;
}

function addManaged(router: Router, d: ResourceDescriptor, account: Account): void {
  const base = TYPE_PATHS[d.type];
  router.add('GET', base, (request) => crud.list(d, account, request.query));
  if (d.activeList) router.add('GET', `${base}/active`, (request) => crud.list(d, account, request.query, (o) => o.active === true));
  if (d.showMany) router.add('GET', `${base}/show_many`, (request) => crud.showMany(d, account, request.query));
  if (d.updateMany) router.add('PUT', `${base}/update_many`, (request) => crud.updateMany(d, account, request.body));
  if (d.destroyMany) router.add('DELETE', `${base}/destroy_many`, (request) => crud.destroyMany(d, account, request.query));
  if (d.reorder) router.add('PUT', `${base}/reorder`, (request) => crud.reorder(d, account, request.body, request.query));
  if (d.optionEndpoints) addOptionRoutes(router, d, account);
  for (const route of d.routes ?? []) router.add(route.method, route.pattern, (request, params) => route.handle(request, params, account));
  router.add('POST', base, (request) => crud.create(d, account, request.body));
  router.add('GET', `${base}/:id`, (_request, [id]) => crud.show(d, account, id ?? ''));
  router.add(d.updateMethod, `${base}/:id`, (request, [id]) => crud.update(d, account, id ?? '', request.body));
  if (d.replaceMethod) router.add(d.replaceMethod, `${base}/:id`, (request, [id]) => crud.update(d, account, id ?? '', request.body, true));
  router.add('DELETE', `${base}/:id`, (_request, [id]) => crud.remove(d, account, id ?? ''));
}

function addOptionRoutes(router: Router, d: ResourceDescriptor, account: Account): void {
  const base = `${TYPE_PATHS[d.type]}/:id/options`;
  router.add('GET', base, (request, [id]) => listOptions(d, account, id ?? '', request.query));
  router.add('POST', base, (request, [id]) => upsertOption(d, account, id ?? '', request.body));
  router.add('GET', `${base}/:option`, (_request, [id, option]) => showOption(d, account, id ?? '', option ?? ''));
  router.add('DELETE', `${base}/:option`, (_request, [id, option]) => deleteOption(d, account, id ?? '', option ?? ''));
}
