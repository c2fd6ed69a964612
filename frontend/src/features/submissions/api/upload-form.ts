import { useMutation, useQueries, useQueryClient, type QueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/api/client";
import { valueChanges, type DryRunReport, type ImportResult } from "../excel-report";

type Submission = Schemas["SubmissionRead"];

/** `GET …/submissions/{ags}/{year}`: one city-year as it stands (status, whether it may change, values). */
export function readSubmission(roundId: number, ags: string, year: number, signal?: AbortSignal): Promise<Submission> {
  return unwrap(
    api.GET("/api/v1/rounds/{round_id}/submissions/{ags}/{year}", {
      params: { path: { round_id: roundId, ags, year } },
      signal: signal ?? null,
    }),
    "GET submission",
  );
}

/**
 * `POST …/forms/{ags}?dry_run=…` with the file as the multipart field `file`. A dry run checks
 * everything and lists every problem with its `sheet!cell`, writing nothing; a real import is all
 * or nothing (422 naming every cell). 413: too large; 415: not an xlsx.
 */
export function uploadForm(roundId: number, ags: string, file: Blob, dryRun: boolean): Promise<ImportResult> {
  return unwrap(
    api.POST("/api/v1/rounds/{round_id}/forms/{ags}", {
      params: { path: { round_id: roundId, ags }, query: { dry_run: dryRun } },
      // The generated type says `string` (OpenAPI's binary); the request carries the file itself.
      body: { file: file as unknown as string },
      bodySerializer: (body) => {
        const data = new FormData();
        data.append("file", body.file as unknown as Blob, file instanceof File ? file.name : "erhebungsbogen.xlsx");
        return data;
      },
    }),
    dryRun ? "POST form (dry run)" : "POST form",
  );
}

/** The submissions of the city-years of the page, under the `["submissions", …]` keys. */
export function excelSubmissionKey(roundId: number, ags: string, year: number) {
  return ["submissions", roundId, ags, year, "excel"] as const;
}

/** The submissions as they are now, read afresh (and kept in the page's cache). */
function currentSubmissions(queryClient: QueryClient, roundId: number, ags: string, years: number[]) {
  return Promise.all(
    years.map(async (year) => {
      const submission = await readSubmission(roundId, ags, year);
      queryClient.setQueryData(excelSubmissionKey(roundId, ags, year), submission);
      return submission;
    }),
  );
}

/**
 * The dry run of a chosen file. The file is read into memory first, so that the import later
 * sends exactly the bytes that were checked (even if the file on disk changes meanwhile); the
 * submissions as they are now are read right after, to say which values would change.
 */
export function useDryRun(roundId: number, ags: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (chosen: File): Promise<DryRunReport> => {
      const file = new File([await chosen.arrayBuffer()], chosen.name, { type: chosen.type });
      const result = await uploadForm(roundId, ags, file, true);
      const before = await currentSubmissions(
        queryClient,
        roundId,
        ags,
        result.submissions.map((submission) => submission.year),
      );
      return { file, result, years: valueChanges(before, result.submissions) };
    },
  });
}

/** The import of a file whose dry run was clean; afterwards every submission query is stale. */
export function useImportForm(roundId: number, ags: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (report: DryRunReport) => uploadForm(roundId, ags, report.file, false),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ["submissions"] }),
        queryClient.invalidateQueries({ queryKey: ["tasks"] }),
      ]),
  });
}

/** The city's submissions of the round's data years (status, whether they may change, the city's name). */
export function useFormSubmissions(roundId: number, ags: string, years: readonly number[]) {
  return useQueries({
    queries: years.map((year) => ({
      queryKey: excelSubmissionKey(roundId, ags, year),
      queryFn: ({ signal }: { signal: AbortSignal }) => readSubmission(roundId, ags, year, signal),
      staleTime: 10_000,
    })),
  });
}
