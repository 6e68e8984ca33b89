// The client: node-zendesk's transporter at the bottom, then the request core (status → error),
// wrapped by bounded concurrency, rate-limit pacing and the retry policy, in that order:
//   execute → retry loop → [slot → pacing wait → exchange → observe headers → log] → answerOrError
import { performance } from 'node:perf_hooks';
import type { ZendeskAuth } from './auth.js';
import { apiBaseUrlOf, checkedBaseUrl } from './base-url.js';
import { type Clock, scaledClock } from './clock.js';
import { Semaphore } from './concurrency.js';
import { type HttpMethod, ZendeskApiError, ZendeskConfigError } from './errors.js';
import { createNodeZendeskSender, type RawAnswer, type SendRaw } from './node-zendesk-transport.js';
import { RateLimitPacer } from './pacing.js';
import { listAll, type Paging } from './paging.js';
import { type Redactor, redactorFor } from './redact.js';
import { type ApiAnswer, type ApiRequest, answerOrError, exchange, type Query, TransportFailure } from './request.js';
import { DEFAULT_RETRY_BUDGET, decideRetry, type RetryBudget } from './retry-policy.js';

export interface LogEntry {
  method: string;
  path: string;
  status: number | 'network-error';
  ms: number;
  attempt: number;
}

export interface ClientOptions {
  /** e.g. https://acme.zendesk.com or http://127.0.0.1:PORT; the API is at baseUrl + '/api/v2'. */
  baseUrl: string;
  auth: ZendeskAuth;
  /** Requests in flight at once; default 4. */
  maxInFlight?: number;
  /** Waits (Retry-After, backoff, pacing) are divided by this; tests use e.g. 1000. Default 1. */
  timeScale?: number;
  /** The retry budget per request; past it the last failure is thrown, saying so. */
  retry?: { maxAttempts?: number; maxWaitSeconds?: number };
  /** Called once per request sent (every attempt), for --verbose. Never sees a secret. */
  log?: (entry: LogEntry) => void;
  /** Per attempt, until the whole answer is read; default 30000. */
  timeoutMs?: number;
  /** A client for a command that only reads: any write is refused before it is sent. */
  readOnly?: boolean;
}

export interface SendOptions {
  /** Default: true for PUT, PATCH, DELETE; false for POST. */
  idempotent?: boolean;
  /** Names the object in error messages, e.g. 'trigger "Notify requester"'. */
  describe?: string;
}

export interface SendResult<T> {
  status: number;
  body: T | undefined;
  headers: Headers;
}

export interface ClientStats {
  /** Requests sent, every retry included. */
  requests: number;
  retries: number;
  /** Requests sent, per HTTP method. */
  byMethod: Record<string, number>;
  /** Nominal milliseconds spent waiting because of rate limits (Retry-After and pacing), summed over requests. */
  throttledMs: number;
}

export type WriteMethod = Exclude<HttpMethod, 'GET'>;

export interface ZendeskClient {
  get<T>(path: string, query?: Query): Promise<T>;
  listAll<T>(path: string, envelopeKey: string, paging: Paging): Promise<T[]>;
  send<T>(method: WriteMethod, path: string, body?: unknown, options?: SendOptions): Promise<SendResult<T>>;
  readonly stats: ClientStats;
}

export const DEFAULT_MAX_IN_FLIGHT = 4;
export const DEFAULT_TIMEOUT_MS = 30_000;
const USER_AGENT = 'zdctl (node-zendesk)';

/** Internal seam for tests: the source of jitter. Not part of the public options. */
export interface ClientSeams {
  random?: () => number;
}

export function createClient(options: ClientOptions, seams: ClientSeams = {}): ZendeskClient {
  const apiBaseUrl = apiBaseUrlOf(checkedBaseUrl(options.baseUrl, 'baseUrl'));
  checkAuthPresent(options.auth);
  const maxInFlight = options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT;
  const redactor = redactorFor(options.auth);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const sendRaw = createNodeZendeskSender({ apiBaseUrl, auth: options.auth, timeoutMs, userAgent: USER_AGENT });
  const pipeline = new RequestPipeline({
    apiBaseUrl,
    sendRaw,
    redactor,
    clock: scaledClock(options.timeScale ?? 1),
    slots: new Semaphore(maxInFlight),
    maxInFlight,
    budget: { ...DEFAULT_RETRY_BUDGET, ...definedOnly(options.retry ?? {}) },
    log: options.log,
    random: seams.random ?? Math.random,
  });

  return {
    stats: pipeline.stats,
    async get<T>(path: string, query: Query = {}): Promise<T> {
      const answer = await pipeline.execute({ method: 'GET', path, query, subject: `GET ${path}` }, true);
      return answer.body as T;
    },
    async listAll<T>(path: string, envelopeKey: string, paging: Paging): Promise<T[]> {
      const getJson = async (pagePath: string, query: Query) =>
        (await pipeline.execute({ method: 'GET', path: pagePath, query, subject: `GET ${path}` }, true)).body;
      return listAll<T>(getJson, apiBaseUrl, path, envelopeKey, paging);
    },
    async send<T>(method: WriteMethod, path: string, body?: unknown, sendOptions: SendOptions = {}) {
      const idempotent = sendOptions.idempotent ?? method !== 'POST';
      const subject = sendOptions.describe ?? `${method} ${path}`;
      if (options.readOnly) throw new ZendeskConfigError(`${method} ${path} refused, nothing was sent: this command only reads, with a read-only client`);
      const answer = await pipeline.execute({ method, path, body, subject }, idempotent);
      return { status: answer.status, body: answer.body as T | undefined, headers: answer.headers };
    },
  };
}

