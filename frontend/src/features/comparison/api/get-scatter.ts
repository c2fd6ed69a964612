import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/api/client";

/** Two key figures per city (`GET …/comparison/scatter`); cities without both values are left out. */
export type Scatter = Schemas["Scatter"];

export interface ScatterParams {
  roundId: number;
  x: string;
  y: string;
  year?: number | undefined;
  peerGroup: string;
}

export function getScatter(params: ScatterParams, signal?: AbortSignal): Promise<Scatter> {
  return unwrap(
    api.GET("/api/v1/rounds/{round_id}/comparison/scatter", {
      params: {
        path: { round_id: params.roundId },
        query: { x: params.x, y: params.y, year: params.year ?? null, peer_group: params.peerGroup },
      },
      signal: signal ?? null,
    }),
    "GET comparison/scatter",
  );
}

export function scatterQuery(params: ScatterParams) {
  return queryOptions({
    queryKey: ["comparison", params.roundId, "scatter", params.x, params.y, params.year ?? null, params.peerGroup],
    queryFn: ({ signal }) => getScatter(params, signal),
    staleTime: 60_000,
  });
}

export function useScatter(params: ScatterParams) {
  return useQuery({ ...scatterQuery(params), enabled: params.x !== "" && params.y !== "", placeholderData: keepPreviousData });
}
