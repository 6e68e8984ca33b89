// The retry decision is a pure function: table-driven, whole-decision assertions.
import { describe, expect, it } from 'vitest';
import { NetworkError, UncertainWriteError, ZendeskApiError } from '../../src/zendesk/index.js';
import { type ApiRequest, type FailureKind, TransportFailure } from '../../src/zendesk/request.js';
import { backoffSeconds, decideRetry, DEFAULT_RETRY_BUDGET, type RetryDecision } from '../../src/zendesk/retry-policy.js';

const get: ApiRequest = { method: 'GET', path: 'triggers', subject: 'GET triggers' };
const post: ApiRequest = { method: 'POST', path: 'triggers', subject: 'trigger "A"' };

function answer(request: ApiRequest, status: number, retryAfterSeconds?: number) {
  return new ZendeskApiError({ subject: request.subject, method: request.method, path: request.path, status, body: undefined, zendeskMessage: 'Nope', retryAfterSeconds });
}
const transport = (request: ApiRequest, kind: FailureKind) => new TransportFailure(request, kind, 'ECONNRESET: socket hang up');

function decide(failure: ZendeskApiError | TransportFailure, idempotent: boolean, attempt = 1, waitedSeconds = 0): RetryDecision {
  return decideRetry({ failure, attempt, idempotent, waitedSeconds, budget: DEFAULT_RETRY_BUDGET, random: () => 0.5 });
}

const summary = (decision: RetryDecision) =>
  decision.retry ? { retry: true, waitSeconds: decision.waitSeconds, cause: decision.cause } : { retry: false, error: decision.error.constructor.name };

describe('decideRetry', () => {
  it.each([
    ['GET 429 Retry-After 7', answer(get, 429, 7), true, { retry: true, waitSeconds: 7, cause: 'rate-limit' }],
    ['POST 429 Retry-After 7', answer(post, 429, 7), false, { retry: true, waitSeconds: 7, cause: 'rate-limit' }],
    ['POST 429 without Retry-After: backoff', answer(post, 429), false, { retry: true, waitSeconds: 0.5, cause: 'rate-limit' }],
    ['POST 503 Retry-After 2', answer(post, 503, 2), false, { retry: true, waitSeconds: 2, cause: 'rate-limit' }],
    ['POST 503 without Retry-After', answer(post, 503), false, { retry: false, error: 'UncertainWriteError' }],
    ['POST 500', answer(post, 500), false, { retry: false, error: 'UncertainWriteError' }],
    ['GET 500', answer(get, 500), true, { retry: true, waitSeconds: 0.5, cause: 'backoff' }],
    ['GET 502', answer(get, 502), true, { retry: true, waitSeconds: 0.5, cause: 'backoff' }],
    ['GET 504', answer(get, 504), true, { retry: true, waitSeconds: 0.5, cause: 'backoff' }],
    ['GET 501', answer(get, 501), true, { retry: false, error: 'ZendeskApiError' }],
    ['GET 400', answer(get, 400), true, { retry: false, error: 'ZendeskApiError' }],
    ['GET 401', answer(get, 401), true, { retry: false, error: 'ZendeskApiError' }],
    ['GET 403', answer(get, 403), true, { retry: false, error: 'ZendeskApiError' }],
    ['GET 404', answer(get, 404), true, { retry: false, error: 'ZendeskApiError' }],
    ['GET 422', answer(get, 422), true, { retry: false, error: 'ZendeskApiError' }],
    ['GET 422 even with Retry-After', answer(get, 422, 1), true, { retry: false, error: 'ZendeskApiError' }],
    ['GET connection lost', transport(get, 'lost'), true, { retry: true, waitSeconds: 0.5, cause: 'backoff' }],
    ['POST connection lost', transport(post, 'lost'), false, { retry: false, error: 'UncertainWriteError' }],
    ['POST connection refused', transport(post, 'refused'), false, { retry: true, waitSeconds: 0.25, cause: 'backoff' }],
    ['GET bad certificate', transport(get, 'permanent'), true, { retry: false, error: 'NetworkError' }],
  ] as const)('%s', (_name, failure, idempotent, expected) => {
    expect(summary(decide(failure, idempotent))).toEqual(expected);
  });

  it('gives up at maxAttempts with the last answer, saying why', () => {
    const decision = decide(answer(get, 429, 1), true, DEFAULT_RETRY_BUDGET.maxAttempts);
    expect(decision.retry).toBe(false);
    const error = (decision as { error: Error }).error;
    expect(error).toBeInstanceOf(ZendeskApiError);
    expect(error.message).toBe('GET triggers: Zendesk answered 429 Nope (gave up after 6 attempts: the retry budget of 6 attempts is used up)');
  });

  it('gives up when the next wait would pass maxWaitSeconds', () => {
    const decision = decide(answer(get, 429, 60), true, 2, 250);
    expect(summary(decision)).toEqual({ retry: false, error: 'ZendeskApiError' });
    expect((decision as { error: Error }).error.message).toContain('waiting another 60 s would exceed the retry budget of 300 s');
  });

  it('a transport failure past the budget is a NetworkError with the attempts', () => {
    const decision = decide(transport(get, 'lost'), true, 6);
    const error = (decision as { error: Error }).error;
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ attempts: 6, method: 'GET', path: 'triggers' });
  });

  it('an uncertain write says the write may have happened', () => {
    const decision = decide(transport(post, 'lost'), false);
    expect((decision as { error: Error }).error).toBeInstanceOf(UncertainWriteError);
    expect((decision as { error: Error }).error.message).toBe(
      'trigger "A": the answer was lost (ECONNRESET: socket hang up); the write may or may not have happened; check live state before retrying',
    );
  });
});

describe('backoffSeconds: exponential with full jitter, capped at 30 s', () => {
  it.each([
    [1, 1, 1],
    [2, 1, 2],
    [3, 1, 4],
    [6, 1, 30],
    [10, 1, 30],
    [3, 0, 0],
    [3, 0.25, 1],
  ])('attempt %i, random %d → %d s', (attempt, random, seconds) => {
    expect(backoffSeconds(attempt, () => random)).toBe(seconds);
  });
});
