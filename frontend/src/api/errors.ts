/** The error body every backend error carries: `{"error": ..., "detail": ..., "errors": [...]}`. */
export interface ApiErrorBody {
  error: string;
  detail: string;
  errors?: { loc?: (string | number)[]; msg: string; type?: string }[];
}

/** The server answered with a status outside 200–299. */
export class ApiError extends Error {
  override readonly name = "ApiError";
  readonly status: number;
  readonly body: ApiErrorBody | null;

  constructor(status: number, body: ApiErrorBody | null, message?: string) {
    super(message ?? body?.detail ?? `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

/** The request did not reach the server, or its answer could not be read. */
export class NetworkError extends Error {
  override readonly name = "NetworkError";
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { error?: unknown }).error === "string" &&
    typeof (value as { detail?: unknown }).detail === "string"
  );
}

export async function apiErrorFromResponse(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy's HTML error page, an empty body): keep the status only.
  }
  return new ApiError(response.status, isErrorBody(body) ? body : null);
}

/** Client errors (4xx) will not go away by asking again; server and network errors may. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof ApiError) return error.status >= 500 || error.status === 408 || error.status === 429;
  return error instanceof NetworkError;
}
