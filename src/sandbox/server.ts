import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { isAuthenticated } from './auth.js';
import type { Clock } from './clock.js';
import type { FaultInjector, FaultKind } from './faults.js';
import { ApiError, invalidEndpoint, json, type ApiRequest, type ApiResponse } from './http.js';
import type { RateLimiter } from './rate-limit.js';
import type { Router } from './router.js';

/** One request as the sandbox saw it; tests assert exact request counts from these. */
export interface RequestLogEntry {
  method: string;
  /** the path as sent, without the query: `/api/v2/triggers.json` */
  path: string;
  query: Record<string, string>;
  body: unknown;
  /** null when the connection was dropped before any answer */
  status: number | null;
  fault: FaultKind | 'rate-limit' | null;
  startedAt: number;
  finishedAt: number;
}

export interface ServerParts {
  router: Router;
  rateLimiter: RateLimiter;
  clock: Clock;
  log: RequestLogEntry[];
  faults(): FaultInjector | null;
  token(): string;
  /** a second token that may only read (an OAuth token with the `read` scope): its writes answer 403 */
  readToken?(): string | undefined;
  admin(): boolean;
}

const API_PREFIX = '/api/v2/';
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

// README "Errors" / "Auth".
const UNAUTHENTICATED = json(401, { error: "Couldn't authenticate you" });
const FORBIDDEN = json(403, {
  error: 'Forbidden',
  description: 'You do not have access to this page. Please contact the account owner of this help desk for further help.',
});

export function createSandboxServer(parts: ServerParts): Server {
  return createServer((req, res) => {
    handle(parts, req, res).catch((error: unknown) => {
      res.destroy(error instanceof Error ? error : new Error(String(error)));
    });
  });
}

async function handle(parts: ServerParts, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://sandbox');
  const entry: RequestLogEntry = {
    method: req.method ?? 'GET',
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    body: undefined,
    status: null,
    fault: null,
    startedAt: parts.clock.now(),
    finishedAt: 0,
  };
  parts.log.push(entry);
  const rawBody = await readBody(req);
  if (rawBody === undefined) {
    entry.finishedAt = parts.clock.now();
    entry.status = 413;
    // Not recorded; Zendesk's front end refuses oversized bodies with 413 before the API sees them.
    send(res, json(413, { error: 'RequestEntityTooLarge', description: `The request body is larger than ${MAX_BODY_BYTES} bytes` }));
    return;
  }
  const finish = (response: ApiResponse | null) => {
    entry.finishedAt = parts.clock.now();
    if (response === null) {
      res.destroy();
      return;
    }
    entry.status = response.status;
    send(res, response);
  };

  const rate = parts.rateLimiter.take();
  if (!rate.allowed) {
    entry.fault = 'rate-limit';
    // Not recorded; Zendesk's documented answer over the limit: 429 with Retry-After in seconds.
    const body = { error: 'APIRateLimitExceeded', description: 'Number of allowed API requests per minute exceeded' };
    return finish(withHeaders(json(429, body), { ...rate.headers, 'Retry-After': String(rate.retryAfter) }));
  }
  const fault = parts.faults()?.decide() ?? { kind: 'none' as const, delayMs: 0 };
  if (fault.delayMs > 0) await delay(fault.delayMs);
  if (fault.kind !== 'none') entry.fault = fault.kind;
  if (fault.kind === 'drop') return finish(null);
  const injected = injectedFailure(fault.kind, parts.faults()?.spec.retryAfter ?? 1);
  if (injected) return finish(withHeaders(injected, rate.headers));

  let response: ApiResponse;
  try {
    const body = parseBody(rawBody);
    entry.body = body;
    response = dispatch(parts, req, url, body);
  } catch (error) {
    response = error instanceof ApiError ? error.response : internalError(error);
  }
  if (fault.kind === 'lost') {
    entry.status = response.status;
    return finish(null);
  }
  finish(withHeaders(response, rate.headers));
}

function dispatch(parts: ServerParts, req: IncomingMessage, url: URL, body: unknown): ApiResponse {
  if (!url.pathname.startsWith(API_PREFIX)) return invalidEndpoint();
  // README: every path is also accepted with a `.json` suffix.
  const path = url.pathname.slice(API_PREFIX.length).replace(/\/$/, '').replace(/\.json$/, '');
  const method = req.method ?? 'GET';
  const readToken = parts.readToken?.();
  const readScoped = readToken !== undefined && isAuthenticated(req.headers.authorization, readToken);
  const authenticated = readScoped || isAuthenticated(req.headers.authorization, parts.token());
  const request: ApiRequest = { method, path, query: url.searchParams, body, authenticated };
  const route = parts.router.match(method, path);
  const isMe = method === 'GET' && path === 'users/me';
  if (!authenticated && !isMe) return UNAUTHENTICATED;
  if (!route) return invalidEndpoint();
  if (WRITE_METHODS.has(method) && (readScoped || !parts.admin())) return FORBIDDEN;
  return route.handler(request, route.params);
}

function injectedFailure(kind: FaultKind, retryAfter: number): ApiResponse | undefined {
  const retry = { 'Retry-After': String(retryAfter) };
  if (kind === '429') {
    return json(429, { error: 'APIRateLimitExceeded', description: 'Number of allowed API requests per minute exceeded' }, retry);
  }
  // README "Errors": "some failures are plain text"; 503 may carry Retry-After.
  if (kind === '503') return { status: 503, text: 'Service Unavailable', headers: retry };
  if (kind === '500') return json(500, { error: 'InternalServerError', description: 'Something went wrong' });
  return undefined;
}

function internalError(error: unknown): ApiResponse {
  const description = error instanceof Error ? error.message : String(error);
  return json(500, { error: 'InternalServerError', description });
}

function parseBody(raw: string): unknown {
  if (raw.trim() === '') return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new ApiError(json(400, { error: 'InvalidJSON', description: 'The request body is not valid JSON' }));
  }
}

function withHeaders(response: ApiResponse, headers: Record<string, string>): ApiResponse {
  return { ...response, headers: { ...headers, ...response.headers } };
}

function send(res: ServerResponse, response: ApiResponse): void {
  const headers: Record<string, string> = { ...response.headers };
  let payload = '';
  if (response.body !== undefined) {
    payload = JSON.stringify(response.body);
    headers['Content-Type'] = 'application/json; charset=utf-8';
  } else if (response.text !== undefined) {
    payload = response.text;
    headers['Content-Type'] = 'text/plain; charset=utf-8';
  }
  if (response.status === 204) payload = '';
  headers['Content-Length'] = String(Buffer.byteLength(payload));
  res.writeHead(response.status, headers);
  res.end(payload);
}

/** Biggest request body the sandbox reads; the rest of a bigger one is drained unread. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** The body as text, or undefined when it is larger than MAX_BODY_BYTES. */
function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      else chunks.length = 0;
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
