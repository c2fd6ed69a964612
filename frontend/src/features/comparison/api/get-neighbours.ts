import { queryOptions, useQuery } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/api/client";

/** The k most similar cities by the structural variables (`GET …/municipalities/{ags}/neighbours`). */
export type Neighbours = Schemas["Neighbours"];

export function getNeighbours(roundId: number, ags: string, k: number, signal?: AbortSignal): Promise<Neighbours> {
  return unwrap(
    api.GET("/api/v1/rounds/{round_id}/comparison/municipalities/{ags}/neighbours", {
      params: { path: { round_id: roundId, ags }, query: { k } },
      signal: signal ?? null,
    }),
    "GET comparison/municipalities/{ags}/neighbours",
  );
}

export function neighboursQuery(roundId: number, ags: string, k = 5) {
  return queryOptions({
    queryKey: ["comparison", roundId, "neighbours", ags, k],
    queryFn: ({ signal }) => getNeighbours(roundId, ags, k, signal),
    staleTime: 5 * 60_000,
  });
}

export function useNeighbours(roundId: number, ags: string | null, k = 5) {
  return useQuery({ ...neighboursQuery(roundId, ags ?? "", k), enabled: ags !== null && ags !== "" });
}
