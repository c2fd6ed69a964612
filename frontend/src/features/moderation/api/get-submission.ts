import { queryOptions, useQuery } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/api/client";

export type Submission = Schemas["SubmissionRead"];
export type SubmissionValue = Schemas["SubmissionValueRead"];
export type Finding = Schemas["FindingRead"];

/** `GET …/submissions/{ags}/{year}`: status, version, allowed actions, findings and every value. */
export function getSubmission(roundId: number, ags: string, year: number, signal?: AbortSignal): Promise<Submission> {
  return unwrap(
    api.GET("/api/v1/rounds/{round_id}/submissions/{ags}/{year}", {
      params: { path: { round_id: roundId, ags, year } },
      signal: signal ?? null,
    }),
    "GET submission",
  );
}

export function submissionQuery(roundId: number, ags: string, year: number) {
  return queryOptions({
    queryKey: ["moderation", roundId, "submission", ags, year],
    queryFn: ({ signal }) => getSubmission(roundId, ags, year, signal),
    staleTime: 10_000,
  });
}

export function useSubmission(roundId: number, ags: string, year: number) {
  return useQuery(submissionQuery(roundId, ags, year));
}
