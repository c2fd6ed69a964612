import { describe, expect, it } from "vitest";

import type { Cockpit } from "./api/get-cockpit";
import type { SubmissionValue } from "./api/get-submission";
import {
  approvalItems,
  cockpitRows,
  DEFAULT_FILTER,
  filterAndSort,
  filterFromSearch,
  filterToSearch,
  nextSort,
  reminderRecipients,
  toggleAll,
  toggleSelection,
  type CockpitRow,
} from "./cockpit-rows";
import { editableSettings, transitionActions, transitionKind } from "./lifecycle";
import { deviationFromMedian, reviewFocus, toggleMark, valueReasons } from "./review-logic";
import { parseYears, validateRoundForm } from "./round-form-logic";

function row(ags: string, name: string, year: number, overrides: Partial<CockpitRow> = {}): CockpitRow {
  return {
    key: `${ags}|${year}`,
    ags,
    name,
    year,
    status: "submitted",
    version: 3,
    completeness: 1,
    findingsOpen: 0,
    changedSinceApproval: 0,
    fields: [],
    ...overrides,
  };
}

const ROWS: CockpitRow[] = [
  row("05315000", "Köln", 2021, { status: "draft", completeness: 0.4, version: 2 }),
  row("05315000", "Köln", 2020, { status: "approved", findingsOpen: 0 }),
  row("02000000", "Hamburg", 2021, { findingsOpen: 2, completeness: 0.9 }),
  row("06412000", "Frankfurt am Main", 2021, { status: "returned", findingsOpen: 1, completeness: 0.8 }),
  row("14713000", "Leipzig", 2021, { status: null, version: null, completeness: 0 }),
  row("16053000", "Jena", 2020, { findingsOpen: 5 }),
];

