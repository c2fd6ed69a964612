import { queryOptions, useQuery } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/api/client";

/** A key figure (Kennzahl) of the catalogue, as `GET /api/v1/catalog/indicators` returns it. */
export type Indicator = Schemas["IndicatorRead"];
export type Polarity = Indicator["polarity"];

export function getIndicators(signal?: AbortSignal): Promise<Indicator[]> {
  return unwrap(api.GET("/api/v1/catalog/indicators", { signal: signal ?? null }), "GET /catalog/indicators");
}

export const indicatorsQuery = queryOptions({
  queryKey: ["catalog", "indicators"],
  queryFn: ({ signal }) => getIndicators(signal),
  staleTime: 5 * 60_000,
});

export function useIndicators() {
  return useQuery(indicatorsQuery);
}
