/**
 * The typed API client: `openapi-fetch` over `schema.gen.ts`, which `openapi-typescript` generates
 * from the backend's OpenAPI document (`make api-client`; `make test` fails when it is stale).
 *
 * Requests ride on the session cookie (`credentials: "same-origin"`). Every state-changing request
 * (POST, PUT, PATCH, DELETE) echoes the readable `vr_csrf` cookie in the `X-CSRF-Token` header;
 * without it the backend answers 403 to a cookie session.
 *
 * Call sites use `api.GET("/api/v1/…", { params })` and hand the result to `unwrap`, which returns
 * the typed body or throws `ApiError` (a non-2xx answer, with the backend's error body) or
 * `NetworkError` (no answer, or one that is not JSON).
 */
import createClient, { type Middleware } from "openapi-fetch";

import { ApiError, NetworkError, isErrorBody, parseRetryAfter } from "./errors";
import type { components, paths } from "./schema.gen";

/** The schemas of the OpenAPI document, e.g. `Schemas["IndicatorComparison"]`. */
export type Schemas = components["schemas"];

export const API_BASE = "/api/v1";

/** The cookie the backend sets at sign-in for the page to read, and the header it expects back. */
export const CSRF_COOKIE = "vr_csrf";
export const CSRF_HEADER = "X-CSRF-Token";

/** The value of a cookie the page may read, or `null`. */
export function readCookie(name: string, cookies: string = document.cookie): string | null {
  for (const part of cookies.split(";")) {
    const separator = part.indexOf("=");
    if (separator === -1) continue;
    if (part.slice(0, separator).trim() !== name) continue;
    const value = part.slice(separator + 1).trim();
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  }
  return null;
}

const csrfMiddleware: Middleware = {
  onRequest({ request }) {
    if (request.method !== "GET" && request.method !== "HEAD") {
      const csrf = readCookie(CSRF_COOKIE);
      if (csrf) request.headers.set(CSRF_HEADER, csrf);
    }
    return request;
  },
};

/** The page's origin; openapi-fetch builds absolute request URLs from it. */
function origin(): string {
  return typeof window === "undefined" ? "http://localhost" : window.location.origin;
}

export const api = createClient<paths>({
  baseUrl: origin(),
  credentials: "same-origin",
  headers: { Accept: "application/json" },
  // Looked up per request, so tests can replace `fetch` after the client is made.
  fetch: (request) => globalThis.fetch(request),
});
api.use(csrfMiddleware);

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * Waits for an `api.*` call and returns its body. Throws `ApiError` for a non-2xx answer (with
 * the backend's error body and `Retry-After`) and `NetworkError` when there is no answer or it is
 * not JSON. An empty answer (204) resolves to `undefined`. Aborts are passed on unchanged.
 */
export async function unwrap<T>(call: Promise<FetchResult<T>>, what = "request"): Promise<T> {
  let result: FetchResult<T>;
  try {
    result = await call;
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw new NetworkError(`${what} failed`, { cause });
  }
  const { response } = result;
  if (!response.ok) {
    const body = isErrorBody(result.error) ? result.error : null;
    throw new ApiError(response.status, body, {
      retryAfterSeconds: parseRetryAfter(response.headers.get("Retry-After")),
    });
  }
  return result.data as T;
}
