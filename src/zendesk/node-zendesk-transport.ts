// The bottom of the stack: node-zendesk's Transporter (auth header, User-Agent, JSON body, its
// transportConfig hook) with our own fetch-based transport plugged into that hook.
//
// We call Transporter.request directly and never node-zendesk's Client.request / requestAll:
// those turn a 429 into data, drop status and body from errors, page on links.next and have a
// broken throttle (see README.md). The Transporter itself does not interpret the status, so here
// it is correct. We hand it absolute URLs (it passes any URI containing its endpointUri through
// unchanged), because its own URL assembly appends ".json" and silently adds page[size]=100 to
// GETs of some collections.
import zendesk from 'node-zendesk'; // the default import: node-zendesk's named ESM import fails at runtime
import type { ZendeskAuth } from './auth.js';

export interface RawRequest {
  method: string;
  url: string;
  body?: unknown;
}

/** What came back over the wire, unparsed. */
export interface RawAnswer {
  status: number;
  statusText: string;
  headers: Headers;
  text: string;
}

export type SendRaw = (request: RawRequest) => Promise<RawAnswer>;

export interface TransportSettings {
  apiBaseUrl: string;
  auth: ZendeskAuth;
  timeoutMs: number;
  userAgent: string;
}

/** What node-zendesk's Transporter hands to transportFn: its options plus uri/method/headers/body. */
interface TransportInit {
  method: string;
  headers: Record<string, string>;
  body?: string;
}

/** Our answer in the shape node-zendesk's sendRequest expects, carrying the raw answer along. */
interface AdaptedAnswer {
  status: number;
  statusText: string;
  headers: { get(name: string): string | null };
  json(): Promise<unknown>;
  raw: RawAnswer;
}

export function createNodeZendeskSender(settings: TransportSettings): SendRaw {
  const client = zendesk.createClient({
    endpointUri: settings.apiBaseUrl,
    ...nodeZendeskCredentials(settings.auth),
    throwOriginalException: true,
    customHeaders: { 'User-Agent': settings.userAgent },
    transportConfig: { transportFn: fetchTransport(settings.timeoutMs), responseAdapter: adaptAnswer },
  });
  // Any core client shares the same Transporter class; which one does not matter at this level.
  const transporter = client.triggers.transporter;
  return async (request) => {
    const { response } = await transporter.request(request.method, request.url, request.body);
    return (response as AdaptedAnswer).raw;
  };
}

function nodeZendeskCredentials(auth: ZendeskAuth): { username?: string; token: string; oauth: boolean } {
  if ('oauthToken' in auth) return { token: auth.oauthToken, oauth: true };
  return { username: auth.email, token: auth.token, oauth: false };
}

/**
 * node-zendesk calls transportFn(uri, options) where options also holds its whole config (token
 * included); we read only method, headers and body. The timeout covers reading the body too.
 * Redirects are not followed, so credentials never travel to another host.
 */
function fetchTransport(timeoutMs: number) {
  return async (uri: string, init: TransportInit): Promise<RawAnswer> => {
    const response = await fetch(uri, {
      method: init.method,
      headers: init.headers,
      body: init.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    return { status: response.status, statusText: response.statusText, headers: response.headers, text };
  };
}

function adaptAnswer(raw: RawAnswer): AdaptedAnswer {
  return {
    status: raw.status,
    statusText: raw.statusText,
    headers: { get: (name) => raw.headers.get(name) },
    json: async () => parseJsonOrUndefined(raw.text),
    raw,
  };
}

export function parseJsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
