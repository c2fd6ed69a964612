import { queryOptions, useQuery } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/api/client";

export type RoundDetail = Schemas["RoundDetail"];
export type RoundStatus = Schemas["RoundStatus"];
export type DisplayRule = Schemas["DisplayRule"];

/** `GET /rounds/{id}`: with participants, revision and the allowed next states. */
export function getRoundDetail(roundId: number, signal?: AbortSignal): Promise<RoundDetail> {
  return unwrap(
    api.GET("/api/v1/rounds/{round_id}", { params: { path: { round_id: roundId } }, signal: signal ?? null }),
    "GET /rounds/{round_id}",
  );
}

export function roundDetailQuery(roundId: number) {
  return queryOptions({
    queryKey: ["rounds", roundId],
    queryFn: ({ signal }) => getRoundDetail(roundId, signal),
    staleTime: 30_000,
  });
}

export function useRoundDetail(roundId: number) {
  return useQuery(roundDetailQuery(roundId));
}
