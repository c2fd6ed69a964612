import { queryOptions, useQuery } from "@tanstack/react-query";

import { api, unwrap } from "@/api/client";
import type { Round } from "./get-rounds";

export function getRound(roundId: number, signal?: AbortSignal): Promise<Round> {
  return unwrap(
    api.GET("/api/v1/rounds/{round_id}", { params: { path: { round_id: roundId } }, signal: signal ?? null }),
    "GET /rounds/{round_id}",
  );
}

export function roundQuery(roundId: number) {
  return queryOptions({
    queryKey: ["rounds", roundId],
    queryFn: ({ signal }) => getRound(roundId, signal),
    staleTime: 60_000,
  });
}

export function useRound(roundId: number) {
  return useQuery(roundQuery(roundId));
}
