// Whether and when to send a failed request again. A pure function of the failure, the attempt
// number, whether the request is idempotent and the budget left; the client only carries it out.
//
// - 429, and 503 with Retry-After, are rejections: nothing was written. Retried for every method,
//   after Retry-After (or backoff when Zendesk names no delay).
// - 500/502/503/504 and lost connections may hide a completed write: retried with exponential
//   backoff and full jitter only when idempotent; a POST gets UncertainWriteError instead.
// - A refused connection sent nothing: retried for every method.
// - NEVER_RETRY (and every other answer) is final.
import { NetworkError, UncertainWriteError, ZendeskApiError } from './errors.js';
import { TransportFailure } from './request.js';

export const NEVER_RETRY: ReadonlySet<number> = new Set([400, 401, 403, 404, 422]);
const TRANSIENT_SERVER_ERRORS: ReadonlySet<number> = new Set([500, 502, 503, 504]);

export const BACKOFF_BASE_SECONDS = 1;
export const BACKOFF_CAP_SECONDS = 30;

export interface RetryBudget {
  /** Sends per request, the first one included. */
  maxAttempts: number;
  /** Waiting per request, all retries together. */
  maxWaitSeconds: number;
}

export const DEFAULT_RETRY_BUDGET: RetryBudget = { maxAttempts: 6, maxWaitSeconds: 300 };

export interface RetryQuestion {
  failure: ZendeskApiError | TransportFailure;
  /** The attempt that just failed, 1-based. */
  attempt: number;
  idempotent: boolean;
  waitedSeconds: number;
  budget: RetryBudget;
  /** [0, 1), for jitter. */
  random: () => number;
}

export type RetryDecision =
  | { retry: true; waitSeconds: number; cause: 'rate-limit' | 'backoff' }
  | { retry: false; error: Error };

export function decideRetry(question: RetryQuestion): RetryDecision {
  const { failure } = question;
  const wait = failure instanceof ZendeskApiError ? waitForAnswer(failure, question) : waitForTransportFailure(failure, question);
  if (!wait.retry) return wait;
  return withinBudget(wait, question);
}

/** Full jitter: uniformly between 0 and the exponential ceiling. */
export function backoffSeconds(attempt: number, random: () => number): number {
  const ceiling = Math.min(BACKOFF_CAP_SECONDS, BACKOFF_BASE_SECONDS * 2 ** (attempt - 1));
  return random() * ceiling;
}

function waitForAnswer(error: ZendeskApiError, question: RetryQuestion): RetryDecision {
  if (NEVER_RETRY.has(error.status)) return { retry: false, error };
  if (isRejection(error)) {
    return { retry: true, waitSeconds: error.retryAfterSeconds ?? backoffSeconds(question.attempt, question.random), cause: 'rate-limit' };
  }
  if (!TRANSIENT_SERVER_ERRORS.has(error.status)) return { retry: false, error };
  if (!question.idempotent) return { retry: false, error: uncertainAfterServerError(error) };
  return { retry: true, waitSeconds: error.retryAfterSeconds ?? backoffSeconds(question.attempt, question.random), cause: 'backoff' };
}

function isRejection(error: ZendeskApiError): boolean {
  return error.status === 429 || (error.status === 503 && error.retryAfterSeconds !== undefined);
}

/**
 * A refused connection (nothing listens there: a wrong URL, a sandbox that is not running, a
 * subdomain that does not resolve) gets a few quick tries, about a second in all, not the full
 * backoff: waiting longer almost never helps, and the operator wants the error now.
 */
const REFUSED_MAX_ATTEMPTS = 3;
const REFUSED_FIRST_WAIT_SECONDS = 0.25;

function waitForTransportFailure(failure: TransportFailure, question: RetryQuestion): RetryDecision {
  if (failure.kind === 'permanent') return { retry: false, error: networkError(failure, question.attempt, 'retrying cannot help') };
  if (failure.kind === 'refused') {
    if (question.attempt >= Math.min(REFUSED_MAX_ATTEMPTS, question.budget.maxAttempts)) return { retry: false, error: networkError(failure, question.attempt, 'nothing answered at that address') };
    return { retry: true, waitSeconds: REFUSED_FIRST_WAIT_SECONDS * 2 ** (question.attempt - 1), cause: 'backoff' };
  }
  if (failure.kind === 'lost' && !question.idempotent) return { retry: false, error: uncertainAfterLostAnswer(failure) };
  return { retry: true, waitSeconds: backoffSeconds(question.attempt, question.random), cause: 'backoff' };
}

function withinBudget(wait: RetryDecision & { retry: true }, question: RetryQuestion): RetryDecision {
  const { budget, attempt, failure } = question;
  if (attempt >= budget.maxAttempts) {
    return { retry: false, error: exhausted(failure, attempt, `the retry budget of ${budget.maxAttempts} attempts is used up`) };
  }
  if (question.waitedSeconds + wait.waitSeconds > budget.maxWaitSeconds) {
    const asked = `waiting another ${formatSeconds(wait.waitSeconds)} would exceed the retry budget of ${formatSeconds(budget.maxWaitSeconds)}`;
    return { retry: false, error: exhausted(failure, attempt, asked) };
  }
  return wait;
}

function exhausted(failure: ZendeskApiError | TransportFailure, attempts: number, reason: string): Error {
  if (failure instanceof ZendeskApiError) return failure.givenUpAfter(attempts, reason);
  return networkError(failure, attempts, reason);
}

function networkError(failure: TransportFailure, attempts: number, reason: string): NetworkError {
  const { request } = failure;
  const message = `${request.subject}: could not get an answer from Zendesk (${failure.reason}); gave up after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${reason}`;
  return new NetworkError(message, request.method, request.path, attempts, failure.reason);
}

const CHECK_LIVE_STATE = 'the write may or may not have happened; check live state before retrying';

function uncertainAfterLostAnswer(failure: TransportFailure): UncertainWriteError {
  const { request } = failure;
  const message = `${request.subject}: the answer was lost (${failure.reason}); ${CHECK_LIVE_STATE}`;
  return new UncertainWriteError(message, request.method, request.path, failure.reason);
}

function uncertainAfterServerError(error: ZendeskApiError): UncertainWriteError {
  const reason = `Zendesk answered ${error.status} ${error.zendeskMessage}`;
  return new UncertainWriteError(`${error.subject}: ${reason}; ${CHECK_LIVE_STATE}`, error.method, error.path, reason, error.status);
}

function formatSeconds(seconds: number): string {
  return `${Number(seconds.toFixed(3))} s`;
}
