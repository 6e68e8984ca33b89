import type { ApiObject } from './model.js';

/** One API request after parsing: path is relative to /api/v2, without a `.json` suffix. */
export interface ApiRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  /** whether the credentials were good (only /users/me answers without them) */
  authenticated: boolean;
}

/** One answer; `body` undefined means an empty body (204, reorder). */
export interface ApiResponse {
  status: number;
  body?: unknown;
  text?: string;
  headers?: Record<string, string>;
}

export interface ErrorDetail {
  description: string;
  error: string;
}

/** A problem found by a validation rule, before it is shaped into Zendesk's error body. */
export interface Violation {
  field: string;
  description: string;
  error: string;
  /** code and title for the newer `{"errors":[{code,title}]}` endpoints (trigger categories) */
  code?: string;
  title?: string;
}

/** Thrown anywhere below the router to answer with `response`. */
export class ApiError extends Error {
  constructor(readonly response: ApiResponse) {
    super(`API error ${response.status}`);
  }
}

export const json = (status: number, body: unknown, headers?: Record<string, string>): ApiResponse => ({
  status,
  body,
  ...(headers ? { headers } : {}),
});

export const noContent = (): ApiResponse => ({ status: 204 });

// Recorded: zendesk_api_client_rb cassettes, GET after delete.
export const recordNotFound = (): ApiResponse => json(404, { error: 'RecordNotFound', description: 'Not found' });

// Not recorded; the shape Zendesk uses for paths it has no route for.
export const invalidEndpoint = (): ApiResponse => json(404, { error: 'InvalidEndpoint', description: 'Not found' });

// README "Errors": 422 RecordInvalid with details keyed by field.
export function recordInvalid(violations: Violation[]): ApiResponse {
  const details: Record<string, ErrorDetail[]> = {};
  for (const { field, description, error } of violations) {
    (details[field] ??= []).push({ description, error });
  }
  return json(422, { error: 'RecordInvalid', description: 'Record validation errors', details });
}

/** The newer error body (trigger categories, jobs): `{"errors":[{"code","title"}]}`. */
export function errorList(status: number, errors: Array<{ code: string; title: string } & ApiObject>): ApiResponse {
  return json(status, { errors });
}

export function badRequest(description: string, error = 'InvalidValue'): ApiResponse {
  return json(400, { error, description });
}

export function parameterMissing(key: string): ApiResponse {
  return json(400, { error: 'ParameterMissing', description: `param is missing or the value is empty: ${key}` });
}
