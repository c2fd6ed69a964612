import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/api/client";
import { auditQueryKey } from "./get-audit-events";
import { usersQuery, type User } from "./get-users";

export type UserCreate = Schemas["UserCreate"];

/** `POST /api/v1/users`: the account, its memberships, and a one-time password link by mail. */
export function createUser(body: UserCreate): Promise<User> {
  return unwrap(api.POST("/api/v1/users", { body }), "POST /users");
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createUser,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: usersQuery.queryKey });
      void queryClient.invalidateQueries({ queryKey: auditQueryKey });
    },
  });
}
