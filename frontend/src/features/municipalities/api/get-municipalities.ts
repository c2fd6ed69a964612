import { queryOptions, useQuery } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/api/client";

/** A city, as `GET /api/v1/municipalities` returns it. The AGS is text: it keeps its leading zero. */
export type Municipality = Schemas["MunicipalityRead"];
export type PopulationValue = Schemas["PopulationValue"];

export function getMunicipalities(signal?: AbortSignal): Promise<Municipality[]> {
  return unwrap(api.GET("/api/v1/municipalities", { signal: signal ?? null }), "GET /municipalities");
}

export const municipalitiesQuery = queryOptions({
  queryKey: ["municipalities"],
  queryFn: ({ signal }) => getMunicipalities(signal),
  staleTime: 5 * 60_000,
});

export function useMunicipalities() {
  return useQuery(municipalitiesQuery);
}
