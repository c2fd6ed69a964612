import { QueryClientProvider } from "@tanstack/react-query";
import { renderHook, waitFor } from "@testing-library/react";
import type { ReactNode } from "react";
import { describe, expect, it } from "vitest";

import { indicatorComparison } from "@/testing/comparison-fixtures";
import { mockApi, requestTo } from "@/testing/mock-api";
import { createTestQueryClient } from "@/testing/render-app";
import { useIndicatorComparison } from "./get-indicator-comparison";
import { usePeerGroups } from "./get-peer-groups";

function wrapper({ children }: { children: ReactNode }) {
  return <QueryClientProvider client={createTestQueryClient()}>{children}</QueryClientProvider>;
}

const PATH = "/api/v1/rounds/1/comparison/indicators/ARB-05";

describe("useIndicatorComparison", () => {
  it("asks for year, peer group and measure and returns the answer unchanged", async () => {
    const answer = indicatorComparison();
    const api = mockApi({ [PATH]: answer });
    const { result } = renderHook(
      () => useIndicatorComparison({ roundId: 1, code: "ARB-05", year: 2020, peerGroup: "size_class:GK1", measure: "A" }),
      { wrapper },
    );
    await waitFor(() => {
      expect(result.current.isSuccess).toBe(true);
    });
    expect(result.current.data).toEqual(answer);
    const url = requestTo(api, PATH).url;
    expect(Object.fromEntries(url.searchParams)).toEqual({ year: "2020", peer_group: "size_class:GK1", measure: "A" });
  });

  it("leaves out year and measure when not chosen, and asks nothing without a key figure", async () => {
    const api = mockApi({ [PATH]: indicatorComparison() });
    const { result } = renderHook(() => useIndicatorComparison({ roundId: 1, code: "ARB-05", peerGroup: "all" }), { wrapper });
    await waitFor(() => {
      expect(result.current.isSuccess).toBe(true);
    });
    expect(Object.fromEntries(requestTo(api, PATH).url.searchParams)).toEqual({ peer_group: "all" });

    const idle = renderHook(() => useIndicatorComparison(null), { wrapper });
    expect(idle.result.current.fetchStatus).toBe("idle");
    expect(api.requests).toHaveLength(1);
  });

  it("passes the API's error on, with its body", async () => {
    mockApi({ [PATH]: { status: 404, body: { error: "not_found", detail: "Runde 1 nicht gefunden", errors: [] } } });
    const { result } = renderHook(() => useIndicatorComparison({ roundId: 1, code: "ARB-05", peerGroup: "all" }), { wrapper });
    await waitFor(() => {
      expect(result.current.isError).toBe(true);
    });
    expect(result.current.error).toMatchObject({ status: 404, code: "not_found" });
  });
});

describe("usePeerGroups", () => {
  it("reads the groups of the round", async () => {
    const groups = [{ id: "all", type: "all", name_de: "Alle", name_en: "All", size: 2, method: "alle", parameters: {}, members: [], usable: false }];
    mockApi({ "/api/v1/rounds/3/comparison/peer-groups": groups });
    const { result } = renderHook(() => usePeerGroups(3), { wrapper });
    await waitFor(() => {
      expect(result.current.data).toEqual(groups);
    });
  });
});
