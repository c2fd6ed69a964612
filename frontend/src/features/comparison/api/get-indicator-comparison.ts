import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/api/client";

/** One key figure across the cities of a peer group (`GET …/comparison/indicators/{code}`). */
export type IndicatorComparison = Schemas["IndicatorComparison"];
export type ComparisonRow = Schemas["ComparisonRow"];
export type Statistics = Schemas["Statistics"];
export type IndicatorBrief = Schemas["IndicatorBrief"];
export type Measure = IndicatorBrief["measure"];

export interface IndicatorComparisonParams {
  roundId: number;
  code: string;
  /** `undefined`: the round's latest year. */
  year?: number | undefined;
  peerGroup: string;
  measure?: Measure | undefined;
}

export function getIndicatorComparison(params: IndicatorComparisonParams, signal?: AbortSignal): Promise<IndicatorComparison> {
  return unwrap(
    api.GET("/api/v1/rounds/{round_id}/comparison/indicators/{code}", {
      params: {
        path: { round_id: params.roundId, code: params.code },
        query: { year: params.year ?? null, peer_group: params.peerGroup, measure: params.measure ?? null },
      },
      signal: signal ?? null,
    }),
    "GET comparison/indicators/{code}",
  );
}

export function indicatorComparisonQuery(params: IndicatorComparisonParams) {
  return queryOptions({
    queryKey: ["comparison", params.roundId, "indicator", params.code, params.year ?? null, params.peerGroup, params.measure ?? null],
    queryFn: ({ signal }) => getIndicatorComparison(params, signal),
    staleTime: 60_000,
  });
}

/** Keeps showing the previous answer while a new year or group loads (no flicker when switching). */
export function useIndicatorComparison(params: IndicatorComparisonParams | null) {
  return useQuery({
    ...indicatorComparisonQuery(params ?? { roundId: 0, code: "", peerGroup: "all" }),
    enabled: params !== null && params.code !== "",
    placeholderData: keepPreviousData,
  });
}
