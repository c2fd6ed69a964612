import { describe, expect, it } from "vitest";

import type { Schemas } from "@/api/client";
import { ApiError, NetworkError } from "@/api/errors";
import {
  FORM_MAX_BYTES,
  blockedReason,
  canImport,
  cellProblems,
  checkFile,
  explainedStatus,
  groupBySheet,
  problemMessage,
  problemsOfError,
  serverDetail,
  splitLoc,
  valueChanges,
  type DryRunReport,
  type ImportResult,
} from "./excel-report";

type Submission = Schemas["SubmissionRead"];
type Value = Schemas["SubmissionValueRead"];

function value(code: string, fields: Partial<Value> = {}): Value {
  return {
    base_figure: code,
    name_de: `Name ${code}`,
    name_en: `Name ${code} (en)`,
    field: "BIL",
    unit: "Anzahl",
    definition: "",
    value: null,
    status: null,
    comment: null,
    source_note: null,
    version: 0,
    updated_at: null,
    previous_value: null,
    review_state: "none",
    review_reason: null,
    editable: true,
    changed_since_approval: false,
    approved_value: null,
    ring_median: null,
    findings: [],
    ...fields,
  };
}

function submission(year: number, values: Value[], status: Submission["status"] = "draft"): Submission {
  return {
    round_id: 1,
    ags: "05315000",
    municipality: "Köln",
    year,
    status,
    version: 3,
    round_status: "collection",
    submitted_at: null,
    approved_at: null,
    return_reason: null,
    synthetic_data: true,
    editable: status === "draft",
    allowed_actions: [],
    findings_summary: {},
    findings: [],
    values,
  };
}

function report(result: Partial<ImportResult>): DryRunReport {
  return {
    file: new File(["x"], "bogen.xlsx"),
    result: { dry_run: true, changed_values: 2, problems: [], submissions: [], ...result },
    years: [],
  };
}

describe("checkFile", () => {
  it("takes an .xlsx up to the limit", () => {
    expect(checkFile({ name: "erhebungsbogen_1_05315000.xlsx", size: 40_000 })).toBeNull();
    expect(checkFile({ name: "BOGEN.XLSX", size: FORM_MAX_BYTES })).toBeNull();
  });
  it("refuses other files, empty ones and those over the server's limit", () => {
    expect(checkFile({ name: "bogen.xls", size: 100 })).toBe("notXlsx");
    expect(checkFile({ name: "bogen.csv", size: 100 })).toBe("notXlsx");
    expect(checkFile({ name: "bogen.xlsx", size: 0 })).toBe("empty");
    expect(checkFile({ name: "bogen.xlsx", size: FORM_MAX_BYTES + 1 })).toBe("tooLarge");
    expect(FORM_MAX_BYTES).toBeLessThan(10_000_000);
  });
});

describe("splitLoc", () => {
  it("splits sheet and cell at the last !", () => {
    expect(splitLoc("Bildung!F14")).toEqual({ sheet: "Bildung", cell: "F14" });
    expect(splitLoc("Achtung!Wichtig!B7")).toEqual({ sheet: "Achtung!Wichtig", cell: "B7" });
    expect(splitLoc("'Arbeit und Soziales'!C5")).toEqual({ sheet: "Arbeit und Soziales", cell: "C5" });
  });
  it("keeps a place without a sheet as it is", () => {
    expect(splitLoc("file")).toEqual({ sheet: "", cell: "file" });
    expect(splitLoc("")).toEqual({ sheet: "", cell: "" });
  });
});

