/**
 * Number formatting for the user interface.
 *
 * German conventions by default: `1.234,5` and `12,3 %` (with a non-breaking space before the
 * percent sign, as Intl writes it). Every helper takes an optional BCP 47 locale, so the English
 * interface can show `1,234.5`; components get the locale of the current language from
 * `useFormatters()`.
 *
 * A missing value is not zero: it is shown as `–`. The statistical signs for suppressed,
 * provisional or revised values (`.`, `p`, `r`, …) belong to the comparison views.
 */

export const DEFAULT_LOCALE = "de-DE";
export const MISSING_VALUE = "–";

type Numeric = number | null | undefined;

export interface NumberOptions {
  locale?: string;
  /** Fewest digits after the decimal separator (default 0). */
  minimumFractionDigits?: number;
  /** Most digits after the decimal separator (default 1). */
  maximumFractionDigits?: number;
}

export interface PercentOptions {
  locale?: string;
  /** Digits after the decimal separator, always shown (default 1). */
  fractionDigits?: number;
}

const formatters = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let formatter = formatters.get(key);
  if (formatter === undefined) {
    formatter = new Intl.NumberFormat(locale, options);
    formatters.set(key, formatter);
  }
  return formatter;
}

function isPresent(value: Numeric): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

/** `1234.5` → `1.234,5`; rounds to at most one decimal unless told otherwise. */
export function formatNumber(value: Numeric, options: NumberOptions = {}): string {
  if (!isPresent(value)) return MISSING_VALUE;
  const { locale = DEFAULT_LOCALE, minimumFractionDigits = 0 } = options;
  const maximumFractionDigits = Math.max(options.maximumFractionDigits ?? 1, minimumFractionDigits);
  return numberFormat(locale, { minimumFractionDigits, maximumFractionDigits }).format(value);
}

/** `1234567` → `1.234.567`. */
export function formatInteger(value: Numeric, options: { locale?: string } = {}): string {
  if (!isPresent(value)) return MISSING_VALUE;
  return numberFormat(options.locale ?? DEFAULT_LOCALE, { maximumFractionDigits: 0 }).format(value);
}

/**
 * A value that is already a percentage (the key figures carry a multiplier of 100):
 * `12.3` → `12,3 %`.
 */
export function formatPercent(value: Numeric, options: PercentOptions = {}): string {
  if (!isPresent(value)) return MISSING_VALUE;
  const { locale = DEFAULT_LOCALE, fractionDigits = 1 } = options;
  return numberFormat(locale, {
    style: "percent",
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  }).format(value / 100);
}
