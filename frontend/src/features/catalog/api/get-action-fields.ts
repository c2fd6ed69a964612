import { queryOptions, useQuery } from "@tanstack/react-query";

import { apiGet } from "../../../api/client";

/** An action field (Handlungsfeld) of the catalogue, as `GET /api/v1/catalog/fields` returns it. */
export interface ActionField {
  code: string;
  name_de: string;
  name_en: string;
  indicator_count: number;
  /** The structural context variables (`KON-*`) for peer groups, not an action field of its own. */
  context: boolean;
}

export function getActionFields(signal?: AbortSignal): Promise<ActionField[]> {
  return apiGet<ActionField[]>("/catalog/fields", { signal });
}

export const actionFieldsQuery = queryOptions({
  queryKey: ["catalog", "fields"],
  queryFn: ({ signal }) => getActionFields(signal),
  staleTime: 5 * 60_000,
});

export function useActionFields() {
  return useQuery(actionFieldsQuery);
}
