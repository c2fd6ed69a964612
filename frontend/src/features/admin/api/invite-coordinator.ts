import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/api/client";
import { auditQueryKey } from "./get-audit-events";
import { usersQuery } from "./get-users";

export type InvitationCreate = Schemas["InvitationCreate"];
export type Invitation = Schemas["InvitationRead"];

/** `POST /api/v1/rounds/{id}/invitations`: a coordinator for a city of the round (new accounts get a link). */
export function inviteCoordinator(roundId: number, body: InvitationCreate): Promise<Invitation> {
  return unwrap(
    api.POST("/api/v1/rounds/{round_id}/invitations", { params: { path: { round_id: roundId } }, body }),
    "POST /rounds/{id}/invitations",
  );
}

export function useInviteCoordinator() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ roundId, body }: { roundId: number; body: InvitationCreate }) => inviteCoordinator(roundId, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: usersQuery.queryKey });
      void queryClient.invalidateQueries({ queryKey: auditQueryKey });
    },
  });
}
