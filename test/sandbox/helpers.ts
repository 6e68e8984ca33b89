import type { Sandbox } from '../../src/sandbox/index.js';

export interface Answer {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

export const TOKEN = 'sandbox';
export const basicAuth = (email = 'admin@example.com', token = TOKEN) =>
  `Basic ${Buffer.from(`${email}/token:${token}`).toString('base64')}`;

/** A tiny client over real HTTP: `call(sandbox, 'POST', '/triggers', body)`. */
export async function call(
  sandbox: Sandbox,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = { Authorization: basicAuth() },
): Promise<Answer> {
  const url = path.startsWith('http') ? path : `${sandbox.url}/api/v2${path}`;
  const response = await fetch(url, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, headers: response.headers, body: parsed, text };
}

export const get = (s: Sandbox, path: string) => call(s, 'GET', path);
export const post = (s: Sandbox, path: string, body: unknown) => call(s, 'POST', path, body);
export const put = (s: Sandbox, path: string, body: unknown) => call(s, 'PUT', path, body);
export const patch = (s: Sandbox, path: string, body: unknown) => call(s, 'PATCH', path, body);
export const del = (s: Sandbox, path: string) => call(s, 'DELETE', path);

/** A time-based, self-nullifying automation body (cassette ZendeskAPI_Automation). */
export const validAutomation = (title = 'Close solved') => ({
  automation: {
    title,
    conditions: {
      all: [
        { field: 'status', operator: 'is', value: 'solved' },
        { field: 'SOLVED', operator: 'greater_than', value: '96' },
      ],
    },
    actions: [{ field: 'status', value: 'closed' }],
  },
});

export const validView = (title = 'Open tickets') => ({
  view: { title, all: [{ field: 'status', operator: 'less_than', value: 'solved' }] },
});

export const validTrigger = (title = 'Notify', extra: Record<string, unknown> = {}) => ({
  trigger: {
    title,
    conditions: { all: [{ field: 'update_type', operator: 'is', value: 'Create' }] },
    actions: [{ field: 'status', value: 'open' }],
    ...extra,
  },
});
