import { queryOptions, useQuery } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/api/client";

export type Cockpit = Schemas["CockpitRead"];
export type CockpitCity = Schemas["CockpitCity"];
export type CockpitYear = Schemas["CockpitYear"];
export type SubmissionStatus = Schemas["SubmissionStatus"];

/** `GET /rounds/{id}/cockpit`: every city × action field in one answer (moderators). */
export function getCockpit(roundId: number, signal?: AbortSignal): Promise<Cockpit> {
  return unwrap(
    api.GET("/api/v1/rounds/{round_id}/cockpit", { params: { path: { round_id: roundId } }, signal: signal ?? null }),
    "GET cockpit",
  );
}

export function cockpitQuery(roundId: number) {
  return queryOptions({
    queryKey: ["moderation", roundId, "cockpit"],
    queryFn: ({ signal }) => getCockpit(roundId, signal),
    staleTime: 15_000,
  });
}

export function useCockpit(roundId: number) {
  return useQuery(cockpitQuery(roundId));
}
