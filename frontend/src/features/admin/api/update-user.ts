import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/api/client";
import { auditQueryKey } from "./get-audit-events";
import { usersQuery, type User } from "./get-users";

export type UserUpdate = Schemas["UserUpdate"];

export function updateUser(userId: number, body: UserUpdate): Promise<User> {
  return unwrap(api.PATCH("/api/v1/users/{user_id}", { params: { path: { user_id: userId } }, body }), "PATCH /users/{id}");
}

/** Puts the changed account into the list at once, and refreshes the list and the audit log. */
export function useUserChanged() {
  const queryClient = useQueryClient();
  return (user: User) => {
    queryClient.setQueryData(usersQuery.queryKey, (users: User[] | undefined) =>
      users?.map((u) => (u.id === user.id ? user : u)),
    );
    void queryClient.invalidateQueries({ queryKey: usersQuery.queryKey });
    void queryClient.invalidateQueries({ queryKey: auditQueryKey });
  };
}

/** Disable, enable or rename an account. */
export function useUpdateUser(userId: number) {
  const changed = useUserChanged();
  return useMutation({ mutationFn: (body: UserUpdate) => updateUser(userId, body), onSuccess: changed });
}
