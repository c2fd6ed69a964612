import { queryOptions, useQuery } from "@tanstack/react-query";

import { apiGet } from "../../../api/client";

export type FactStatus = "ok" | "estimated" | "provisional" | "revised";

export interface PopulationValue {
  year: number;
  value: number | null;
  status: FactStatus;
}

/** A city, as `GET /api/v1/municipalities` returns it. The AGS is text: it keeps its leading zero. */
export interface Municipality {
  ags: string;
  name: string;
  state: string;
  /** GK1, GK2 or GK3 by the latest population; `null` below 100,000. */
  size_class: string | null;
  population: PopulationValue[];
}

export function getMunicipalities(signal?: AbortSignal): Promise<Municipality[]> {
  return apiGet<Municipality[]>("/municipalities", { signal });
}

export const municipalitiesQuery = queryOptions({
  queryKey: ["municipalities"],
  queryFn: ({ signal }) => getMunicipalities(signal),
  staleTime: 5 * 60_000,
});

export function useMunicipalities() {
  return useQuery(municipalitiesQuery);
}
