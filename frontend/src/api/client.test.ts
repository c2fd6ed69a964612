import { afterEach, describe, expect, it, vi } from "vitest";

import { api, readCookie, unwrap } from "./client";
import { ApiError, isRetryable, NetworkError, parseRetryAfter } from "./errors";

afterEach(() => {
  document.cookie = "vr_csrf=; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT";
});

/** Stubs `fetch` with one answer and returns the stub; `sent(stub)` is the Request it got. */
function answer(response: () => Response) {
  const stub = vi.fn<(request: Request) => Promise<Response>>(() => Promise.resolve(response()));
  vi.stubGlobal("fetch", stub);
  return stub;
}

function sent(stub: ReturnType<typeof answer>): Request {
  const request = stub.mock.calls[0]?.[0];
  if (!(request instanceof Request)) throw new Error("fetch was not called with a Request");
  return request;
}

describe("GET through the generated client", () => {
  it("returns the JSON body, with path and query parameters from the schema", async () => {
    const stub = answer(() => Response.json({ round_id: 1 }));
    const data = await unwrap(
      api.GET("/api/v1/rounds/{round_id}/comparison/indicators/{code}", {
        params: { path: { round_id: 1, code: "ARB-05" }, query: { year: 2021, peer_group: "size_class:GK1" } },
      }),
    );
    expect(data).toEqual({ round_id: 1 });
    const url = new URL(sent(stub).url);
    expect(url.pathname).toBe("/api/v1/rounds/1/comparison/indicators/ARB-05");
    expect(url.searchParams.get("year")).toBe("2021");
    expect(url.searchParams.get("peer_group")).toBe("size_class:GK1");
    expect(sent(stub).credentials).toBe("same-origin");
  });

  it("turns an error answer into an ApiError with the backend's body", async () => {
    const body = { error: "not_found", detail: "Keine Kommune 09999999", errors: [] };
    answer(() => Response.json(body, { status: 404 }));
    const error: unknown = await unwrap(
      api.GET("/api/v1/municipalities/{ags}", { params: { path: { ags: "09999999" } } }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 404, body, message: "Keine Kommune 09999999" });
    expect(isRetryable(error)).toBe(false);
  });

  it("keeps the status when the error answer is not JSON", async () => {
    answer(() => new Response("<h1>Bad Gateway</h1>", { status: 502 }));
    const error: unknown = await unwrap(api.GET("/api/v1/health")).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 502, body: null });
    expect(isRetryable(error)).toBe(true);
  });

  it("reports a failed connection and an unreadable answer as a NetworkError", async () => {
    vi.stubGlobal("fetch", vi.fn(() => Promise.reject(new TypeError("Failed to fetch"))));
    const offline: unknown = await unwrap(api.GET("/api/v1/health")).catch((e: unknown) => e);
    expect(offline).toBeInstanceOf(NetworkError);
    expect(isRetryable(offline)).toBe(true);

    answer(() => new Response("not json", { status: 200, headers: { "Content-Type": "application/json" } }));
    const garbled: unknown = await unwrap(api.GET("/api/v1/health")).catch((e: unknown) => e);
    expect(garbled).toBeInstanceOf(NetworkError);
  });

  it("sends no CSRF token with a GET", async () => {
    document.cookie = "vr_csrf=abc; path=/";
    const stub = answer(() => Response.json({}));
    await unwrap(api.GET("/api/v1/health"));
    expect(sent(stub).headers.has("X-CSRF-Token")).toBe(false);
  });
});

describe("state-changing requests", () => {
  it("send JSON and the CSRF token from the vr_csrf cookie", async () => {
    document.cookie = "other=1; path=/";
    document.cookie = "vr_csrf=t%C3%B6ken-123; path=/";
    const stub = answer(() => Response.json({ ok: true }));
    await expect(
      unwrap(api.POST("/api/v1/auth/login", { body: { email: "a@example.org", password: "x" } })),
    ).resolves.toEqual({ ok: true });
    const request = sent(stub);
    expect(request.method).toBe("POST");
    expect(new URL(request.url).pathname).toBe("/api/v1/auth/login");
    expect(request.headers.get("Content-Type")).toBe("application/json");
    expect(request.headers.get("X-CSRF-Token")).toBe("töken-123");
    expect(await request.json()).toEqual({ email: "a@example.org", password: "x" });
  });

  it("answer 204 with undefined, and send no token without the cookie", async () => {
    const stub = answer(() => new Response(null, { status: 204 }));
    await expect(unwrap(api.POST("/api/v1/auth/logout"))).resolves.toBeUndefined();
    expect(sent(stub).headers.has("X-CSRF-Token")).toBe(false);
  });

  it("reads Retry-After of a 429 into the error", async () => {
    const body = { error: "too_many_requests", detail: "Zu viele fehlgeschlagene Anmeldungen.", errors: [] };
    answer(() => Response.json(body, { status: 429, headers: { "Retry-After": "900" } }));
    const error: unknown = await unwrap(
      api.POST("/api/v1/auth/login", { body: { email: "a@example.org", password: "x" } }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 429, code: "too_many_requests", retryAfterSeconds: 900, body });
  });

  it("tells which field an error is about", async () => {
    const body = {
      error: "validation_failed",
      detail: "The password needs at least 12 characters.",
      errors: [{ loc: ["body", "password"], msg: "too short", type: "error" }],
    };
    answer(() => Response.json(body, { status: 422 }));
    const error = (await unwrap(api.POST("/api/v1/auth/password", { body: { token: "t", password: "p" } })).catch(
      (e: unknown) => e,
    )) as ApiError;
    expect(error.hasErrorAt("password")).toBe(true);
    expect(error.hasErrorAt("token")).toBe(false);
    expect(error.retryAfterSeconds).toBeNull();
  });
});

describe("readCookie", () => {
  it("finds a cookie by its exact name", () => {
    expect(readCookie("vr_csrf", "xvr_csrf=no; vr_csrf=yes; other=1")).toBe("yes");
    expect(readCookie("vr_csrf", "other=1")).toBeNull();
    expect(readCookie("a", "a=b=c")).toBe("b=c");
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates", () => {
    const now = Date.parse("2026-11-22T10:00:00Z");
    expect(parseRetryAfter("120", now)).toBe(120);
    expect(parseRetryAfter("Sun, 22 Nov 2026 10:05:00 GMT", now)).toBe(300);
    expect(parseRetryAfter("Sun, 22 Nov 2026 09:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("bald", now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});
