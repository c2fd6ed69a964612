import { afterEach, describe, expect, it, vi } from "vitest";

import { apiGet, apiPost, apiRequest, apiUrl, readCookie } from "./client";
import { ApiError, isRetryable, NetworkError, parseRetryAfter } from "./errors";

afterEach(() => {
  document.cookie = "vr_csrf=; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT";
});

/** The RequestInit of the first call to the stub. */
function firstInit(stub: { mock: { calls: unknown[][] } }): RequestInit {
  const init = stub.mock.calls[0]?.[1];
  if (typeof init !== "object" || init === null) throw new Error("fetch was not called with options");
  return init;
}

describe("apiUrl", () => {
  it("puts the path under /api/v1 and leaves out empty parameters", () => {
    expect(apiUrl("/municipalities")).toBe("/api/v1/municipalities");
    expect(apiUrl("/x", { year: 2021, ags: "05315000", empty: undefined, none: null })).toBe(
      "/api/v1/x?year=2021&ags=05315000",
    );
  });
});

describe("apiGet", () => {
  it("returns the JSON body", async () => {
    const fetchStub = vi.fn(() => Promise.resolve(Response.json([{ ags: "05315000" }])));
    vi.stubGlobal("fetch", fetchStub);
    await expect(apiGet("/municipalities")).resolves.toEqual([{ ags: "05315000" }]);
    expect(fetchStub).toHaveBeenCalledWith("/api/v1/municipalities", expect.objectContaining({ method: "GET" }));
  });

  it("turns an error answer into an ApiError with the backend's body", async () => {
    const body = { error: "not_found", detail: "Keine Kommune 09999999", errors: [] };
    vi.stubGlobal("fetch", vi.fn(() => Promise.resolve(Response.json(body, { status: 404 }))));
    const error: unknown = await apiGet("/municipalities/09999999").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 404, body, message: "Keine Kommune 09999999" });
    expect(isRetryable(error)).toBe(false);
  });

  it("keeps the status when the error answer is not JSON", async () => {
    vi.stubGlobal("fetch", vi.fn(() => Promise.resolve(new Response("<h1>Bad Gateway</h1>", { status: 502 }))));
    const error: unknown = await apiGet("/health").catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 502, body: null });
    expect(isRetryable(error)).toBe(true);
  });

  it("reports a failed connection as a NetworkError", async () => {
    vi.stubGlobal("fetch", vi.fn(() => Promise.reject(new TypeError("Failed to fetch"))));
    const error: unknown = await apiGet("/health").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(isRetryable(error)).toBe(true);
  });
});

describe("state-changing requests", () => {
  it("send JSON, the session cookie and the CSRF token from the vr_csrf cookie", async () => {
    document.cookie = "other=1; path=/";
    document.cookie = "vr_csrf=t%C3%B6ken-123; path=/";
    const fetchStub = vi.fn(() => Promise.resolve(Response.json({ ok: true })));
    vi.stubGlobal("fetch", fetchStub);
    await expect(apiPost("/auth/login", { email: "a@example.org", password: "x" })).resolves.toEqual({ ok: true });

    const init = firstInit(fetchStub);
    expect(fetchStub).toHaveBeenCalledWith("/api/v1/auth/login", expect.anything());
    expect(init.method).toBe("POST");
    expect(init.credentials).toBe("same-origin");
    expect(init.body).toBe(JSON.stringify({ email: "a@example.org", password: "x" }));
    expect(init.headers).toMatchObject({ "Content-Type": "application/json", "X-CSRF-Token": "töken-123" });
  });

  it.each(["PUT", "PATCH", "DELETE"] as const)("%s sends the CSRF token too", async (method) => {
    document.cookie = "vr_csrf=abc; path=/";
    const fetchStub = vi.fn(() => Promise.resolve(new Response(null, { status: 204 })));
    vi.stubGlobal("fetch", fetchStub);
    await expect(apiRequest(method, "/x")).resolves.toBeUndefined();
    expect(firstInit(fetchStub).headers).toMatchObject({ "X-CSRF-Token": "abc" });
  });

  it("GET sends no CSRF token, and no header at all without the cookie", async () => {
    document.cookie = "vr_csrf=abc; path=/";
    const getStub = vi.fn(() => Promise.resolve(Response.json({})));
    vi.stubGlobal("fetch", getStub);
    await apiGet("/health");
    expect(firstInit(getStub).headers).not.toHaveProperty("X-CSRF-Token");

    document.cookie = "vr_csrf=; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT";
    const postStub = vi.fn(() => Promise.resolve(new Response(null, { status: 204 })));
    vi.stubGlobal("fetch", postStub);
    await apiPost("/auth/logout");
    const init = firstInit(postStub);
    expect(init.headers).not.toHaveProperty("X-CSRF-Token");
    expect(init.headers).not.toHaveProperty("Content-Type");
    expect(init).not.toHaveProperty("body");
  });

  it("reads Retry-After of a 429 into the error", async () => {
    const body = { error: "too_many_requests", detail: "Zu viele fehlgeschlagene Anmeldungen.", errors: [] };
    vi.stubGlobal(
      "fetch",
      vi.fn(() => Promise.resolve(Response.json(body, { status: 429, headers: { "Retry-After": "900" } }))),
    );
    const error: unknown = await apiPost("/auth/login", {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 429, code: "too_many_requests", retryAfterSeconds: 900, body });
  });

  it("tells which field an error is about", async () => {
    const body = {
      error: "validation_failed",
      detail: "The password needs at least 12 characters.",
      errors: [{ loc: ["body", "password"], msg: "too short", type: "error" }],
    };
    vi.stubGlobal("fetch", vi.fn(() => Promise.resolve(Response.json(body, { status: 422 }))));
    const error = (await apiPost("/auth/password", {}).catch((e: unknown) => e)) as ApiError;
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
