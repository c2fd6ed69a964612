import { queryOptions, useQuery } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/api/client";

/** `GET /api/v1/auth/sso`: whether single sign-on is configured, and where it starts (`login_url`, takes `?return_to=<path>`). */
export type SsoInfo = Schemas["SsoInfo"];

export function getSsoInfo(signal?: AbortSignal): Promise<SsoInfo> {
  return unwrap(api.GET("/api/v1/auth/sso", { signal: signal ?? null }), "GET /auth/sso");
}

export const ssoInfoQuery = queryOptions({
  queryKey: ["auth", "sso"],
  queryFn: ({ signal }) => getSsoInfo(signal),
  staleTime: 10 * 60_000,
});

export function useSsoInfo() {
  return useQuery(ssoInfoQuery);
}
