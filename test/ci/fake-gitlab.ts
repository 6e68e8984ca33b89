import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeNote {
  id: number;
  body: string;
  system: boolean;
  author: { username: string };
}

export interface FakeRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  token: string | undefined;
  body: unknown;
}

export interface FakeGitLab {
  /** e.g. http://127.0.0.1:PORT/api/v4, what CI_API_V4_URL holds */
  apiUrl: string;
  /** notes by "projectId!iid" */
  notes: Map<string, FakeNote[]>;
  requests: FakeRequest[];
  stop(): Promise<void>;
}

/**
 * Just enough of GitLab's merge request notes API (v4) for ci/post-plan-note.mjs: list (offset
 * pagination with X-Next-Page, per_page capped at `maxPerPage`), create, update; PRIVATE-TOKEN auth.
 */
export async function startFakeGitLab(options: { token: string; maxPerPage?: number; failWith?: number }): Promise<FakeGitLab> {
  const notes = new Map<string, FakeNote[]>();
  const requests: FakeRequest[] = [];
  let nextId = 1000;
  const maxPerPage = options.maxPerPage ?? 100;

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    res.end(body === undefined ? '' : JSON.stringify(body));
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const raw = Buffer.concat(chunks).toString();
      const token = req.headers['private-token'] as string | undefined;
      const body: unknown = raw ? JSON.parse(raw) : undefined;
      requests.push({ method: req.method ?? '', path: url.pathname, query: Object.fromEntries(url.searchParams), token, body });
      if (options.failWith) return send(res, options.failWith, { message: `${options.failWith} Something went wrong` });
      if (token !== options.token) return send(res, 401, { message: '401 Unauthorized' });
      const match = /^\/api\/v4\/projects\/([^/]+)\/merge_requests\/(\d+)\/notes(?:\/(\d+))?$/.exec(url.pathname);
      if (!match) return send(res, 404, { error: '404 Not Found' });
      const key = `${decodeURIComponent(match[1]!)}!${match[2]}`;
      const list = notes.get(key) ?? [];
      notes.set(key, list);
      const noteId = match[3] ? Number(match[3]) : undefined;
      const text = (body as { body?: unknown } | undefined)?.body;
      if (req.method === 'GET' && noteId === undefined) {
        const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 20), maxPerPage);
        const page = Number(url.searchParams.get('page') ?? 1);
        const slice = list.slice((page - 1) * perPage, page * perPage);
        const more = page * perPage < list.length;
        return send(res, 200, slice, { 'X-Page': String(page), 'X-Per-Page': String(perPage), 'X-Next-Page': more ? String(page + 1) : '' });
      }
      if (req.method === 'POST' && noteId === undefined) {
        if (typeof text !== 'string' || text === '') return send(res, 400, { message: 'body is missing' });
        const note: FakeNote = { id: nextId++, body: text, system: false, author: { username: 'project_1_bot' } };
        list.push(note);
        return send(res, 201, note);
      }
      if (req.method === 'PUT' && noteId !== undefined) {
        const note = list.find((n) => n.id === noteId);
        if (!note) return send(res, 404, { message: '404 Not found' });
        if (typeof text !== 'string' || text === '') return send(res, 400, { message: 'body is missing' });
        note.body = text;
        return send(res, 200, note);
      }
      return send(res, 405, { message: '405 Method Not Allowed' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}/api/v4`,
    notes,
    requests,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
