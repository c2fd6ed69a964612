import { queryOptions, useQuery } from "@tanstack/react-query";

import { apiGet } from "../../../api/client";

/** `GET /api/v1/health`: the backend and its database answer. */
export interface Health {
  status: "ok";
  version: string;
  /** SQLAlchemy dialect name, e.g. `postgresql` or `sqlite`. */
  database: string;
  /** Some round holds synthetic demo data: every page must say so. */
  synthetic_demo_data: boolean;
}

export function getHealth(signal?: AbortSignal): Promise<Health> {
  return apiGet<Health>("/health", { signal });
}

export const healthQuery = queryOptions({
  queryKey: ["system", "health"],
  queryFn: ({ signal }) => getHealth(signal),
  staleTime: 60_000,
});

export function useHealth() {
  return useQuery(healthQuery);
}
