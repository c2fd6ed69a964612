import { queryOptions, useQuery } from "@tanstack/react-query";

import { apiGet } from "../../../api/client";

export type Polarity = "higher_better" | "lower_better" | "neutral";
export type IndicatorKind = "rate" | "gap" | "count" | "flag" | "category" | "delivered";

/** A key figure (Kennzahl) of the catalogue, as `GET /api/v1/catalog/indicators` returns it. */
export interface Indicator {
  code: string;
  /** Code of its action field. */
  field: string;
  name_de: string;
  name_en: string;
  unit: string;
  polarity: Polarity;
  /** A structural context variable (`KON-*`) used for peer groups, not a key figure of its own. */
  context: boolean;
  kind: IndicatorKind;
}

export function getIndicators(signal?: AbortSignal): Promise<Indicator[]> {
  return apiGet<Indicator[]>("/catalog/indicators", { signal });
}

export const indicatorsQuery = queryOptions({
  queryKey: ["catalog", "indicators"],
  queryFn: ({ signal }) => getIndicators(signal),
  staleTime: 5 * 60_000,
});

export function useIndicators() {
  return useQuery(indicatorsQuery);
}
