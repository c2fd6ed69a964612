/**
 * The logic of the Excel page, without React: check a chosen file before it is sent, read the
 * dry-run report cell by cell (`Bildung!F14` → sheet `Bildung`, cell `F14`), group it by sheet,
 * work out which values an import would change per data year, and decide when the import may run.
 */
import { ApiError, NetworkError } from "@/api/errors";
import type { Schemas } from "@/api/client";

export type ImportResult = Schemas["ImportResult"];
export type ImportProblem = Schemas["ImportProblem"];
type Submission = Schemas["SubmissionRead"];
type SubmissionValue = Schemas["SubmissionValueRead"];
type ValueStatus = Schemas["ValueStatus"];

/**
 * The largest file the page sends. The server refuses a request body over 10 MB (10.000.000 bytes,
 * `VR_MAX_UPLOAD_BYTES`, checked before the 10 MiB of `forms.UPLOAD_MAX_BYTES`); the multipart
 * framing around the file takes a few hundred bytes of that, so the page keeps 10 kB in hand.
 * A form of the platform is well under 1 MB.
 */
export const FORM_MAX_BYTES = 10_000_000 - 10_000;
export const FORM_MAX_MEGABYTES = 10;
export const XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export type FileProblem = "empty" | "tooLarge" | "notXlsx";

/** What is wrong with a chosen file before it is sent, or `null`. */
export function checkFile(file: { name: string; size: number }): FileProblem | null {
  if (!/\.xlsx$/i.test(file.name)) return "notXlsx";
  if (file.size === 0) return "empty";
  if (file.size > FORM_MAX_BYTES) return "tooLarge";
  return null;
}

/** One row of the report: where (sheet and cell, as Excel names them) and what is wrong. */
export interface CellProblem {
  /** The sheet, e.g. `Bildung`; empty when the problem concerns the whole file. */
  sheet: string;
  /** The cell, e.g. `F14`; empty when the problem concerns no cell. */
  cell: string;
  message: string;
}

/**
 * `Bildung!F14` → `{ sheet: "Bildung", cell: "F14" }`. A sheet's name may itself hold a `!`, a
 * cell's never, so the split is at the last one; a quoted name (`'Soziales'!B7`) loses its quotes.
 * Without a `!` the whole text is the place (e.g. a part of the file).
 */
