// A real node:http server on 127.0.0.1, port 0, that answers from a script and records every
// request. Used instead of a mocked fetch, so the client's whole stack (node-zendesk's transporter,
// fetch, sockets) runs for real.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

export interface RecordedRequest {
  method: string;
  /** Path without the query, e.g. /api/v2/triggers */
  path: string;
  query: Record<string, string>;
  headers: IncomingMessage['headers'];
  body: string;
  /** performance.now() when the request arrived. */
  at: number;
}

export type Reply =
  | { status: number; headers?: Record<string, string>; json?: unknown; text?: string; delayMs?: number }
  | { drop: 'before-answer' } // destroys the socket without answering
  | { hang: true }; // never answers

export type Script = (request: RecordedRequest, index: number) => Reply;

export interface ScriptedServer {
  url: string;
  requests: RecordedRequest[];
  /** The most requests that were open at the same moment. */
  peakInFlight: number;
  script: Script;
  close(): Promise<void>;
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return { status, json: body, headers };
}

/** Answers in order; the last reply repeats. */
export function inOrder(...replies: Reply[]): Script {
  return (_request, index) => replies[Math.min(index, replies.length - 1)] as Reply;
}

export async function startScriptedServer(script: Script): Promise<ScriptedServer> {
  let inFlight = 0;
  const state: ScriptedServer = {
    url: '',
    requests: [],
    peakInFlight: 0,
    script,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const server = createServer((request, response) => {
    inFlight += 1;
    state.peakInFlight = Math.max(state.peakInFlight, inFlight);
    let finished = false;
    const done = () => {
      if (!finished) inFlight -= 1;
      finished = true;
    };
    response.on('close', done);
    void readBody(request).then((body) => {
      const recorded = record(request, body);
      const index = state.requests.length;
      state.requests.push(recorded);
      answer(state.script(recorded, index), request, response, done);
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}

function record(request: IncomingMessage, body: string): RecordedRequest {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  return {
    method: request.method ?? 'GET',
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: request.headers,
    body,
    at: performance.now(),
  };
}

function answer(reply: Reply, request: IncomingMessage, response: ServerResponse, done: () => void): void {
  if ('hang' in reply) return;
  if ('drop' in reply) {
    done();
    request.socket.destroy();
    return;
  }
  const send = () => {
    const payload = reply.json !== undefined ? JSON.stringify(reply.json) : (reply.text ?? '');
    const contentType = reply.json !== undefined ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8';
    response.writeHead(reply.status, { 'content-type': contentType, ...reply.headers });
    response.end(reply.status === 204 ? undefined : payload);
  };
  if (reply.delayMs) setTimeout(send, reply.delayMs);
  else send();
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}
