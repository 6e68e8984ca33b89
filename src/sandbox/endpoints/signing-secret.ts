import { createHash } from 'node:crypto';
import { find, type Account } from '../crud.js';
import { json, type ApiResponse } from '../http.js';
import { isObject, type ApiObject } from '../model.js';
import type { ResourceDescriptor } from '../resources/descriptor.js';

export const SIGNING_SECRET_KEY = 'signing_secret';

/** A secret that looks like Zendesk's (base64url, 43 characters), derived from the id and a generation. */
export function newSigningSecret(id: unknown, generation = 0): ApiObject {
  const secret = createHash('sha256').update(`${String(id)}:${generation}`).digest('base64url');
  return { algorithm: 'SHA256', secret, generation };
}

/** Seeded webhooks come without one: the first read makes it, as a new webhook has one from its creation. */
const secretOf = (webhook: ApiObject): ApiObject =>
  isObject(webhook[SIGNING_SECRET_KEY]) ? webhook[SIGNING_SECRET_KEY] : newSigningSecret(webhook.id);

const answer = ({ algorithm, secret }: ApiObject) => ({ signing_secret: { algorithm, secret } });

/** `GET /webhooks/{id}/signing_secret`: the only place the signing secret is answered. */
export function showSigningSecret(d: ResourceDescriptor, account: Account, segment: string): ApiResponse {
  return json(200, answer(secretOf(find(d, account, segment))));
}

/** `POST /webhooks/{id}/signing_secret` resets it (assumed: 201 with the new secret). */
export function resetSigningSecret(d: ResourceDescriptor, account: Account, segment: string): ApiResponse {
  const webhook = find(d, account, segment);
  const next = newSigningSecret(webhook.id, Number(secretOf(webhook).generation ?? 0) + 1);
  account.store.put(d.type, { ...webhook, [SIGNING_SECRET_KEY]: next });
  account.changed();
  return json(201, answer(next));
}
