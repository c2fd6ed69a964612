import { queryOptions, useQuery } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/api/client";

/** Rounds with their participating cities, for the invitation form (admins see every round). */
export type RoundSummary = Schemas["RoundRead"];
export type RoundDetail = Schemas["RoundDetail"];

export const adminRoundsQuery = queryOptions({
  queryKey: ["rounds"],
  queryFn: ({ signal }) => unwrap(api.GET("/api/v1/rounds", { signal }), "GET /rounds"),
  staleTime: 60_000,
});

export function useAdminRounds() {
  return useQuery(adminRoundsQuery);
}

export function useRoundDetail(roundId: number | null) {
  return useQuery({
    queryKey: ["rounds", roundId, "detail"],
    queryFn: ({ signal }) =>
      unwrap(api.GET("/api/v1/rounds/{round_id}", { params: { path: { round_id: roundId ?? 0 } }, signal }), "GET /rounds/{id}"),
    enabled: roundId !== null,
    staleTime: 60_000,
  });
}
