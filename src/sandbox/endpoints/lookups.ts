import type { Account } from '../crud.js';
import { json, recordNotFound, type ApiResponse } from '../http.js';
import type { ApiObject, LookupType } from '../model.js';
import { listResponse, sortEntries } from '../pagination.js';
import { render, TYPE_PATHS } from '../render.js';
import { byId, numberOr } from '../resources/descriptor.js';

export const LOOKUP_SINGULAR: Record<LookupType, string> = {
  brands: 'brand',
  targets: 'target',
  users: 'user',
  locales: 'locale',
};

/** Lookups list in id order, offset-paginated. */
export function listLookup(type: LookupType, account: Account, query: URLSearchParams): ApiResponse {
  const entries = sortEntries(account.store.all(type), byId).map((e) => ({
    ...e,
    object: render(type, e.object, account.baseUrl),
  }));
  return listResponse({
    envelope: type,
    listUrl: `${account.baseUrl}/api/v2/${TYPE_PATHS[type]}.json`,
    query,
    supportsCursor: false,
    unpaginated: 'offset',
    entries: () => entries,
  });
}

export function showLookup(type: LookupType, account: Account, id: string): ApiResponse {
  const object = account.store.get(type, id);
  if (!object) return recordNotFound();
  return json(200, { [LOOKUP_SINGULAR[type]]: render(type, object, account.baseUrl) });
}

/**
 * `GET /users/search?query=` (offset only, spec). Matches `email:<address>` or a bare address
 * exactly (case-insensitive), otherwise a part of the name or email.
 */
export function searchUsers(account: Account, query: URLSearchParams): ApiResponse {
  const text = (query.get('query') ?? '').trim();
  const emailTerm = /(?:^|\s)email:(\S+)/.exec(text)?.[1] ?? (text.includes('@') ? text : undefined);
  const matches = (user: ApiObject) => {
    const email = String(user.email ?? '').toLowerCase();
    if (emailTerm !== undefined) return email === emailTerm.toLowerCase();
    return text !== '' && (email.includes(text.toLowerCase()) || String(user.name ?? '').toLowerCase().includes(text.toLowerCase()));
  };
  const entries = sortEntries(account.store.all('users').filter(matches), (o) => [numberOr(o.id, 0)]).map((e) => ({
    ...e,
    object: render('users', e.object, account.baseUrl),
  }));
  return listResponse({
    envelope: 'users',
    listUrl: `${account.baseUrl}/api/v2/users/search.json`,
    query,
    supportsCursor: false,
    unpaginated: 'offset',
    entries: () => entries,
  });
}

// README "Auth": GET /users/me answers 200 with an anonymous user when the credentials are bad.
const ANONYMOUS_USER = {
  id: null, url: null, name: 'Anonymous user', email: 'invalid@example.com', created_at: null, updated_at: null,
  time_zone: 'UTC', iana_time_zone: 'Etc/UTC', phone: null, shared_phone_number: null, photo: null, locale_id: 1,
  locale: 'en-US', organization_id: null, role: 'end-user', verified: false, external_id: null, tags: [], alias: null,
  active: true, shared: false, shared_agent: false, last_login_at: null, two_factor_auth_enabled: null, signature: null,
  details: null, notes: null, role_type: null, custom_role_id: null, moderator: false, ticket_restriction: null,
  only_private_comments: false, restricted_agent: true, suspended: false, default_group_id: null, report_csv: false,
  user_fields: {},
};

/** The user behind the token: the account's first admin, answered as an agent when the token is not an admin's. */
export function currentUser(account: Account, authenticated: boolean, admin: boolean): ApiResponse {
  if (!authenticated) return json(200, { user: ANONYMOUS_USER });
  const users = account.store.all('users');
  const me = users.find((u) => u.role === 'admin') ?? users[0];
  if (!me) return json(200, { user: ANONYMOUS_USER });
  const rendered = render('users', me, account.baseUrl);
  return json(200, { user: admin ? rendered : { ...rendered, role: 'agent' } });
}

/** `GET /users/show_many?ids=1,2,3` (spec ShowManyUsers): the users with those ids, unknown ids left out, at most 100. */
export function showManyUsers(account: Account, query: URLSearchParams): ApiResponse {
  const ids = (query.get('ids') ?? '').split(',').map((id) => id.trim()).filter(Boolean);
  if (ids.length > 100) return { status: 400, body: { error: 'InvalidPaginationParameter', description: 'ids can contain at most 100 values' } };
  const wanted = new Set(ids);
  const users = account.store.all('users').filter((user) => wanted.has(String(user.id))).map((user) => render('users', user, account.baseUrl));
  return { status: 200, body: { users, next_page: null, previous_page: null, count: users.length } };
}
