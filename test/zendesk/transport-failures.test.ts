// How a failure to get any answer bears on retrying: refused (nothing sent), lost (maybe sent),
// permanent (retrying cannot help). Real error shapes as Node's fetch (undici) produces them.
import { describe, expect, it } from 'vitest';
import { createClient, ZendeskConfigError } from '../../src/zendesk/index.js';
import { failureKindOf } from '../../src/zendesk/request.js';

const withCode = (code: string, message = code) => Object.assign(new Error(message), { code });
const fetchFailed = (cause: unknown) => new TypeError('fetch failed', { cause });

describe('failureKindOf', () => {
  it.each([
    ['connection refused', fetchFailed(withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:1')), 'refused'],
    ['DNS failure', fetchFailed(withCode('ENOTFOUND', 'getaddrinfo ENOTFOUND acme.zendesk.com')), 'refused'],
    ['connect timeout', fetchFailed(withCode('UND_ERR_CONNECT_TIMEOUT')), 'refused'],
    ['other side closed', fetchFailed(withCode('UND_ERR_SOCKET', 'other side closed')), 'lost'],
    ['connection reset', fetchFailed(withCode('ECONNRESET', 'read ECONNRESET')), 'lost'],
    ['fetch failed without a code', fetchFailed(new Error('something')), 'lost'],
    ['timeout', new DOMException('The operation was aborted due to timeout', 'TimeoutError'), 'lost'],
    ['expired certificate', fetchFailed(withCode('CERT_HAS_EXPIRED', 'certificate has expired')), 'permanent'],
    ['an invalid header value', new TypeError('Headers.append: "x\\n" is an invalid header value.'), 'permanent'],
    ['a bug of ours', new Error('Missing credentials for Basic Authentication.'), 'permanent'],
  ])('%s → %s', (_name, error, kind) => {
    expect(failureKindOf(error)).toBe(kind);
  });
});

describe('createClient refuses empty credentials up front', () => {
  it.each([
    [{ email: 'a@b.c', token: '' }, 'auth.token is empty'],
    [{ email: ' ', token: 'x' }, 'auth.email is empty'],
    [{ oauthToken: '' }, 'auth.oauthToken is empty'],
  ])('%j', (auth, message) => {
    const create = () => createClient({ baseUrl: 'https://acme.zendesk.com', auth });
    expect(create).toThrow(ZendeskConfigError);
    expect(create).toThrow(message);
  });
});
