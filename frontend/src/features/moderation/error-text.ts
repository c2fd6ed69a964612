import { ApiError } from "@/api/errors";

/**
 * The backend's sentence for a failed action (e.g. a 409 naming the allowed next states), with the
 * fields it names; `fallback` when the answer carried no error body.
 */
export function errorText(error: unknown, fallback: string): string {
  if (!(error instanceof ApiError) || !error.body) return fallback;
  const items = (error.body.errors ?? []).map((item) => item.msg).filter((msg) => msg && !error.body?.detail.includes(msg));
  return items.length > 0 ? `${error.body.detail} (${items.join("; ")})` : error.body.detail;
}
