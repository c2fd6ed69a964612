import { vi } from "vitest";

/** A canned answer with an explicit status (and headers); any other value is a JSON body answered with 200. */
export interface MockResponse {
  status: number;
  /** JSON body; `null` with status 204 answers without a body. */
  body: unknown;
  headers?: Record<string, string>;
}

/** What a route handler gets to look at (and what `requestTo` returns). */
export interface MockRequest {
  method: string;
  url: URL;
  headers: Headers;
  credentials: RequestCredentials | undefined;
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

/** A JSON body parsed; `undefined` without a body or for one that is no JSON (e.g. a multipart upload). */
function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

async function readRequest(input: RequestInfo | URL, init?: RequestInit): Promise<MockRequest> {
  if (input instanceof Request) {
    const text = await input.clone().text();
    return {
      method: input.method.toUpperCase(),
      url: new URL(input.url, "http://localhost"),
      headers: new Headers(input.headers),
      credentials: input.credentials,
      json: parseJson(text),
    };
  }
  return {
    method: (init?.method ?? "GET").toUpperCase(),
    url: new URL(String(input), "http://localhost"),
    headers: new Headers(init?.headers),
    credentials: init?.credentials,
    json: typeof init?.body === "string" ? (JSON.parse(init.body) as unknown) : undefined,
  };
}

export type MockApi = ReturnType<typeof vi.fn<(input: RequestInfo | URL, init?: RequestInit) => Promise<Response>>> & {
  /** Every request seen so far, in order. */
  requests: MockRequest[];
};

/**
 * Replaces `fetch` with a stub that answers requests by path (`/api/v1/...`, query string
 * ignored). A key may name the method too (`"POST /api/v1/auth/login"`), which wins over the bare
 * path. A route's value is the answer, or a function of the request that returns it. Unknown paths
 * answer 404 with the backend's error body. Returns the stub, so tests can look at the requests.
 */
export function mockApi(routes: Record<string, unknown>): MockApi {
  const requests: MockRequest[] = [];
  const stub = vi.fn(async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = await readRequest(input, init);
    requests.push(request);
    const { method, url } = request;
    const route = routes[`${method} ${url.pathname}`] ?? routes[url.pathname];
    if (route === undefined) {
      return Response.json({ error: "not_found", detail: `no mock for ${method} ${url.pathname}`, errors: [] }, { status: 404 });
    }
    const answer: unknown = typeof route === "function" ? (route as (request: MockRequest) => unknown)(request) : route;
    return toResponse(answer);
  });
  vi.stubGlobal("fetch", stub);
  return Object.assign(stub, { requests });
}

/** The `index`-th request to `path` (the last unless given; any method unless given). */
export function requestTo(stub: MockApi, path: string, options: { method?: string; index?: number } = {}): MockRequest {
  const matching = stub.requests.filter(
    (request) => request.url.pathname === path && (options.method === undefined || request.method === options.method),
  );
  const request = matching.at(options.index ?? -1);
  if (!request) throw new Error(`no request to ${options.method ?? ""} ${path}`.replace("  ", " "));
  return request;
}
