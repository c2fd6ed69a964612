import { describe, expect, it, vi } from "vitest";

import { apiGet, apiUrl } from "./client";
import { ApiError, isRetryable, NetworkError } from "./errors";

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
