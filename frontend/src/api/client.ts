/**
 * A small typed wrapper around `fetch` for the backend API under `/api/v1`.
 *
 * Requests ride on the session cookie (`credentials: "same-origin"`). Every state-changing request
 * (POST, PUT, PATCH, DELETE) echoes the readable `vr_csrf` cookie in the `X-CSRF-Token` header;
 * without it the backend answers 403 to a cookie session.
 *
 * For now the response types are declared next to each call in `features/<name>/api/`. Once the
 * OpenAPI document is turned into `schema.gen.ts`, this module becomes an `openapi-fetch` client
 * over it and the hand-written types go away; the call sites keep their shape.
 */
import { NetworkError, apiErrorFromResponse } from "./errors";

export const API_BASE = "/api/v1";

/** The cookie the backend sets at sign-in for the page to read, and the header it expects back. */
export const CSRF_COOKIE = "vr_csrf";
export const CSRF_HEADER = "X-CSRF-Token";

export type QueryParams = Record<string, string | number | boolean | null | undefined>;

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface RequestOptions {
  /** Query string parameters; `null` and `undefined` are left out. */
  params?: QueryParams;
  /** Cancels the request (TanStack Query passes one to every query function). */
  signal?: AbortSignal | undefined;
}

export interface SendOptions extends RequestOptions {
  /** Sent as JSON; leave out for a request without a body. */
  body?: unknown;
}

export function apiUrl(path: `/${string}`, params?: QueryParams): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params ?? {})) {
    if (value !== null && value !== undefined) search.append(key, String(value));
  }
  const query = search.toString();
  return `${API_BASE}${path}${query ? `?${query}` : ""}`;
}

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

function requestHeaders(method: HttpMethod, hasBody: boolean): Record<string, string> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (hasBody) headers["Content-Type"] = "application/json";
  if (method !== "GET") {
    const csrf = readCookie(CSRF_COOKIE);
    if (csrf) headers[CSRF_HEADER] = csrf;
  }
  return headers;
}

/**
 * Sends a request and reads the JSON answer. Throws `ApiError` for a non-2xx answer (with the
 * backend's error body and `Retry-After`) and `NetworkError` when there is no answer. An empty
 * answer (204) resolves to `undefined`.
 */
export async function apiRequest<T>(method: HttpMethod, path: `/${string}`, options: SendOptions = {}): Promise<T> {
  const hasBody = options.body !== undefined;
  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.params), {
      method,
      headers: requestHeaders(method, hasBody),
      credentials: "same-origin",
      signal: options.signal ?? null,
      ...(hasBody ? { body: JSON.stringify(options.body) } : {}),
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw new NetworkError(`${method} ${path} failed`, { cause });
  }
  if (!response.ok) throw await apiErrorFromResponse(response);
  if (response.status === 204 || response.headers.get("Content-Length") === "0") return undefined as T;
  try {
    return (await response.json()) as T;
  } catch (cause) {
    throw new NetworkError(`${method} ${path}: the answer is not JSON`, { cause });
  }
}

/** GET a JSON document. Throws `ApiError` for a non-2xx answer and `NetworkError` when there is none. */
export function apiGet<T>(path: `/${string}`, options: RequestOptions = {}): Promise<T> {
  return apiRequest<T>("GET", path, options);
}

/** POST `body` as JSON (with the CSRF header); resolves to the JSON answer, or `undefined` for 204. */
export function apiPost<T>(path: `/${string}`, body?: unknown, options: RequestOptions = {}): Promise<T> {
  return apiRequest<T>("POST", path, { ...options, body });
}
