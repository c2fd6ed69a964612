import { queryOptions, useQuery } from "@tanstack/react-query";

import { apiGet } from "../../../api/client";
import { ApiError } from "../../../api/errors";

export type Role = "admin" | "moderator" | "coordinator" | "viewer";

/** A role and where it applies: city roles name a municipality (AGS), the moderator role names a ring. */
export interface Membership {
  id?: number | null;
  role: Role;
  municipality_ags: string | null;
  ring_id: number | null;
}

/** The signed-in user, as `GET /api/v1/auth/me` and `POST /api/v1/auth/login` return it. */
export interface Me {
  id: number;
  email: string;
  display_name: string;
  memberships: Membership[];
  /** What the user may do somewhere, e.g. `read_rounds`, `edit_submission`. */
  permissions: string[];
}

/** The signed-in user, or `null` when nobody is signed in (the backend answers 401). */
export async function getMe(signal?: AbortSignal): Promise<Me | null> {
  try {
    return await apiGet<Me>("/auth/me", { signal });
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
