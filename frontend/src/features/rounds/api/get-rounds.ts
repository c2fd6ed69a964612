import { queryOptions, useQuery } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/api/client";

/** A comparison round the caller belongs to, as `GET /api/v1/rounds` returns it. */
export type Round = Schemas["RoundRead"];

export function getRounds(signal?: AbortSignal): Promise<Round[]> {
  return unwrap(api.GET("/api/v1/rounds", { signal: signal ?? null }), "GET /rounds");
}

export const roundsQuery = queryOptions({
  queryKey: ["rounds"],
  queryFn: ({ signal }) => getRounds(signal),
  staleTime: 60_000,
});

/** The caller's rounds; only ask when someone is signed in (`enabled`). */
export function useRounds(enabled = true) {
  return useQuery({ ...roundsQuery, enabled });
}
