import { queryOptions, useQuery } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/api/client";

/** An action field (Handlungsfeld) of the catalogue, as `GET /api/v1/catalog/fields` returns it. */
export type ActionField = Schemas["FieldRead"];

export function getActionFields(signal?: AbortSignal): Promise<ActionField[]> {
  return unwrap(api.GET("/api/v1/catalog/fields", { signal: signal ?? null }), "GET /catalog/fields");
}

export const actionFieldsQuery = queryOptions({
  queryKey: ["catalog", "fields"],
  queryFn: ({ signal }) => getActionFields(signal),
  staleTime: 5 * 60_000,
});

export function useActionFields() {
  return useQuery(actionFieldsQuery);
}
