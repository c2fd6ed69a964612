import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api, unwrap } from "@/api/client";
import type { RoundDetail } from "./get-round";

/** `POST /rounds/{id}/participants`: adds cities (each gets a random unused pseudonym). */
export function addParticipants(roundId: number, ags: string[]): Promise<RoundDetail> {
  return unwrap(
    api.POST("/api/v1/rounds/{round_id}/participants", { params: { path: { round_id: roundId } }, body: { ags } }),
    "POST participants",
  );
}

/** `DELETE /rounds/{id}/participants/{ags}`: removes a city that has delivered nothing. */
export function removeParticipant(roundId: number, ags: string): Promise<RoundDetail> {
  return unwrap(
    api.DELETE("/api/v1/rounds/{round_id}/participants/{ags}", { params: { path: { round_id: roundId, ags } } }),
    "DELETE participant",
  );
}

function useRoundMutation<T>(roundId: number, call: (value: T) => Promise<RoundDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: (round) => {
      queryClient.setQueryData(["rounds", roundId], round);
      return queryClient.invalidateQueries({ queryKey: ["moderation", roundId] });
    },
  });
}

export function useAddParticipants(roundId: number) {
  return useRoundMutation(roundId, (ags: string[]) => addParticipants(roundId, ags));
}

export function useRemoveParticipant(roundId: number) {
  return useRoundMutation(roundId, (ags: string) => removeParticipant(roundId, ags));
}
