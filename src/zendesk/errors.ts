// The errors the Zendesk client throws. Every message names the object (or METHOD path)
// and quotes Zendesk's own words; none carries a secret (see redact.ts).

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ZendeskApiErrorFields {
  subject: string;
  method: HttpMethod;
  path: string;
  status: number;
  body: unknown;
  zendeskMessage: string;
  retryAfterSeconds?: number;
  attempts?: number;
}

/** Zendesk answered, and the answer was not a success. */
export class ZendeskApiError extends Error {
  override readonly name = 'ZendeskApiError';
  readonly status: number;
  readonly method: HttpMethod;
  readonly path: string;
  readonly body: unknown;
  readonly zendeskMessage: string;
  /** Seconds from the Retry-After header, when Zendesk sent one. */
  readonly retryAfterSeconds: number | undefined;
  /** How many times the request was sent before this answer was final. */
  readonly attempts: number;
  readonly subject: string;

  constructor(fields: ZendeskApiErrorFields, note?: string) {
    const attempts = fields.attempts ?? 1;
    super(`${fields.subject}: Zendesk answered ${fields.status} ${fields.zendeskMessage}${note ? ` (${note})` : ''}`);
    this.subject = fields.subject;
    this.status = fields.status;
    this.method = fields.method;
    this.path = fields.path;
    this.body = fields.body;
    this.zendeskMessage = fields.zendeskMessage;
    this.retryAfterSeconds = fields.retryAfterSeconds;
    this.attempts = attempts;
  }

  /** The same answer, marked as final after `attempts` tries, with the reason retrying stopped. */
  givenUpAfter(attempts: number, reason: string): ZendeskApiError {
    const fields: ZendeskApiErrorFields = {
      subject: this.subject,
      method: this.method,
      path: this.path,
      status: this.status,
      body: this.body,
      zendeskMessage: this.zendeskMessage,
      retryAfterSeconds: this.retryAfterSeconds,
      attempts,
    };
    return new ZendeskApiError(fields, `gave up after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${reason}`);
  }
}

/** Zendesk could not be reached (connection refused, reset, timed out), and retrying did not help. */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';
  constructor(
    message: string,
    readonly method: HttpMethod,
    readonly path: string,
    readonly attempts: number,
    readonly reason: string,
  ) {
    super(message);
  }
}

/**
 * A non-idempotent write (a POST create) was sent but its answer was lost: the write may or may not
 * have happened. It is never retried blindly; the caller checks live state first.
 */
export class UncertainWriteError extends Error {
  override readonly name = 'UncertainWriteError';
  constructor(
    message: string,
    readonly method: HttpMethod,
    readonly path: string,
    readonly reason: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** The environment or instance.yaml does not give a usable URL or credentials. Never quotes a secret. */
export class ZendeskConfigError extends Error {
  override readonly name = 'ZendeskConfigError';
}

/** Zendesk answered 2xx, but not with what its API promises (no envelope, a cursor that does not advance, ...). */
export class UnexpectedAnswerError extends Error {
  override readonly name = 'UnexpectedAnswerError';
}
