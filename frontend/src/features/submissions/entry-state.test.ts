import { describe, expect, it } from "vitest";

import type { Submission, SubmissionValue } from "./api/get-submission";
import {
  edit,
  initialState,
  keepYours,
  openItems,
  parseErrors,
  pendingChanges,
  readOnlyReason,
  refreshed,
  saveConflicted,
  saveRejected,
  saveState,
  saveSucceeded,
  shownDraft,
  staleValues,
  startSave,
  takeTheirs,
} from "./entry-state";

function value(code: string, overrides: Partial<SubmissionValue> = {}): SubmissionValue {
  return {
    base_figure: code,
    name_de: `Name ${code}`,
    name_en: `Name ${code}`,
    field: "BIL",
    unit: "Personen",
    definition: "",
    value: 1000,
    status: "ok",
    comment: null,
    source_note: null,
    version: 1,
    updated_at: null,
    previous_value: 900,
    review_state: "none",
    review_reason: null,
    editable: true,
    changed_since_approval: false,
    approved_value: null,
    ring_median: null,
    findings: [],
    ...overrides,
  };
}

function submission(values: SubmissionValue[], overrides: Partial<Submission> = {}): Submission {
  return {
    round_id: 1,
    ags: "05315000",
    municipality: "Köln",
    year: 2021,
    status: "draft",
    version: 4,
    round_status: "collection",
    submitted_at: null,
    approved_at: null,
    return_reason: null,
    synthetic_data: true,
    editable: true,
    allowed_actions: ["edit", "submit"],
    findings_summary: {},
    findings: [],
    values,
    ...overrides,
  };
}

const A = value("G-A");
const B = value("G-B", { value: 25.5 });

describe("drafts", () => {
  it("shows the server's value in German form until edited", () => {
    const state = initialState(submission([A, B]));
    expect(shownDraft(state, A).text).toBe("1.000");
    expect(shownDraft(state, B).text).toBe("25,5");
    expect(saveState(state)).toBe("saved");
  });

  it("keeps a draft only while it differs from the server (1.000 and 1000 are equal)", () => {
    let state = edit(initialState(submission([A])), A, { text: "1.200" });
    expect(state.drafts).toHaveProperty("G-A");
    expect(saveState(state)).toBe("unsaved");
    state = edit(state, A, { text: "1000" });
    expect(state.drafts).toEqual({});
    expect(saveState(state)).toBe("saved");
  });

  it("sends only drafts that parse, and names those that do not", () => {
    let state = initialState(submission([A, B]));
    state = edit(state, A, { text: "1.234,5", comment: " geprüft " });
    state = edit(state, B, { text: "1.23" });
    expect(parseErrors(state)).toEqual({ "G-B": "ambiguous" });
    const { changes } = pendingChanges(state);
    expect(changes).toEqual([{ base_figure: "G-A", value: 1234.5, status: "ok", comment: "geprüft" }]);
  });

  it("an emptied value is sent as null", () => {
    const state = edit(initialState(submission([A])), A, { text: "", status: "not_collectable" });
    expect(pendingChanges(state).changes).toEqual([{ base_figure: "G-A", value: null, status: "not_collectable", comment: "" }]);
  });
});

describe("saving", () => {
  it("a success drops the drafts that were sent, and keeps what was typed meanwhile", () => {
    let state = edit(initialState(submission([A, B])), A, { text: "2.000" });
    const { sent } = pendingChanges(state);
    state = startSave(state, sent);
    expect(saveState(state)).toBe("saving");
    state = edit(state, B, { text: "30" }); // typed while the request runs
    const answer = submission([value("G-A", { value: 2000 }), B], { version: 5 });
    state = saveSucceeded(state, answer, new Date(0));
    expect(state.submission.version).toBe(5);
    expect(Object.keys(state.drafts)).toEqual(["G-B"]);
    expect(saveState(state)).toBe("unsaved");
  });

  it("a value edited again during the save stays a draft", () => {
    let state = edit(initialState(submission([A])), A, { text: "2.000" });
    state = startSave(state, pendingChanges(state).sent);
    state = edit(state, A, { text: "2.500" });
    state = saveSucceeded(state, submission([value("G-A", { value: 2000 })], { version: 5 }), new Date(0));
    expect(state.drafts["G-A"]?.text).toBe("2.500");
  });

  it("a 422 marks the values it names by their index in the batch and holds them back", () => {
    let state = initialState(submission([A, B]));
    state = edit(state, A, { text: "5" });
    state = edit(state, B, { text: "-3" });
    state = startSave(state, pendingChanges(state).sent);
    state = saveRejected(state, [{ loc: ["body", "values", 1, "value"], msg: "must not be negative" }], "1 Wert ungültig");
    expect(state.rejected).toEqual({ "G-B": "must not be negative" });
    expect(state.failure).toBeNull();
    expect(pendingChanges(state).changes.map((c) => c.base_figure)).toEqual(["G-A"]);
    state = edit(state, B, { text: "3" });
    expect(state.rejected).toEqual({});
  });
});

