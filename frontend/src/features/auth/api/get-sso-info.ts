import { queryOptions, useQuery } from "@tanstack/react-query";

import { apiGet } from "../../../api/client";

/** `GET /api/v1/auth/sso`: whether single sign-on is configured, and where it starts. */
export interface SsoInfo {
  enabled: boolean;
  /** The provider's name for people, e.g. "Stadtverwaltung". */
  display_name: string | null;
  /** Where the browser goes to sign in (a full page navigation); takes `?return_to=<path>`. */
  login_url: string | null;
}

export function getSsoInfo(signal?: AbortSignal): Promise<SsoInfo> {
  return apiGet<SsoInfo>("/auth/sso", { signal });
}

export const ssoInfoQuery = queryOptions({
  queryKey: ["auth", "sso"],
  queryFn: ({ signal }) => getSsoInfo(signal),
  staleTime: 10 * 60_000,
});

export function useSsoInfo() {
  return useQuery(ssoInfoQuery);
}
