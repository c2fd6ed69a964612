/** One entry of `errors`: which field (`loc`, e.g. `["body", "password"]`) and what is wrong with it. */
export interface ApiErrorItem {
  loc?: (string | number)[];
  msg: string;
  type?: string;
}

/** The error body every backend error carries: `{"error": ..., "detail": ..., "errors": [...]}`. */
export interface ApiErrorBody {
  /** Machine-readable code, e.g. `not_authenticated`, `validation_failed`, `too_many_requests`. */
  error: string;
  /** A sentence for people. */
  detail: string;
  errors?: ApiErrorItem[];
}

/** The server answered with a status outside 200–299. */
export class ApiError extends Error {
  override readonly name = "ApiError";
  readonly status: number;
  readonly body: ApiErrorBody | null;
  /** Seconds to wait before asking again, from the `Retry-After` header (429, 503); `null` without one. */
  readonly retryAfterSeconds: number | null;

  constructor(status: number, body: ApiErrorBody | null, options: { message?: string; retryAfterSeconds?: number | null } = {}) {
    super(options.message ?? body?.detail ?? `HTTP ${status}`);
    this.status = status;
    this.body = body;
    this.retryAfterSeconds = options.retryAfterSeconds ?? null;
  }

  /** The backend's error code (`body.error`), or `null` when the answer had no error body. */
  get code(): string | null {
    return this.body?.error ?? null;
  }

  /** Whether some entry of `errors` names this field, e.g. `hasErrorAt("password")`. */
  hasErrorAt(field: string): boolean {
    return (this.body?.errors ?? []).some((item) => item.loc?.includes(field) ?? false);
  }
}

/** The request did not reach the server, or its answer could not be read. */
export class NetworkError extends Error {
  override readonly name = "NetworkError";
}

/** Whether a parsed answer has the backend's error shape. */
export function isErrorBody(value: unknown): value is ApiErrorBody {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { error?: unknown }).error === "string" &&
    typeof (value as { detail?: unknown }).detail === "string"
  );
}

/**
 * `Retry-After` is either a number of seconds or an HTTP date (RFC 9110, 10.2.3). Returns the
 * seconds to wait, never negative, or `null` when the header is missing or unreadable.
 */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (value === null) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

/** Client errors (4xx) will not go away by asking again; server and network errors may. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof ApiError) return error.status >= 500 || error.status === 408 || error.status === 429;
  return error instanceof NetworkError;
}

/**
 * The backend's sentence for a failed action (e.g. a 409 naming the allowed next states), with the
 * fields it names; `fallback` when the answer carried no error body.
 */
export function errorText(error: unknown, fallback: string): string {
  if (!(error instanceof ApiError) || !error.body) return fallback;
  const items = (error.body.errors ?? []).map((item) => item.msg).filter((msg) => msg && !error.body?.detail.includes(msg));
  return items.length > 0 ? `${error.body.detail} (${items.join("; ")})` : error.body.detail;
}
