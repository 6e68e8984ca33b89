import type { ApiRequest, ApiResponse } from './http.js';

export type Handler = (request: ApiRequest, params: string[]) => ApiResponse;

interface Route {
  method: string;
  segments: string[];
  handler: Handler;
}

/**
 * Method + path patterns (`triggers/:id/options`), matched in the order added, so static
 * segments (`triggers/active`) must be added before `triggers/:id`.
 */
export class Router {
  private routes: Route[] = [];

  add(method: string, pattern: string, handler: Handler): this {
    this.routes.push({ method, segments: pattern.split('/'), handler });
    return this;
  }

  match(method: string, path: string): { handler: Handler; params: string[] } | undefined {
    const segments = path.split('/');
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const params = matchSegments(route.segments, segments);
      if (params) return { handler: route.handler, params };
    }
    return undefined;
  }
}

function matchSegments(pattern: string[], actual: string[]): string[] | undefined {
  if (pattern.length !== actual.length) return undefined;
  const params: string[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const expected = pattern[i] ?? '';
    const segment = decodeSegment(actual[i] ?? '');
    if (segment === undefined) return undefined; // malformed %-encoding: no route has it
    if (expected.startsWith(':')) params.push(segment);
    else if (expected !== segment) return undefined;
  }
  return params;
}

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
