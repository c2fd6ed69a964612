import { vi } from "vitest";

/** A canned answer with an explicit status (and headers); any other value is a JSON body answered with 200. */
export interface MockResponse {
  status: number;
  /** JSON body; `null` with status 204 answers without a body. */
  body: unknown;
  headers?: Record<string, string>;
}

/** What a route handler gets to look at. */
export interface MockRequest {
  method: string;
  url: URL;
  headers: Headers;
  /** The parsed JSON body, or `undefined` without one. */
  json: unknown;
}

function isMockResponse(value: unknown): value is MockResponse {
  return typeof value === "object" && value !== null && "status" in value && "body" in value;
}

function toResponse(answer: unknown): Response {
  const { status, body, headers = {} } = isMockResponse(answer) ? answer : { status: 200, body: answer };
  if (status === 204 || status === 205 || status === 304) return new Response(null, { status, headers });
  return Response.json(body, { status, headers });
}

/**
 * Replaces `fetch` with a stub that answers requests by path (`/api/v1/...`, query string
 * ignored). A key may name the method too (`"POST /api/v1/auth/login"`), which wins over the bare
 * path. A route's value is the answer, or a function of the request that returns it. Unknown paths
 * answer 404 with the backend's error body. Returns the stub, so tests can look at the calls.
 */
export function mockApi(routes: Record<string, unknown>) {
  const stub = vi.fn((input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input), "http://localhost");
    const method = (init?.method ?? "GET").toUpperCase();
    const route = routes[`${method} ${url.pathname}`] ?? routes[url.pathname];
    if (route === undefined) {
      return Promise.resolve(
        Response.json({ error: "not_found", detail: `no mock for ${method} ${url.pathname}`, errors: [] }, { status: 404 }),
      );
    }
    const request: MockRequest = {
      method,
      url,
      headers: new Headers(init?.headers),
      json: typeof init?.body === "string" ? JSON.parse(init.body) : undefined,
    };
    const answer: unknown = typeof route === "function" ? (route as (request: MockRequest) => unknown)(request) : route;
    return Promise.resolve(toResponse(answer));
  });
  vi.stubGlobal("fetch", stub);
  return stub;
}

/** The method, headers and JSON body of the `index`-th call to `path` (any method unless given). */
export function requestTo(stub: ReturnType<typeof mockApi>, path: string, options: { method?: string; index?: number } = {}) {
  const calls = stub.mock.calls.filter(([input, init]) => {
    const url = new URL(input instanceof Request ? input.url : String(input), "http://localhost");
    return url.pathname === path && (options.method === undefined || (init?.method ?? "GET") === options.method);
  });
  const call = calls.at(options.index ?? -1);
  if (!call) throw new Error(`no request to ${options.method ?? ""} ${path}`.replace("  ", " "));
  const [, init] = call;
  return {
    method: init?.method ?? "GET",
    headers: new Headers(init?.headers),
    credentials: init?.credentials,
    json: typeof init?.body === "string" ? (JSON.parse(init.body) as unknown) : undefined,
  };
}