describe("problems", () => {
  it("drops the place a message starts with", () => {
    expect(problemMessage("Bildung!F14", "Bildung!F14: „abc“ ist keine Zahl")).toBe("„abc“ ist keine Zahl");
    expect(problemMessage("Bildung!F14", "Anzahlen sind ganzzahlig")).toBe("Anzahlen sind ganzzahlig");
  });
  it("turns the report into rows and groups them by sheet in order of appearance", () => {
    const rows = cellProblems([
      { loc: "Soziales!F7", msg: "Soziales!F7: „x“ ist keine Zahl" },
      { loc: "Bildung!F5", msg: "Bildung!F5: erlaubt sind 1 (ja) und 0 (nein)" },
      { loc: "Soziales!G9", msg: "Soziales!G9: unbekannter Status „ok?“" },
    ]);
    expect(rows[0]).toEqual({ sheet: "Soziales", cell: "F7", message: "„x“ ist keine Zahl" });
    const groups = groupBySheet(rows);
    expect(groups.map((group) => [group.sheet, group.problems.map((p) => p.cell)])).toEqual([
      ["Soziales", ["F7", "G9"]],
      ["Bildung", ["F5"]],
    ]);
    expect(groupBySheet([])).toEqual([]);
  });
  it("reads the cells of a refused import (422) and nothing else", () => {
    const refused = new ApiError(422, {
      error: "validation_failed",
      detail: "2 Problem(e) in der Datei; nichts wurde importiert.",
      errors: [
        { loc: ["Bildung!F14", "value"], msg: "Anzahlen sind ganzzahlig" },
        { loc: ["body", "version"], msg: "stale" },
        { loc: ["Soziales!F6"], msg: "Soziales!F6: „abc“ ist keine Zahl" },
      ],
    });
    expect(problemsOfError(refused)).toEqual([
      { sheet: "Bildung", cell: "F14", message: "Anzahlen sind ganzzahlig" },
      { sheet: "Soziales", cell: "F6", message: "„abc“ ist keine Zahl" },
    ]);
    const otherCity = new ApiError(422, {
      error: "validation_failed",
      detail: "Dieser Erhebungsbogen gehört nicht zu dieser Stadt und Runde",
      errors: [{ loc: ["file", "_Formular", "ags"], msg: "form of another city" }],
    });
    expect(problemsOfError(otherCity)).toBeNull();
    expect(problemsOfError(new ApiError(409, null))).toBeNull();
    expect(serverDetail(refused)).toBe("2 Problem(e) in der Datei; nichts wurde importiert.");
    expect(serverDetail(otherCity)).toBe("Dieser Erhebungsbogen gehört nicht zu dieser Stadt und Runde");
    expect(serverDetail(new NetworkError("x"))).toBe("");
  });
  it("names the error kind the page explains", () => {
    expect(explainedStatus(new ApiError(413, null))).toBe(413);
    expect(explainedStatus(new ApiError(415, null))).toBe(415);
    expect(explainedStatus(new ApiError(503, null))).toBe("server");
    expect(explainedStatus(new ApiError(400, null))).toBe("unknown");
    expect(explainedStatus(new NetworkError("offline"))).toBe("network");
    expect(explainedStatus(new Error("?"))).toBe("unknown");
  });
});

describe("valueChanges", () => {
  it("lists per year the values whose number, status or comment would change", () => {
    const before = [
      submission(2020, [value("B-1", { value: 5, status: "ok" })], "approved"),
      submission(2021, [value("B-1", { value: 10, status: "ok" }), value("B-2"), value("B-3", { value: 1, status: "ok" })]),
    ];
    const after = [
      submission(2020, [value("B-1", { value: 5, status: "ok" })], "approved"),
      submission(2021, [
        value("B-1", { value: 12, status: "ok" }),
        value("B-2", { value: null, status: "not_collectable", comment: "nicht erhoben" }),
        value("B-3", { value: 1, status: "ok" }),
      ]),
    ];
    const years = valueChanges(before, after);
    expect(years.map((year) => [year.year, year.status, year.changes.map((c) => c.baseFigure)])).toEqual([
      [2020, "approved", []],
      [2021, "draft", ["B-1", "B-2"]],
    ]);
    expect(years[1]?.changes[0]).toMatchObject({ before: { value: 10, status: "ok" }, after: { value: 12, status: "ok" } });
    expect(years[1]?.changes[1]).toMatchObject({
      before: { value: null, status: null, comment: null },
      after: { value: null, status: "not_collectable", comment: "nicht erhoben" },
    });
  });
});

describe("canImport", () => {
  it("only after a clean dry run that changes something, and not while busy", () => {
    expect(canImport(null, false)).toBe(false);
    expect(canImport(report({}), false)).toBe(true);
    expect(canImport(report({}), true)).toBe(false);
    expect(canImport(report({ problems: [{ loc: "Bildung!F14", msg: "x" }] }), false)).toBe(false);
    expect(canImport(report({ changed_values: 0 }), false)).toBe(false);
    expect(canImport(report({ dry_run: false }), false)).toBe(false);
  });
  it("says why the button is off", () => {
    const none = { imported: false, failed: false };
    expect(blockedReason(null, none)).toBe("noDryRun");
    expect(blockedReason(report({}), none)).toBeNull();
    expect(blockedReason(report({ problems: [{ loc: "A!B1", msg: "x" }] }), none)).toBe("problems");
    expect(blockedReason(report({ changed_values: 0 }), none)).toBe("nothing");
    expect(blockedReason(report({}), { imported: true, failed: false })).toBe("done");
    expect(blockedReason(report({}), { imported: false, failed: true })).toBe("failed");
  });
});
