import { queryOptions, useQuery } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/api/client";

export type Submission = Schemas["SubmissionRead"];
export type SubmissionValue = Schemas["SubmissionValueRead"];
export type ValueChange = Schemas["ValueChange"];
export type ValueStatus = Schemas["ValueStatus"];
export type BaseFigure = Schemas["BaseFigureRead"];

/** The statuses a value can carry, in the order the form offers them. */
export const VALUE_STATUSES: readonly ValueStatus[] = [
  "ok",
  "provisional",
  "estimated",
  "revised",
  "not_collectable",
  "not_delivered",
  "suppressed",
];

/** `GET …/submissions/{ags}/{year}`: the entry form's data (values, findings, allowed actions). */
export function getSubmission(roundId: number, ags: string, year: number, signal?: AbortSignal): Promise<Submission> {
  return unwrap(
    api.GET("/api/v1/rounds/{round_id}/submissions/{ags}/{year}", {
      params: { path: { round_id: roundId, ags, year } },
      signal: signal ?? null,
    }),
    "GET submission",
  );
}

export function entrySubmissionQuery(roundId: number, ags: string, year: number) {
  return queryOptions({
    queryKey: ["submissions", roundId, ags, year],
    queryFn: ({ signal }) => getSubmission(roundId, ags, year, signal),
    // The form holds its own state while open; a refetch would only race with autosave.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}

export function useEntrySubmission(roundId: number, ags: string, year: number) {
  return useQuery(entrySubmissionQuery(roundId, ags, year));
}

/** `PATCH …/submissions/{ags}/{year}`: changed values with the version read (409 when stale). */
export function patchValues(roundId: number, ags: string, year: number, version: number, values: ValueChange[]): Promise<Submission> {
  return unwrap(
    api.PATCH("/api/v1/rounds/{round_id}/submissions/{ags}/{year}", {
      params: { path: { round_id: roundId, ags, year } },
      body: { version, values },
    }),
    "PATCH submission",
  );
}

/** `POST …/submit`: refused (422, each finding named) while an error or unexplained warning stands. */
export function submitSubmission(roundId: number, ags: string, year: number, version: number): Promise<Submission> {
  return unwrap(
    api.POST("/api/v1/rounds/{round_id}/submissions/{ags}/{year}/submit", {
      params: { path: { round_id: roundId, ags, year } },
      body: { version },
    }),
    "POST submit",
  );
}

/** `GET /catalog/base-figures`: reference date and source of each base figure. */
export function getBaseFigures(signal?: AbortSignal): Promise<BaseFigure[]> {
  return unwrap(api.GET("/api/v1/catalog/base-figures", { signal: signal ?? null }), "GET /catalog/base-figures");
}

export const baseFiguresQuery = queryOptions({
  queryKey: ["catalog", "base-figures"],
  queryFn: ({ signal }) => getBaseFigures(signal),
  staleTime: 5 * 60_000,
});

export function useBaseFigures() {
  return useQuery(baseFiguresQuery);
}
