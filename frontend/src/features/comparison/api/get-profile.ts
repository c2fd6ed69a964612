import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/api/client";

/** Every key figure of one city with its position (`GET …/municipalities/{ags}/profile`). */
export type Profile = Schemas["Profile"];
export type ProfileEntry = Schemas["ProfileEntry"];

export interface ProfileParams {
  roundId: number;
  ags: string;
  year?: number | undefined;
  peerGroup: string;
}

export function getProfile(params: ProfileParams, signal?: AbortSignal): Promise<Profile> {
  return unwrap(
    api.GET("/api/v1/rounds/{round_id}/comparison/municipalities/{ags}/profile", {
      params: {
        path: { round_id: params.roundId, ags: params.ags },
        query: { year: params.year ?? null, peer_group: params.peerGroup },
      },
      signal: signal ?? null,
    }),
    "GET comparison/municipalities/{ags}/profile",
  );
}

export function profileQuery(params: ProfileParams) {
  return queryOptions({
    queryKey: ["comparison", params.roundId, "profile", params.ags, params.year ?? null, params.peerGroup],
    queryFn: ({ signal }) => getProfile(params, signal),
    staleTime: 60_000,
  });
}

export function useProfile(params: ProfileParams | null) {
  return useQuery({
    ...profileQuery(params ?? { roundId: 0, ags: "", peerGroup: "all" }),
    enabled: params !== null && params.ags !== "",
    placeholderData: keepPreviousData,
  });
}
