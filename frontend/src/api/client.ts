/**
 * A small typed wrapper around `fetch` for the backend API under `/api/v1`.
 *
 * For now the response types are declared next to each call in `features/<name>/api/`. Once the
 * OpenAPI document is turned into `schema.gen.ts`, this module becomes an `openapi-fetch` client
 * over it and the hand-written types go away; the call sites keep their shape.
 */
import { NetworkError, apiErrorFromResponse } from "./errors";

export const API_BASE = "/api/v1";

export type QueryParams = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  /** Query string parameters; `null` and `undefined` are left out. */
  params?: QueryParams;
  /** Cancels the request (TanStack Query passes one to every query function). */
  signal?: AbortSignal | undefined;
}

export function apiUrl(path: `/${string}`, params?: QueryParams): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params ?? {})) {
    if (value !== null && value !== undefined) search.append(key, String(value));
  }
  const query = search.toString();
  return `${API_BASE}${path}${query ? `?${query}` : ""}`;
}

/** GET a JSON document. Throws `ApiError` for a non-2xx answer and `NetworkError` when there is none. */
export async function apiGet<T>(path: `/${string}`, options: RequestOptions = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.params), {
      method: "GET",
      headers: { Accept: "application/json" },
      credentials: "same-origin",
      signal: options.signal ?? null,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw new NetworkError(`GET ${path} failed`, { cause });
  }
  if (!response.ok) throw await apiErrorFromResponse(response);
  try {
    return (await response.json()) as T;
  } catch (cause) {
    throw new NetworkError(`GET ${path}: the answer is not JSON`, { cause });
  }
}
