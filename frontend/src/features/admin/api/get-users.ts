import { queryOptions, useQuery } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/api/client";

/** An account as admins see it (`GET /api/v1/users`): memberships, active, password set, last sign-in. */
export type User = Schemas["UserRead"];
export type UserMembership = Schemas["MembershipRead"];

export function getUsers(signal?: AbortSignal): Promise<User[]> {
  return unwrap(api.GET("/api/v1/users", { signal: signal ?? null }), "GET /users");
}

export const usersQuery = queryOptions({
  queryKey: ["admin", "users"],
  queryFn: ({ signal }) => getUsers(signal),
  staleTime: 15_000,
});

export function useUsers() {
  return useQuery(usersQuery);
}
