/**
 * German number entry: what a civil servant types into a value cell, parsed strictly.
 *
 * Accepted: `1234`, `1234,5`, `1.234,5`, `1.234.567`, `-12,5`, `−12,5` (typographic minus), spaces
 * around the number and as thousands separators (`1 234,5`, also the no-break space Excel copies).
 * Empty (or only spaces) means "no value". Refused with a reason: letters, two commas, a thousands
 * point in the wrong place (`1.23`, ambiguous: 1.23 or 123?), a point after the comma, and numbers
 * beyond ±1e12 (the backend's bound).
 */
export const MAX_ABS_VALUE = 1e12;
export const MAX_INPUT_LENGTH = 32;

export type ParseError = "garbage" | "ambiguous" | "tooLarge" | "tooLong";

export type ParseResult = { ok: true; value: number | null } | { ok: false; error: ParseError };

const GROUPED = /^\d{1,3}(\.\d{3})+(,\d+)?$/;
const SPACED = /^\d{1,3}( \d{3})+(,\d+)?$/;
const PLAIN = /^\d+(,\d+)?$/;
const LEADING_COMMA = /^,\d+$/;

export function parseGermanNumber(input: string): ParseResult {
  if (input.length > MAX_INPUT_LENGTH) return { ok: false, error: "tooLong" };
  let text = input.replace(/[\u00a0\u202f]/g, " ").trim();
  if (text === "") return { ok: true, value: null };
  let negative = false;
  if (/^[-\u2212]/.test(text)) {
    negative = true;
    text = text.slice(1).trimStart();
  } else if (text.startsWith("+")) {
    text = text.slice(1).trimStart();
  }
  let digits: string;
  if (PLAIN.test(text) || LEADING_COMMA.test(text)) digits = text;
  else if (GROUPED.test(text)) digits = text.replace(/\./g, "");
  else if (SPACED.test(text)) digits = text.replace(/ /g, "");
  else if (/^[\d.,\s]+$/.test(text)) return { ok: false, error: "ambiguous" };
  else return { ok: false, error: "garbage" };
  const value = Number(digits.replace(",", "."));
  if (!Number.isFinite(value)) return { ok: false, error: "garbage" };
  if (Math.abs(value) > MAX_ABS_VALUE) return { ok: false, error: "tooLarge" };
  const signed = negative ? -value : value;
  return { ok: true, value: Object.is(signed, -0) ? 0 : signed };
}

/** A value as it goes back into the cell: German form, thousands points, every decimal kept. */
export function formatGermanInput(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "";
  return new Intl.NumberFormat("de-DE", { maximumFractionDigits: 10, useGrouping: true }).format(value);
}
