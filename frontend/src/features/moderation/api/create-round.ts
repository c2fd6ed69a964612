import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/api/client";
import type { RoundDetail } from "./get-round";

export type RoundCreate = Schemas["RoundCreate"];

/** `POST /rounds` (moderators of the ring). */
export function createRound(body: RoundCreate): Promise<RoundDetail> {
  return unwrap(api.POST("/api/v1/rounds", { body }), "POST /rounds");
}

export function useCreateRound() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createRound,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["rounds"] }),
  });
}
