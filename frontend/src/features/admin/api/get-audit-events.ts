import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/api/client";
import { auditApiQuery, type AuditFilters } from "../audit-filters";

export type AuditEvent = Schemas["AuditEventRead"];

export const auditQueryKey = ["admin", "audit"] as const;

/** One page of the audit log; asks for one more row than shown, to know whether a next page exists. */
export function auditEventsQuery(filters: AuditFilters) {
  const query = auditApiQuery(filters);
  return queryOptions({
    queryKey: [...auditQueryKey, query],
    queryFn: async ({ signal }) => {
      const rows = await unwrap(api.GET("/api/v1/audit-events", { params: { query }, signal }), "GET /audit-events");
      return { events: rows.slice(0, filters.pageSize), hasNext: rows.length > filters.pageSize };
    },
    placeholderData: keepPreviousData,
    staleTime: 5_000,
  });
}

export function useAuditEvents(filters: AuditFilters) {
  return useQuery(auditEventsQuery(filters));
}