describe("conflicts", () => {
  const stale = [
    { loc: ["values", "G-A"], msg: "changed by someone else", type: "stale" },
    { loc: ["body", "version"], msg: "you read version 4", type: "stale" },
  ];

  it("reads the values a 409 names", () => {
    expect(staleValues(stale)).toEqual(["G-A"]);
  });

  it("the same value edited on both sides is a conflict the user decides", () => {
    let state = edit(initialState(submission([A, B])), A, { text: "1.111" });
    state = edit(state, B, { text: "26" });
    state = startSave(state, pendingChanges(state).sent);
    const fresh = submission([value("G-A", { value: 1500 }), B], { version: 6 });
    state = saveConflicted(state, ["G-A"], fresh);
    expect(state.conflict).toEqual({ theirs: ["G-A"], overlapping: ["G-A"] });
    expect(state.submission.version).toBe(6);
    expect(saveState(state)).toBe("conflict");

    const theirs = takeTheirs(state);
    expect(theirs.conflict).toBeNull();
    expect(shownDraft(theirs, value("G-A", { value: 1500 })).text).toBe("1.500");
    expect(Object.keys(theirs.drafts)).toEqual(["G-B"]);

    const yours = keepYours(state);
    expect(yours.conflict).toBeNull();
    expect(pendingChanges(yours).changes.map((c) => [c.base_figure, c.value])).toEqual([
      ["G-A", 1111],
      ["G-B", 26],
    ]);
  });

  it("a value only they changed is no conflict: the form moves to the new version", () => {
    let state = edit(initialState(submission([A, B])), B, { text: "26" });
    state = startSave(state, pendingChanges(state).sent);
    state = saveConflicted(state, ["G-A"], submission([value("G-A", { value: 1500 }), B], { version: 6 }));
    expect(state.conflict).toBeNull();
    expect(state.submission.version).toBe(6);
    expect(Object.keys(state.drafts)).toEqual(["G-B"]);
  });

  it("a draft equal to what they saved is no conflict either", () => {
    let state = edit(initialState(submission([A])), A, { text: "1.500" });
    state = saveConflicted(state, ["G-A"], submission([value("G-A", { value: 1500 })], { version: 6 }));
    expect(state.conflict).toBeNull();
    expect(state.drafts).toEqual({});
  });
});

describe("what is open before submitting", () => {
  const warning = {
    id: 1, rule: "change", severity: "warning" as const, state: "open" as const, base_figure: "G-A",
    indicator: null, field: "BIL", message_de: "gestiegen", message_en: "rose", numbers: {},
  };

  it("lists errors, unexplained warnings, unsaved and unreadable input", () => {
    const error = { ...warning, id: 2, rule: "required", severity: "error" as const, base_figure: "G-B", message_de: "kein Wert" };
    const first = value("G-A", { findings: [warning] });
    const second = value("G-B", { value: null, findings: [error] });
    let state = initialState(submission([first, second], { findings: [warning, error] }));
    expect(openItems(state, "de").map((i) => [i.code, i.kind])).toEqual([
      ["G-A", "warning"],
      ["G-B", "error"],
    ]);
    state = edit(state, first, { comment: "Neue Unterkunft" });
    expect(openItems(state, "de").map((i) => [i.code, i.kind])).toEqual([
      ["G-A", "unsaved"],
      ["G-B", "error"],
    ]);
    state = edit(state, second, { text: "abc" });
    expect(openItems(state, "de").map((i) => i.kind)).toContain("invalid");
  });

  it("a warning on no value blocks until it goes away", () => {
    const general = { ...warning, base_figure: null, indicator: "REC-04" };
    const state = initialState(submission([A], { findings: [general] }));
    expect(openItems(state, "en")).toEqual([{ code: "REC-04", kind: "warning", message: "rose" }]);
  });

  it("after a fresh read drafts on locked values are dropped", () => {
    let state = edit(initialState(submission([A])), A, { text: "5" });
    state = refreshed(state, submission([value("G-A", { editable: false })], { status: "submitted", editable: false }));
    expect(state.drafts).toEqual({});
    expect(readOnlyReason(state.submission)).toBe("submitted");
    expect(readOnlyReason(submission([], { editable: false, round_status: "evaluation" }))).toBe("round");
  });
});
