import { queryOptions, useQuery } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/api/client";

export type RoundSummary = Schemas["RoundRead"];

/** `GET /rounds`: the rounds the caller belongs to (a moderator: those of the rings moderated). */
export function getRounds(signal?: AbortSignal): Promise<RoundSummary[]> {
  return unwrap(api.GET("/api/v1/rounds", { signal: signal ?? null }), "GET /rounds");
}

export const moderatedRoundsQuery = queryOptions({
  queryKey: ["rounds"],
  queryFn: ({ signal }) => getRounds(signal),
  staleTime: 30_000,
});

export function useModeratedRounds() {
  return useQuery(moderatedRoundsQuery);
}
