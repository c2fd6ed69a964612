import type { User } from "./api/get-users";

export const ROLES = ["admin", "moderator", "coordinator", "viewer"] as const;
export type RoleName = (typeof ROLES)[number];
export type ActiveFilter = "" | "aktiv" | "gesperrt";

/** The filters of the user list; they live in the URL (`?suche=&rolle=&stadt=&status=`). */
export interface UserFilters {
  search: string;
  role: RoleName | "";
  ags: string;
  active: ActiveFilter;
}

const PARAMS = { search: "suche", role: "rolle", ags: "stadt", active: "status" } as const;

function isRole(value: string | null): value is RoleName {
  return value !== null && (ROLES as readonly string[]).includes(value);
}

/** Reads the filters from the query string; anything unknown is ignored. */
export function parseUserFilters(params: URLSearchParams): UserFilters {
  const role = params.get(PARAMS.role);
  const ags = params.get(PARAMS.ags) ?? "";
  const active = params.get(PARAMS.active);
  return {
    search: (params.get(PARAMS.search) ?? "").slice(0, 200),
    role: isRole(role) ? role : "",
    ags: /^\d{8}$/.test(ags) ? ags : "",
    active: active === "aktiv" || active === "gesperrt" ? active : "",
  };
}

/** The query string of the filters; empty filters are left out, so the plain list has a plain URL. */
export function userFiltersToParams(filters: UserFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.search.trim()) params.set(PARAMS.search, filters.search.trim());
  if (filters.role) params.set(PARAMS.role, filters.role);
  if (filters.ags) params.set(PARAMS.ags, filters.ags);
  if (filters.active) params.set(PARAMS.active, filters.active);
  return params;
}

/** The users that match every filter; the search looks at email and name, case-insensitively. */
export function filterUsers(users: readonly User[], filters: UserFilters): User[] {
  const needle = filters.search.trim().toLocaleLowerCase("de");
  return users.filter((user) => {
    if (needle && !`${user.email} ${user.display_name}`.toLocaleLowerCase("de").includes(needle)) return false;
    if (filters.role && !user.memberships.some((m) => m.role === filters.role)) return false;
    if (filters.ags && !user.memberships.some((m) => m.municipality_ags === filters.ags)) return false;
    if (filters.active === "aktiv" && !user.is_active) return false;
    if (filters.active === "gesperrt" && user.is_active) return false;
    return true;
  });
}
