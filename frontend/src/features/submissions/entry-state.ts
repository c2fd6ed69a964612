/**
 * The state of the entry form of one city-year, as pure functions (the hook `useEntryForm` drives
 * them; the tests call them directly).
 *
 * The server's last answer is the truth; the user's edits are drafts on top of it, kept per base
 * figure only while they differ from it. Autosave sends every draft that parses in one PATCH with
 * the submission version last read. A 409 (someone else saved in between) names the values they
 * changed: drafts on other values are simply sent again on the new version, drafts on the same
 * values are a conflict the user resolves — take theirs (drop the drafts) or keep yours (send them
 * on the new version).
 */
import type { ApiErrorItem } from "@/api/errors";
import { formatGermanInput, parseGermanNumber, type ParseError } from "@/lib/number-input";
import type { Submission, SubmissionValue, ValueChange, ValueStatus } from "./api/get-submission";

/** What the user has typed for one base figure: the value as text, its status and comment. */
export interface Draft {
  text: string;
  status: ValueStatus | null;
  comment: string;
}

export interface Conflict {
  /** Values someone else changed since the version this form read. */
  theirs: string[];
  /** Of these, the ones this form has unsaved edits of: the user decides. */
  overlapping: string[];
}

export interface EntryState {
  submission: Submission;
  /** Unsaved edits, only of values where they differ from the server's. */
  drafts: Record<string, Draft>;
  /** The edits on their way to the server (null: no request running). */
  inFlight: Record<string, Draft> | null;
  /** The server refused these values (422), with its sentence. */
  rejected: Record<string, string>;
  conflict: Conflict | null;
  /** A failed save that is not about single values (network, state, permission). */
  failure: string | null;
  savedAt: Date | null;
}

export type SaveState = "saved" | "saving" | "unsaved" | "conflict";

export function initialState(submission: Submission): EntryState {
  return { submission, drafts: {}, inFlight: null, rejected: {}, conflict: null, failure: null, savedAt: null };
}

export function serverDraft(value: SubmissionValue): Draft {
  return { text: formatGermanInput(value.value), status: value.status ?? null, comment: value.comment ?? "" };
}

function sameDraft(a: Draft, b: Draft): boolean {
  return normaliseText(a.text) === normaliseText(b.text) && a.status === b.status && a.comment.trim() === b.comment.trim();
}

/** Two texts meaning the same number are the same draft (`1234` and `1.234`). */
function normaliseText(text: string): string {
  const parsed = parseGermanNumber(text);
  return parsed.ok ? String(parsed.value) : `!${text.trim()}`;
}

/** A copy of `record` without the given keys. */
function without<T>(record: Record<string, T>, keys: Iterable<string>): Record<string, T> {
  const drop = new Set(keys);
  return Object.fromEntries(Object.entries(record).filter(([key]) => !drop.has(key)));
}

/** `id` of the value input of a base figure, so that the summary can link to it. */
export function inputId(formId: string, code: string): string {
  return `${formId}-value-${code}`;
}

/** Why the form is read-only: under review, approved, the round closed for entry, or no right to edit. */
export function readOnlyReason(submission: Submission): "submitted" | "approved" | "round" | "noRight" {
  if (submission.status === "submitted" || submission.status === "approved") return submission.status;
  if (submission.round_status !== "collection" && submission.round_status !== "review") return "round";
  return "noRight";
}

export function valueByCode(submission: Submission): Map<string, SubmissionValue> {
  return new Map(submission.values.map((value) => [value.base_figure, value]));
}

/** What the form shows for a base figure: the draft, else the server's value. */
export function shownDraft(state: EntryState, value: SubmissionValue): Draft {
  return state.drafts[value.base_figure] ?? serverDraft(value);
}

/** Apply one edit; a draft equal to the server's value is dropped. */
export function edit(state: EntryState, value: SubmissionValue, change: Partial<Draft>): EntryState {
  const code = value.base_figure;
  const next = { ...shownDraft(state, value), ...change };
  const drafts = sameDraft(next, serverDraft(value)) ? without(state.drafts, [code]) : { ...state.drafts, [code]: next };
  return { ...state, drafts, rejected: without(state.rejected, [code]) };
}

/** Values whose text does not parse as a German number, with the reason. */
export function parseErrors(state: EntryState): Record<string, ParseError> {
  const errors: Record<string, ParseError> = {};
  for (const [code, draft] of Object.entries(state.drafts)) {
    const parsed = parseGermanNumber(draft.text);
    if (!parsed.ok) errors[code] = parsed.error;
  }
  return errors;
}

/** The drafts that can be sent now (they parse), as the PATCH wants them. */
export function pendingChanges(state: EntryState): { changes: ValueChange[]; sent: Record<string, Draft> } {
  const changes: ValueChange[] = [];
  const sent: Record<string, Draft> = {};
  for (const [code, draft] of Object.entries(state.drafts)) {
    if (code in state.rejected) continue; // refused as it stands: wait for the next edit
    const parsed = parseGermanNumber(draft.text);
    if (!parsed.ok) continue;
    changes.push({ base_figure: code, value: parsed.value, status: draft.status, comment: draft.comment.trim() });
    sent[code] = draft;
  }
  return { changes, sent };
}

export function canAutosave(state: EntryState): boolean {
  return state.inFlight === null && state.conflict === null && state.failure === null && pendingChanges(state).changes.length > 0;
}

export function startSave(state: EntryState, sent: Record<string, Draft>): EntryState {
  return { ...state, inFlight: sent };
}

