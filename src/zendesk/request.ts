// The request core: one HTTP exchange, and the mapping of its status to an answer or an error.
// It never retries, waits or paces; retry-policy.ts and client.ts wrap it.
import { type HttpMethod, ZendeskApiError } from './errors.js';
import { parseJsonOrUndefined, type RawAnswer, type SendRaw } from './node-zendesk-transport.js';
import type { Redactor } from './redact.js';
import { zendeskMessageOf } from './zendesk-message.js';

export type Query = Record<string, string | number>;

export interface ApiRequest {
  method: HttpMethod;
  /** Relative to /api/v2, e.g. "triggers/123" or "trigger_categories". */
  path: string;
  query?: Query;
  body?: unknown;
  /** Names the object in error messages; defaults to "METHOD path". */
  subject: string;
}

export interface ApiAnswer {
  status: number;
  headers: Headers;
  body: unknown;
}

/** How a transport failure bears on retrying. */
export type FailureKind =
  | 'refused' // the connection was never made: nothing was sent, any method may be retried
  | 'lost' // sent (or maybe sent), answer lost: only idempotent requests may be retried
  | 'permanent'; // retrying cannot help (bad certificate, unusable request)

/** The request never got an answer. Internal: the retry layer turns it into NetworkError or UncertainWriteError. */
export class TransportFailure extends Error {
  override readonly name = 'TransportFailure';
  constructor(
    readonly request: ApiRequest,
    readonly kind: FailureKind,
    readonly reason: string,
  ) {
    super(`${request.subject}: ${reason}`);
  }
}

const REFUSED_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);
const PERMANENT_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
]);

export function urlOf(apiBaseUrl: string, path: string, query: Query = {}): string {
  const relative = path.replace(/^\/+/, '').replace(/^api\/v2\//, '');
  const url = new URL(`${apiBaseUrl}/${relative}`);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, String(value));
  return url.toString();
}

/** Sends one request; a failure to get any answer becomes a TransportFailure with a redacted reason. */
export async function exchange(sendRaw: SendRaw, apiBaseUrl: string, request: ApiRequest, redactor: Redactor): Promise<RawAnswer> {
  const url = urlOf(apiBaseUrl, request.path, request.query);
  try {
    return await sendRaw({ method: request.method, url, body: request.body });
  } catch (error) {
    throw new TransportFailure(request, failureKindOf(error), redactor.text(describeFailure(error)));
  }
}

/** 2xx → the answer; anything else → ZendeskApiError quoting Zendesk. Nothing more. */
export function answerOrError(raw: RawAnswer, request: ApiRequest, redactor: Redactor): ApiAnswer {
  const body = bodyOf(raw);
  if (raw.status >= 200 && raw.status < 300) return { status: raw.status, headers: raw.headers, body };
  throw new ZendeskApiError({
    subject: request.subject,
    method: request.method,
    path: request.path,
    status: raw.status,
    body: redactor.value(body),
    zendeskMessage: redactor.text(zendeskMessageOf(body, raw.statusText || `HTTP ${raw.status}`)),
    retryAfterSeconds: retryAfterSecondsOf(raw.headers.get('retry-after')),
  });
}

function bodyOf(raw: RawAnswer): unknown {
  if (raw.text.trim() === '') return undefined;
  return parseJsonOrUndefined(raw.text) ?? raw.text;
}

/** Retry-After is delta-seconds or an HTTP date. */
export function retryAfterSecondsOf(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - now) / 1000);
}

/** Only errors that look like the network (a socket error code, fetch's own wrapper, a timeout) are worth retrying. */
export function failureKindOf(error: unknown): FailureKind {
  if (isTimeout(error)) return 'lost';
  const code = errorCodeOf(error);
  if (code !== undefined && REFUSED_CODES.has(code)) return 'refused';
  if (code !== undefined && PERMANENT_CODES.has(code)) return 'permanent';
  if (code !== undefined || isFetchFailure(error)) return 'lost';
  return 'permanent';
}

function isFetchFailure(error: unknown): boolean {
  return error instanceof TypeError && error.message === 'fetch failed';
}

function describeFailure(error: unknown): string {
  if (isTimeout(error)) return 'no answer before the timeout';
  const cause = causeOf(error);
  const code = errorCodeOf(error);
  const message = cause instanceof Error ? cause.message : error instanceof Error ? error.message : String(error);
  return code !== undefined && !message.includes(code) ? `${code}: ${message}` : message || 'connection failed';
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

function causeOf(error: unknown): unknown {
  return error instanceof Error && 'cause' in error ? error.cause : undefined;
}

function errorCodeOf(error: unknown): string | undefined {
  for (const candidate of [causeOf(error), error]) {
    if (typeof candidate === 'object' && candidate !== null && 'code' in candidate && typeof candidate.code === 'string') {
      return candidate.code;
    }
  }
  return undefined;
}