export function splitLoc(loc: string): { sheet: string; cell: string } {
  const at = loc.lastIndexOf("!");
  if (at === -1) return { sheet: "", cell: loc };
  let sheet = loc.slice(0, at);
  if (sheet.length >= 2 && sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replaceAll("''", "'");
  return { sheet, cell: loc.slice(at + 1) };
}

/** The message without the place it begins with (`Bildung!F14: „abc“ ist keine Zahl` → `„abc“ ist keine Zahl`). */
export function problemMessage(loc: string, msg: string): string {
  const prefix = `${loc}: `;
  return loc && msg.startsWith(prefix) ? msg.slice(prefix.length) : msg;
}

export function toCellProblem(problem: ImportProblem): CellProblem {
  return { ...splitLoc(problem.loc), message: problemMessage(problem.loc, problem.msg) };
}

export function cellProblems(problems: readonly ImportProblem[]): CellProblem[] {
  return problems.map(toCellProblem);
}

/**
 * The cells a refused import names (422: the `errors` whose place is a `sheet!cell`), as report
 * rows; `null` when the error is of another kind (then its sentence is shown instead).
 */
export function problemsOfError(error: unknown): CellProblem[] | null {
  if (!(error instanceof ApiError) || error.status !== 422) return null;
  const rows = (error.body?.errors ?? []).flatMap((item) => {
    const loc = item.loc?.[0];
    return typeof loc === "string" && loc.includes("!") ? [toCellProblem({ loc, msg: item.msg })] : [];
  });
  return rows.length > 0 ? rows : null;
}

export interface SheetProblems {
  sheet: string;
  problems: CellProblem[];
}

/** The problems per sheet, sheets in the order they first appear, cells in the order given. */
export function groupBySheet(problems: readonly CellProblem[]): SheetProblems[] {
  const groups = new Map<string, CellProblem[]>();
  for (const problem of problems) {
    const group = groups.get(problem.sheet);
    if (group) group.push(problem);
    else groups.set(problem.sheet, [problem]);
  }
  return [...groups].map(([sheet, rows]) => ({ sheet, problems: rows }));
}

/** A value as it is and as the import would leave it. */
export interface ValueState {
  value: number | null;
  status: ValueStatus | null;
  comment: string | null;
}

export interface ValueDiff {
  baseFigure: string;
  nameDe: string;
  nameEn: string;
  field: string;
  unit: string;
  before: ValueState;
  after: ValueState;
}

export interface YearDiff {
  year: number;
  /** The submission's status now, e.g. `draft`. */
  status: Submission["status"];
  changes: ValueDiff[];
}

const stateOf = (value: SubmissionValue | undefined): ValueState => ({
  value: value?.value ?? null,
  status: value?.status ?? null,
  comment: value?.comment ?? null,
});

const sameState = (a: ValueState, b: ValueState) => a.value === b.value && a.status === b.status && a.comment === b.comment;

/**
 * Per data year, the values whose number, status or comment the import would change: the
 * submissions as they are (`before`) against those the dry run answered (`after`), years in the
 * order of the dry run, values in the order of the form.
 */
export function valueChanges(before: readonly Submission[], after: readonly Submission[]): YearDiff[] {
  const current = new Map(before.map((submission) => [submission.year, submission]));
  return after.map((planned) => {
    const now = current.get(planned.year);
    const values = new Map(now?.values.map((value) => [value.base_figure, value]) ?? []);
    const changes = planned.values.flatMap((value): ValueDiff[] => {
      const was = stateOf(values.get(value.base_figure));
      const will = stateOf(value);
      if (sameState(was, will)) return [];
      return [
        {
          baseFigure: value.base_figure,
          nameDe: value.name_de,
          nameEn: value.name_en,
          field: value.field,
          unit: value.unit,
          before: was,
          after: will,
        },
      ];
    });
    return { year: planned.year, status: now?.status ?? planned.status, changes };
  });
}

/** A dry run of one file: its answer and what it would change. */
export interface DryRunReport {
  /** The file exactly as it was checked; the import sends these bytes and no others. */
  file: File;
  result: ImportResult;
  years: YearDiff[];
}

/**
 * The import may run only after a dry run of this very file (the report keeps its bytes) that
 * found no problem and would change at least one value, and not while a request is under way.
 */
export function canImport(report: DryRunReport | null, busy: boolean): report is DryRunReport {
  return report !== null && !busy && report.result.dry_run && report.result.problems.length === 0 && report.result.changed_values > 0;
}

/** Why the import button is off, as a key of `excel.import.blocked`, or `null` when it is on. */
export function blockedReason(
  report: DryRunReport | null,
  after: { imported: boolean; failed: boolean },
): "noDryRun" | "problems" | "nothing" | "done" | "failed" | null {
  if (report === null) return "noDryRun";
  if (after.imported) return "done";
  if (after.failed) return "failed";
  if (report.result.problems.length > 0) return "problems";
  if (report.result.changed_values === 0) return "nothing";
  return null;
}

const EXPLAINED = [401, 403, 404, 409, 413, 415, 422, 429] as const;
type Explained = (typeof EXPLAINED)[number];

/** Which sentence of `excel.error.status` explains an error (by its HTTP status), if any. */
export function explainedStatus(error: unknown): Explained | "server" | "network" | "unknown" {
  if (error instanceof NetworkError) return "network";
  if (!(error instanceof ApiError)) return "unknown";
  if ((EXPLAINED as readonly number[]).includes(error.status)) return error.status as Explained;
  return error.status >= 500 ? "server" : "unknown";
}

/**
 * The server's own sentence for a failed request (German, naming e.g. the values changed in
 * between); empty without an error body. The cells it names go to the problems table, and its
 * `errors` items are technical English, so they are not repeated here.
 */
export function serverDetail(error: unknown): string {
  return error instanceof ApiError && error.body ? error.body.detail : "";
}