describe("cockpit rows", () => {
  it("flattens cities × years and leaves the answer untouched", () => {
    const cockpit: Cockpit = {
      round_id: 1,
      round_status: "review",
      years: [2020, 2021],
      fields: [],
      status_counts: {},
      cities: [
        {
          ags: "05315000",
          name: "Köln",
          years: [
            { year: 2020, status: "approved", version: 7, completeness: 1, findings_open: 0, changed_since_approval: 1, fields: [] },
            { year: 2021, status: "draft", version: 2, completeness: 0.5, findings_open: 3, changed_since_approval: 0, fields: [] },
          ],
        },
      ],
    };
    const before = JSON.stringify(cockpit);
    const rows = cockpitRows(cockpit);
    expect(rows.map((r) => r.key)).toEqual(["05315000|2020", "05315000|2021"]);
    expect(rows[1]).toMatchObject({ status: "draft", findingsOpen: 3, completeness: 0.5, version: 2 });
    expect(rows[0]?.changedSinceApproval).toBe(1);
    expect(JSON.stringify(cockpit)).toBe(before);
  });

  it("filters by state, with 'none' for a city-year without a submission", () => {
    expect(filterAndSort(ROWS, { ...DEFAULT_FILTER, status: "submitted" }).map((r) => r.name)).toEqual(["Hamburg", "Jena"]);
    expect(filterAndSort(ROWS, { ...DEFAULT_FILTER, status: "none" }).map((r) => r.name)).toEqual(["Leipzig"]);
  });

  it("filters by year and by a name or AGS prefix, case-insensitively", () => {
    expect(filterAndSort(ROWS, { ...DEFAULT_FILTER, year: 2020 }).map((r) => r.name)).toEqual(["Jena", "Köln"]);
    expect(filterAndSort(ROWS, { ...DEFAULT_FILTER, search: "KÖL" }).map((r) => r.key)).toEqual(["05315000|2020", "05315000|2021"]);
    expect(filterAndSort(ROWS, { ...DEFAULT_FILTER, search: "0641" }).map((r) => r.name)).toEqual(["Frankfurt am Main"]);
  });

  it("sorts by status in the order of work, ties by name then year, and flips the direction", () => {
    const byStatus = filterAndSort(ROWS, { ...DEFAULT_FILTER, sort: "status" });
    expect(byStatus.map((r) => r.status)).toEqual(["submitted", "submitted", "returned", "draft", null, "approved"]);
    expect(byStatus.slice(0, 2).map((r) => r.name)).toEqual(["Hamburg", "Jena"]);
    const byFindings = filterAndSort(ROWS, { ...DEFAULT_FILTER, sort: "findings", direction: "desc" });
    expect(byFindings.map((r) => r.findingsOpen)).toEqual([5, 2, 1, 0, 0, 0]);
  });

  it("sorts by an action field's completeness, a missing field last when ascending", () => {
    const rows = [
      row("1", "A", 2021, { fields: [{ field: "BIL", filled: 1, required: 4, completeness: 0.25, errors_open: 0, warnings_open: 0, warnings_explained: 0 }] }),
      row("2", "B", 2021, { fields: [{ field: "BIL", filled: 4, required: 4, completeness: 1, errors_open: 0, warnings_open: 0, warnings_explained: 0 }] }),
      row("3", "C", 2021),
    ];
    expect(filterAndSort(rows, { ...DEFAULT_FILTER, sort: "field:BIL" }).map((r) => r.name)).toEqual(["C", "A", "B"]);
  });

  it("does not reorder its input", () => {
    const copy = [...ROWS];
    filterAndSort(ROWS, { ...DEFAULT_FILTER, sort: "completeness" });
    expect(ROWS).toEqual(copy);
  });

  it("a click on the same column flips the direction, on another starts ascending", () => {
    expect(nextSort(DEFAULT_FILTER, "name")).toEqual({ sort: "name", direction: "desc" });
    expect(nextSort({ ...DEFAULT_FILTER, sort: "name", direction: "desc" }, "name")).toEqual({ sort: "name", direction: "asc" });
    expect(nextSort({ ...DEFAULT_FILTER, direction: "desc" }, "findings")).toEqual({ sort: "findings", direction: "asc" });
  });

  it("selects only submitted city-years and approves them at the versions shown", () => {
    let selection = new Set<string>();
    for (const r of ROWS) selection = toggleSelection(selection, r);
    expect([...selection].sort()).toEqual(["02000000|2021", "16053000|2020"]);
    selection = toggleSelection(selection, row("02000000", "Hamburg", 2021));
    expect([...selection]).toEqual(["16053000|2020"]);
    expect(approvalItems(new Set(["16053000|2020", "05315000|2021"]), ROWS)).toEqual([{ ags: "16053000", year: 2020, version: 3 }]);
  });

  it("'select all' takes every approvable visible row, and clears them when all are selected", () => {
    const all = toggleAll(new Set(), ROWS);
    expect([...all].sort()).toEqual(["02000000|2021", "16053000|2020"]);
    expect(toggleAll(all, ROWS).size).toBe(0);
    expect(toggleAll(new Set(["x|1"]), ROWS).has("x|1")).toBe(true);
  });

  it("reminds cities with a draft or a returned submission, once per city", () => {
    const recipients = reminderRecipients([...ROWS, row("05315000", "Köln", 2020, { status: "returned" })], null);
    expect(recipients).toEqual([
      { ags: "06412000", name: "Frankfurt am Main", years: [2021] },
      { ags: "05315000", name: "Köln", years: [2021, 2020] },
    ]);
    expect(reminderRecipients(ROWS, 2020)).toEqual([]);
  });

  it("round-trips the filter through the query string and drops what it cannot read", () => {
    const filter = { status: "returned" as const, year: 2021, search: "Köln", sort: "field:BIL" as const, direction: "desc" as const };
    expect(filterFromSearch(filterToSearch(filter))).toEqual(filter);
    expect(filterToSearch(DEFAULT_FILTER).toString()).toBe("");
    const junk = new URLSearchParams("status=deleted&jahr=1800&sortierung=drop%20table&richtung=up");
    expect(filterFromSearch(junk)).toEqual(DEFAULT_FILTER);
  });
});