interface PipelineParts {
  apiBaseUrl: string;
  sendRaw: SendRaw;
  redactor: Redactor;
  clock: Clock;
  slots: Semaphore;
  maxInFlight: number;
  budget: RetryBudget;
  log: ((entry: LogEntry) => void) | undefined;
  random: () => number;
}

class RequestPipeline {
  readonly stats: ClientStats = { requests: 0, retries: 0, byMethod: {}, throttledMs: 0 };
  private readonly pacer: RateLimitPacer;

  constructor(private readonly parts: PipelineParts) {
    this.pacer = new RateLimitPacer(parts.clock, parts.maxInFlight);
  }

  /** Sends until the answer is final, as the retry policy decides. */
  async execute(request: ApiRequest, idempotent: boolean): Promise<ApiAnswer> {
    let waitedSeconds = 0;
    let waitedOutHold = false;
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.sendOnce(request, attempt, waitedOutHold);
      } catch (failure) {
        if (!(failure instanceof ZendeskApiError || failure instanceof TransportFailure)) throw failure;
        const decision = decideRetry({ failure, attempt, idempotent, waitedSeconds, budget: this.parts.budget, random: this.parts.random });
        if (!decision.retry) throw decision.error;
        await this.waitBeforeRetry(decision.waitSeconds, decision.cause);
        waitedSeconds += decision.waitSeconds;
        waitedOutHold = decision.cause === 'rate-limit';
      }
    }
  }

  private async waitBeforeRetry(waitSeconds: number, cause: 'rate-limit' | 'backoff'): Promise<void> {
    const nominalMs = waitSeconds * 1000;
    this.stats.retries += 1;
    if (cause === 'rate-limit') {
      this.pacer.holdFor(nominalMs);
      this.stats.throttledMs += nominalMs;
    }
    await this.parts.clock.sleep(nominalMs);
  }

  /** One attempt: take a slot, wait as pacing says, send, learn from the headers, map the status. */
  private sendOnce(request: ApiRequest, attempt: number, waitedOutHold: boolean): Promise<ApiAnswer> {
    return this.parts.slots.run(async () => {
      await this.waitForPacing(waitedOutHold);
      this.countRequest(request.method);
      const raw = await this.exchangeLogged(request, attempt);
      this.pacer.observe(raw.headers, this.parts.slots.active - 1);
      return answerOrError(raw, request, this.parts.redactor);
    });
  }

  private async waitForPacing(waitedOutHold: boolean): Promise<void> {
    const delay = this.pacer.delayForNextRequest(waitedOutHold);
    if (delay <= 0) return;
    this.stats.throttledMs += delay;
    await this.parts.clock.sleep(delay);
  }

  private async exchangeLogged(request: ApiRequest, attempt: number): Promise<RawAnswer> {
    const started = performance.now();
    try {
      const raw = await exchange(this.parts.sendRaw, this.parts.apiBaseUrl, request, this.parts.redactor);
      this.log(request, raw.status, started, attempt);
      return raw;
    } catch (failure) {
      this.log(request, 'network-error', started, attempt);
      throw failure;
    }
  }

  private countRequest(method: string): void {
    this.stats.requests += 1;
    this.stats.byMethod[method] = (this.stats.byMethod[method] ?? 0) + 1;
  }

  private log(request: ApiRequest, status: number | 'network-error', started: number, attempt: number): void {
    if (!this.parts.log) return;
    const ms = Math.round(performance.now() - started);
    this.parts.log({ method: request.method, path: this.parts.redactor.text(pathWithQuery(request)), status, ms, attempt });
  }
}

/** Empty credentials would make node-zendesk throw inside every request; say so once, up front. */
function checkAuthPresent(auth: ZendeskAuth): void {
  const values = 'oauthToken' in auth ? { oauthToken: auth.oauthToken } : { email: auth.email, token: auth.token };
  for (const [name, value] of Object.entries(values)) {
    if (typeof value !== 'string' || value.trim() === '') throw new ZendeskConfigError(`auth.${name} is empty`);
  }
}

function pathWithQuery(request: ApiRequest): string {
  const entries = Object.entries(request.query ?? {});
  if (entries.length === 0) return request.path;
  return `${request.path}?${entries.map(([name, value]) => `${name}=${value}`).join('&')}`;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as Partial<T>;
}
