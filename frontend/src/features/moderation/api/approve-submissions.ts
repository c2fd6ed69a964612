import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/api/client";

export type BulkApproveItem = Schemas["BulkApproveItem"];

/** `POST …/submissions/approve`: many city-years at the versions seen; all or nothing. */
export function approveSubmissions(roundId: number, items: BulkApproveItem[]): Promise<Schemas["BulkApproveRead"]> {
  return unwrap(
    api.POST("/api/v1/rounds/{round_id}/submissions/approve", { params: { path: { round_id: roundId } }, body: { items } }),
    "POST submissions/approve",
  );
}

export function useApproveSubmissions(roundId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (items: BulkApproveItem[]) => approveSubmissions(roundId, items),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["moderation", roundId] }),
  });
}
