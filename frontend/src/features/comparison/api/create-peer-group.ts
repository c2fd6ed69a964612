import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/api/client";
import { peerGroupsQuery, type PeerGroup } from "./get-peer-groups";

export type PeerGroupCreate = Schemas["PeerGroupCreate"];

/** `POST …/comparison/peer-groups` (moderators): draws a group from cities of the round. */
export function createPeerGroup(roundId: number, body: PeerGroupCreate): Promise<PeerGroup> {
  return unwrap(
    api.POST("/api/v1/rounds/{round_id}/comparison/peer-groups", { params: { path: { round_id: roundId } }, body }),
    "POST comparison/peer-groups",
  );
}

/** Creates the group, then refreshes the list of groups of the round. */
export function useCreatePeerGroup(roundId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PeerGroupCreate) => createPeerGroup(roundId, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: peerGroupsQuery(roundId).queryKey }),
  });
}