/** The server's answer to a save: drafts that were sent and not edited since are done. */
export function saveSucceeded(state: EntryState, submission: Submission, now: Date): EntryState {
  const sent = state.inFlight ?? {};
  const byCode = valueByCode(submission);
  const drafts: Record<string, Draft> = {};
  for (const [code, draft] of Object.entries(state.drafts)) {
    const server = byCode.get(code);
    const unchangedSince = sent[code] !== undefined && sameDraft(sent[code], draft);
    if (unchangedSince || (server && sameDraft(draft, serverDraft(server)))) continue;
    drafts[code] = draft;
  }
  return { ...state, submission, drafts, inFlight: null, rejected: {}, conflict: null, failure: null, savedAt: now };
}

/** The code a 422 error item is about: `["body", "values", i, …]` points into the batch sent. */
export function rejectedValues(items: ApiErrorItem[], sentCodes: string[]): Record<string, string> {
  const rejected: Record<string, string> = {};
  for (const item of items) {
    const loc = item.loc ?? [];
    const at = loc.indexOf("values");
    const index = at >= 0 ? loc[at + 1] : undefined;
    const code = typeof index === "number" ? sentCodes[index] : typeof index === "string" ? index : undefined;
    if (code && !(code in rejected)) rejected[code] = item.msg;
  }
  return rejected;
}

/** 422: nothing of the batch was written; the named values wait for a new edit. */
export function saveRejected(state: EntryState, items: ApiErrorItem[], message: string): EntryState {
  const sentCodes = Object.keys(state.inFlight ?? {});
  const rejected = rejectedValues(items, sentCodes);
  return {
    ...state,
    inFlight: null,
    rejected: { ...state.rejected, ...rejected },
    failure: Object.keys(rejected).length === 0 ? message : null,
  };
}

/** Any other failure (network, 403, a state that allows no edit): the drafts stay unsaved. */
export function saveFailed(state: EntryState, message: string): EntryState {
  return { ...state, inFlight: null, failure: message };
}

/** The codes a 409 names as changed by someone else (`loc: ["values", code]`, type `stale`). */
export function staleValues(items: ApiErrorItem[]): string[] {
  return items
    .filter((item) => item.type === "stale" && item.loc?.[0] === "values" && typeof item.loc[1] === "string")
    .map((item) => String(item.loc?.[1]));
}

/**
 * 409 with the fresh submission read after it: the form moves to the new version. Values only
 * they changed show theirs; values both changed are a conflict (the drafts stay until decided).
 */
export function saveConflicted(state: EntryState, theirs: string[], fresh: Submission): EntryState {
  const byCode = valueByCode(fresh);
  const drafts = Object.fromEntries(
    Object.entries(state.drafts).filter(([code, draft]) => {
      const server = byCode.get(code);
      return !(server && sameDraft(draft, serverDraft(server)));
    }),
  );
  const overlapping = theirs.filter((code) => code in drafts);
  return {
    ...state,
    submission: fresh,
    drafts,
    inFlight: null,
    conflict: overlapping.length > 0 || theirs.length === 0 ? { theirs, overlapping } : null,
    failure: null,
  };
}

/** Take theirs: drop the own drafts of the values both changed. */
export function takeTheirs(state: EntryState): EntryState {
  if (!state.conflict) return state;
  return { ...state, drafts: without(state.drafts, state.conflict.overlapping), conflict: null };
}

/** Keep yours: the drafts stay and go out on the new version with the next save. */
export function keepYours(state: EntryState): EntryState {
  return { ...state, conflict: null };
}

/** A fresh read of the server (after submitting, or reloading): drafts equal to it are dropped. */
export function refreshed(state: EntryState, submission: Submission): EntryState {
  const byCode = valueByCode(submission);
  const drafts: Record<string, Draft> = {};
  for (const [code, draft] of Object.entries(state.drafts)) {
    const server = byCode.get(code);
    if (server && server.editable && !sameDraft(draft, serverDraft(server))) drafts[code] = draft;
  }
  return { ...state, submission, drafts, failure: null };
}

export function saveState(state: EntryState): SaveState {
  if (state.conflict) return "conflict";
  if (state.inFlight) return "saving";
  return Object.keys(state.drafts).length > 0 ? "unsaved" : "saved";
}

export interface OpenItem {
  code: string;
  kind: "error" | "warning" | "unsaved" | "invalid";
  message: string | null;
}

/**
 * What still stands in the way of submitting, per value: unsaved or unreadable input, errors (a
 * value neither entered nor marked with a status is one: rule `required`), and warnings without a
 * comment (the server's rule: a comment on the value explains it).
 */
export function openItems(state: EntryState, language: "de" | "en"): OpenItem[] {
  const items: OpenItem[] = [];
  const invalid = parseErrors(state);
  for (const value of state.submission.values) {
    const code = value.base_figure;
    if (code in invalid) items.push({ code, kind: "invalid", message: null });
    else if (code in state.drafts) items.push({ code, kind: "unsaved", message: state.rejected[code] ?? null });
    const shown = shownDraft(state, value);
    const hasComment = shown.comment.trim() !== "";
    for (const finding of value.findings) {
      const message = language === "en" ? finding.message_en : finding.message_de;
      if (finding.severity === "error") items.push({ code, kind: "error", message });
      else if (finding.state === "open" && !hasComment) items.push({ code, kind: "warning", message });
    }
  }
  for (const finding of state.submission.findings) {
    if (finding.base_figure !== null) continue;
    const message = language === "en" ? finding.message_en : finding.message_de;
    if (finding.severity === "error") items.push({ code: finding.indicator ?? "", kind: "error", message });
    else if (finding.state === "open") items.push({ code: finding.indicator ?? "", kind: "warning", message });
  }
  return items;
}
