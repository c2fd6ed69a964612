import { queryOptions, useQuery } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/api/client";

/** `GET /api/v1/health`: the backend and its database answer; `synthetic_demo_data` when some round holds demo data. */
export type Health = Schemas["Health"];

export function getHealth(signal?: AbortSignal): Promise<Health> {
  return unwrap(api.GET("/api/v1/health", { signal: signal ?? null }), "GET /health");
}

export const healthQuery = queryOptions({
  queryKey: ["system", "health"],
  queryFn: ({ signal }) => getHealth(signal),
  staleTime: 60_000,
});

export function useHealth() {
  return useQuery(healthQuery);
}
