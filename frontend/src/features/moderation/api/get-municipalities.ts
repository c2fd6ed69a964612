import { queryOptions, useQuery } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/api/client";

export type Municipality = Schemas["MunicipalityRead"];

/** `GET /municipalities`: the cities a round may invite. */
export function getMunicipalities(signal?: AbortSignal): Promise<Municipality[]> {
  return unwrap(api.GET("/api/v1/municipalities", { signal: signal ?? null }), "GET /municipalities");
}

export const municipalitiesQuery = queryOptions({
  queryKey: ["municipalities"],
  queryFn: ({ signal }) => getMunicipalities(signal),
  staleTime: 10 * 60_000,
});

export function useMunicipalities() {
  return useQuery(municipalitiesQuery);
}
