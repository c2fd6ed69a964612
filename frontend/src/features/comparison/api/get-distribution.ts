import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/api/client";
import type { Measure } from "./get-indicator-comparison";

/** Box-plot figures per data year and peer group (`GET …/indicators/{code}/distribution`). */
export type Distribution = Schemas["Distribution"];
export type BoxPlotRead = Schemas["BoxPlot"];

export interface DistributionParams {
  roundId: number;
  code: string;
  /** Groups to show; empty: all cities and the size classes (the API's default). */
  peerGroups: string[];
  measure?: Measure | undefined;
}

export function getDistribution(params: DistributionParams, signal?: AbortSignal): Promise<Distribution> {
  return unwrap(
    api.GET("/api/v1/rounds/{round_id}/comparison/indicators/{code}/distribution", {
      params: {
        path: { round_id: params.roundId, code: params.code },
        query: { peer_group: params.peerGroups.length > 0 ? params.peerGroups : null, measure: params.measure ?? null },
      },
      signal: signal ?? null,
    }),
    "GET comparison/indicators/{code}/distribution",
  );
}

export function distributionQuery(params: DistributionParams) {
  return queryOptions({
    queryKey: ["comparison", params.roundId, "distribution", params.code, params.peerGroups, params.measure ?? null],
    queryFn: ({ signal }) => getDistribution(params, signal),
    staleTime: 60_000,
  });
}

export function useDistribution(params: DistributionParams) {
  return useQuery({ ...distributionQuery(params), enabled: params.code !== "", placeholderData: keepPreviousData });
}