describe("round lifecycle", () => {
  it("names every arrow of the lifecycle", () => {
    expect(transitionKind("preparation", "collection")).toBe("open");
    expect(transitionKind("review", "collection")).toBe("backToCollection");
    expect(transitionKind("collection", "review")).toBe("startReview");
    expect(transitionKind("evaluation", "review")).toBe("backToReview");
    expect(transitionKind("published", "review")).toBe("revise");
    expect(transitionKind("review", "evaluation")).toBe("startEvaluation");
    expect(transitionKind("evaluation", "published")).toBe("publish");
    expect(transitionKind("published", "closed")).toBe("close");
  });

  it("offers exactly the allowed next states, forward steps first, a revision not as forward", () => {
    expect(transitionActions("review", ["collection", "evaluation"])).toEqual([
      { to: "evaluation", kind: "startEvaluation", forward: true },
      { to: "collection", kind: "backToCollection", forward: false },
    ]);
    expect(transitionActions("published", ["closed", "review"]).map((a) => [a.kind, a.forward])).toEqual([
      ["close", true],
      ["revise", false],
    ]);
    expect(transitionActions("closed", [])).toEqual([]);
  });

  it("freezes the structure once data arrives and everything once published", () => {
    expect(editableSettings("collection")).toEqual({ structure: true, deadline: true, displayRule: true, participants: true });
    expect(editableSettings("review")).toEqual({ structure: false, deadline: true, displayRule: true, participants: true });
    expect(editableSettings("closed")).toEqual({ structure: false, deadline: false, displayRule: false, participants: false });
  });
});

describe("round form", () => {
  it("reads data years separated by commas, spaces or semicolons, sorted", () => {
    expect(parseYears("2021, 2020")).toEqual([2020, 2021]);
    expect(parseYears(" 2022;2023 2024 ")).toEqual([2022, 2023, 2024]);
  });

  it("refuses empty, duplicate, out-of-range, fractional and too many years", () => {
    for (const text of ["", "  ", "2020, 2020", "1989", "2101", "2020.5", "zwanzig", "2000 2001 2002 2003 2004 2005 2006 2007 2008 2009 2010"]) {
      expect(parseYears(text), text).toBeNull();
    }
  });

  it("names every field that is wrong, and none when all are right", () => {
    expect(validateRoundForm({ name: " x ", years: "20", catalogVersion: "2.0/evil", ringId: null })).toEqual({
      name: "form.errors.name",
      years: "form.errors.years",
      catalogVersion: "form.errors.catalogVersion",
      ring: "form.errors.ring",
    });
    expect(validateRoundForm({ name: "Runde 2022", years: "2022", catalogVersion: "2.0", ringId: 1 })).toEqual({});
  });
});

function reviewValue(overrides: Partial<SubmissionValue> = {}): SubmissionValue {
  return {
    base_figure: "G-EINB",
    name_de: "Einbürgerungen",
    name_en: "Naturalisations",
    field: "EINB",
    unit: "Personen",
    definition: "",
    value: 1400,
    status: "ok",
    comment: null,
    source_note: null,
    version: 1,
    updated_at: null,
    previous_value: 1000,
    review_state: "none",
    review_reason: null,
    editable: false,
    changed_since_approval: false,
    approved_value: null,
    ring_median: 1200,
    findings: [],
    ...overrides,
  };
}

describe("value review", () => {
  it("focuses on values with a finding, a change since approval or a return", () => {
    expect(reviewFocus(reviewValue())).toBe(false);
    expect(reviewFocus(reviewValue({ changed_since_approval: true }))).toBe(true);
    expect(reviewFocus(reviewValue({ review_state: "returned" }))).toBe(true);
  });

  it("marks and unmarks values without changing the old marks", () => {
    const none: Record<string, string> = {};
    const one = toggleMark(none, "G-EINB", true);
    expect(one).toEqual({ "G-EINB": "" });
    expect(none).toEqual({});
    expect(toggleMark({ "G-EINB": "zu hoch" }, "G-EINB", true)).toEqual({ "G-EINB": "zu hoch" });
    expect(toggleMark({ "G-EINB": "zu hoch", "G-BEV": "x" }, "G-EINB", false)).toEqual({ "G-BEV": "x" });
  });

  it("asks for a reason of at least three characters per returned value", () => {
    expect(valueReasons({ "G-EINB": "  Bitte prüfen ", "G-BEV": " ok " })).toEqual({
      items: [{ base_figure: "G-EINB", reason: "Bitte prüfen" }],
      missing: ["G-BEV"],
    });
  });

  it("measures the deviation from the ring's median in percent of its absolute value", () => {
    expect(deviationFromMedian(1400, 1200)).toBeCloseTo(16.667, 3);
    expect(deviationFromMedian(-3, -2)).toBe(-50);
    expect(deviationFromMedian(1400, null)).toBeNull();
    expect(deviationFromMedian(null, 1200)).toBeNull();
    expect(deviationFromMedian(5, 0)).toBeNull();
  });
});
