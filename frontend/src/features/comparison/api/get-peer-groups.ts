import { queryOptions, useQuery } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/api/client";

/** A peer group with its method and members, as the caller may see them. */
export type PeerGroup = Schemas["PeerGroupRead"];

export function getPeerGroups(roundId: number, signal?: AbortSignal): Promise<PeerGroup[]> {
  return unwrap(
    api.GET("/api/v1/rounds/{round_id}/comparison/peer-groups", {
      params: { path: { round_id: roundId } },
      signal: signal ?? null,
    }),
    "GET comparison/peer-groups",
  );
}

export function peerGroupsQuery(roundId: number) {
  return queryOptions({
    queryKey: ["comparison", roundId, "peer-groups"],
    queryFn: ({ signal }) => getPeerGroups(roundId, signal),
    staleTime: 5 * 60_000,
  });
}

export function usePeerGroups(roundId: number) {
  return useQuery(peerGroupsQuery(roundId));
}
