import { useMutation } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/api/client";
import type { User } from "./get-users";
import { useUserChanged } from "./update-user";

export type MembershipCreate = Schemas["MembershipCreate"];

export function grantMembership(userId: number, body: MembershipCreate): Promise<User> {
  return unwrap(
    api.POST("/api/v1/users/{user_id}/memberships", { params: { path: { user_id: userId } }, body }),
    "POST /users/{id}/memberships",
  );
}

export function revokeMembership(userId: number, membershipId: number): Promise<User> {
  return unwrap(
    api.DELETE("/api/v1/users/{user_id}/memberships/{membership_id}", {
      params: { path: { user_id: userId, membership_id: membershipId } },
    }),
    "DELETE /users/{id}/memberships/{id}",
  );
}

export function useGrantMembership(userId: number) {
  const changed = useUserChanged();
  return useMutation({ mutationFn: (body: MembershipCreate) => grantMembership(userId, body), onSuccess: changed });
}

export function useRevokeMembership(userId: number) {
  const changed = useUserChanged();
  return useMutation({ mutationFn: (membershipId: number) => revokeMembership(userId, membershipId), onSuccess: changed });
}
