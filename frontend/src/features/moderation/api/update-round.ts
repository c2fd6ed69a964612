import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/api/client";
import type { RoundDetail } from "./get-round";

export type RoundUpdate = Schemas["RoundUpdate"];

/** `PATCH /rounds/{id}`: deadline, display rule and other settings. */
export function updateRound(roundId: number, body: RoundUpdate): Promise<RoundDetail> {
  return unwrap(api.PATCH("/api/v1/rounds/{round_id}", { params: { path: { round_id: roundId } }, body }), "PATCH /rounds/{round_id}");
}

export function useUpdateRound(roundId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RoundUpdate) => updateRound(roundId, body),
    onSuccess: (round) => {
      queryClient.setQueryData(["rounds", roundId], round);
      return queryClient.invalidateQueries({ queryKey: ["rounds"] });
    },
  });
}
