import type { SubmissionValue } from "./api/get-submission";

/** A value the moderator should look at: with a finding, changed since approval, or sent back. */
export function reviewFocus(value: SubmissionValue): boolean {
  return value.findings.length > 0 || value.changed_since_approval || value.review_state !== "none";
}

/** The per-value reasons of the marked values; `missing` names those whose reason is too short. */
export function valueReasons(marked: Readonly<Record<string, string>>) {
  const items: { base_figure: string; reason: string }[] = [];
  const missing: string[] = [];
  for (const [code, text] of Object.entries(marked)) {
    const reason = text.trim();
    if (reason.length < 3) missing.push(code);
    else items.push({ base_figure: code, reason });
  }
  return { items, missing };
}

/** Marks a value for return (with an empty reason) or unmarks it; returns a new object. */
export function toggleMark(marked: Readonly<Record<string, string>>, code: string, on: boolean): Record<string, string> {
  if (on) return { ...marked, [code]: marked[code] ?? "" };
  return Object.fromEntries(Object.entries(marked).filter(([key]) => key !== code));
}

/**
 * The value's deviation from the ring's median in percent of the median's absolute value
 * (the conventions' percent deviation); null without a value, a median, or with a median of 0.
 */
export function deviationFromMedian(value: number | null, median: number | null): number | null {
  if (value === null || median === null || median === 0) return null;
  return (100 * (value - median)) / Math.abs(median);
}
