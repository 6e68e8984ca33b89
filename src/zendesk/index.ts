// The only code in zdctl that talks HTTP. See README.md in this folder.
export { createClient } from './client.js';
export type { ClientOptions, ClientStats, LogEntry, SendOptions, SendResult, ZendeskClient } from './client.js';
export { clientOptionsFromEnvironment, connectionTargetOf, type CredentialPurpose } from './environment.js';
export type { ConnectionTarget, InstanceConnection } from './environment.js';
export { NetworkError, UncertainWriteError, UnexpectedAnswerError, ZendeskApiError, ZendeskConfigError } from './errors.js';
export type { HttpMethod } from './errors.js';
export type { Paging } from './paging.js';
export type { Query } from './request.js';
export type { ZendeskAuth } from './auth.js';
export { isLoopbackHost } from './base-url.js';
