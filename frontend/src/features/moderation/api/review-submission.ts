import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/api/client";
import type { Submission } from "./get-submission";

export type ReturnBody = Schemas["ReturnBody"];

interface Target {
  roundId: number;
  ags: string;
  year: number;
}

const path = ({ roundId, ags, year }: Target) => ({ path: { round_id: roundId, ags, year } });

/** `POST …/return`: the whole submission, or single values with a reason each (`values`). */
export function returnSubmission(target: Target, body: ReturnBody): Promise<Submission> {
  return unwrap(api.POST("/api/v1/rounds/{round_id}/submissions/{ags}/{year}/return", { params: path(target), body }), "POST return");
}

/** `POST …/reopen`: a submitted or approved submission back to the city, whole or single values. */
export function reopenSubmission(target: Target, body: ReturnBody): Promise<Submission> {
  return unwrap(api.POST("/api/v1/rounds/{round_id}/submissions/{ags}/{year}/reopen", { params: path(target), body }), "POST reopen");
}

/** `POST …/approve` at the version the moderator saw. */
export function approveSubmission(target: Target, version: number): Promise<Submission> {
  return unwrap(
    api.POST("/api/v1/rounds/{round_id}/submissions/{ags}/{year}/approve", { params: path(target), body: { version } }),
    "POST approve",
  );
}

export type ReviewAction = { kind: "return" | "reopen"; body: ReturnBody } | { kind: "approve"; version: number };

function perform(target: Target, action: ReviewAction): Promise<Submission> {
  if (action.kind === "approve") return approveSubmission(target, action.version);
  return action.kind === "return" ? returnSubmission(target, action.body) : reopenSubmission(target, action.body);
}

/** Return, reopen or approve one city-year; refreshes the submission, its history and the cockpit. */
export function useReviewSubmission(target: Target) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: ReviewAction) => perform(target, action),
    onSuccess: (submission) => {
      queryClient.setQueryData(["moderation", target.roundId, "submission", target.ags, target.year], submission);
      return queryClient.invalidateQueries({ queryKey: ["moderation", target.roundId] });
    },
  });
}
