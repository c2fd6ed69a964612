import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api, unwrap } from "@/api/client";
import type { RoundDetail, RoundStatus } from "./get-round";

/** `POST /rounds/{id}/transitions`: one step of the lifecycle; an illegal one answers 409. */
export function transitionRound(roundId: number, to: RoundStatus, note = ""): Promise<RoundDetail> {
  return unwrap(
    api.POST("/api/v1/rounds/{round_id}/transitions", { params: { path: { round_id: roundId } }, body: { to, note } }),
    "POST transitions",
  );
}

export function useTransitionRound(roundId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ to, note }: { to: RoundStatus; note?: string }) => transitionRound(roundId, to, note),
    onSuccess: (round) => {
      queryClient.setQueryData(["rounds", roundId], round);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: ["rounds"] }),
        queryClient.invalidateQueries({ queryKey: ["moderation", roundId] }),
      ]);
    },
  });
}
