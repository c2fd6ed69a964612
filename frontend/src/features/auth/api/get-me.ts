import { queryOptions, useQuery } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/api/client";
import { ApiError } from "@/api/errors";

/** The signed-in user, as `GET /api/v1/auth/me` and `POST /api/v1/auth/login` return it. */
export type Me = Schemas["MeRead"];
/** A role and where it applies: city roles name a municipality (AGS), the moderator role names a ring. */
export type Membership = Schemas["MembershipRead"];
export type Role = Membership["role"];

/** The signed-in user, or `null` when nobody is signed in (the backend answers 401). */
export async function getMe(signal?: AbortSignal): Promise<Me | null> {
  try {
    return await unwrap(api.GET("/api/v1/auth/me", { signal: signal ?? null }), "GET /auth/me");
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export const meQuery = queryOptions({
  queryKey: ["auth", "me"],
  queryFn: ({ signal }) => getMe(signal),
  staleTime: 60_000,
});

/** `data` is the user, `null` when signed out, `undefined` while loading. */
export function useMe() {
  return useQuery(meQuery);
}
