import { vi } from "vitest";

/** A canned answer with an explicit status; any other value is a JSON body answered with 200. */
export interface MockResponse {
  status: number;
  body: unknown;
}

function isMockResponse(value: unknown): value is MockResponse {
  return typeof value === "object" && value !== null && "status" in value && "body" in value;
}

/**
 * Replaces `fetch` with a stub that answers GET requests by path (`/api/v1/...`, query string
 * ignored). Unknown paths answer 404 with the backend's error body. Returns the stub, so tests can
 * look at the calls.
 */
export function mockApi(routes: Record<string, unknown>) {
  const stub = vi.fn((input: RequestInfo | URL): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input), "http://localhost");
    const answer = routes[url.pathname];
    if (answer === undefined) {
      return Promise.resolve(
        Response.json({ error: "not_found", detail: `no mock for ${url.pathname}`, errors: [] }, { status: 404 }),
      );
    }
    const { status, body } = isMockResponse(answer) ? answer : { status: 200, body: answer };
    return Promise.resolve(Response.json(body, { status }));
  });
  vi.stubGlobal("fetch", stub);
  return stub;
}
