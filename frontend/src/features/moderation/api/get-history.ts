import { queryOptions, useQuery } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/api/client";

export type HistoryEntry = Schemas["HistoryEntry"];
export type ChangeSinceApproval = Schemas["ChangeSinceApproval"];

/** `GET …/history?base_figure=`: every change of one value, newest first. */
export function getValueHistory(roundId: number, ags: string, year: number, baseFigure: string, signal?: AbortSignal) {
  return unwrap(
    api.GET("/api/v1/rounds/{round_id}/submissions/{ags}/{year}/history", {
      params: { path: { round_id: roundId, ags, year }, query: { base_figure: baseFigure } },
      signal: signal ?? null,
    }),
    "GET history",
  );
}

export function valueHistoryQuery(roundId: number, ags: string, year: number, baseFigure: string) {
  return queryOptions({
    queryKey: ["moderation", roundId, "history", ags, year, baseFigure],
    queryFn: ({ signal }) => getValueHistory(roundId, ags, year, baseFigure, signal),
  });
}

export function useValueHistory(roundId: number, ags: string, year: number, baseFigure: string | null) {
  return useQuery({ ...valueHistoryQuery(roundId, ags, year, baseFigure ?? ""), enabled: baseFigure !== null });
}

/** `GET …/changes-since-approval`: values whose state differs from the one last approved. */
export function getChangesSinceApproval(roundId: number, ags: string, year: number, signal?: AbortSignal) {
  return unwrap(
    api.GET("/api/v1/rounds/{round_id}/submissions/{ags}/{year}/changes-since-approval", {
      params: { path: { round_id: roundId, ags, year } },
      signal: signal ?? null,
    }),
    "GET changes-since-approval",
  );
}

export function changesSinceApprovalQuery(roundId: number, ags: string, year: number) {
  return queryOptions({
    queryKey: ["moderation", roundId, "changes", ags, year],
    queryFn: ({ signal }) => getChangesSinceApproval(roundId, ags, year, signal),
  });
}

export function useChangesSinceApproval(roundId: number, ags: string, year: number) {
  return useQuery(changesSinceApprovalQuery(roundId, ags, year));
}
