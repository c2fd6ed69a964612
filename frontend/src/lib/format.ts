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

/** `1.3` → `+1,3`: a change or deviation with its sign (a minus sign for negatives). */
export function formatSigned(value: Numeric, options: NumberOptions = {}): string {
  if (!isPresent(value)) return MISSING_VALUE;
  const text = formatNumber(Math.abs(value), options);
  if (value > 0 && text !== formatNumber(0, options)) return `+${text}`;
  if (value < 0 && text !== formatNumber(0, options)) return `−${text}`;
  return text;
}

/** What a measure of a key figure is: the value itself, one group's value, the gap A − B, or the ratio A / B. */
export type MeasureKind = "value" | "A" | "B" | "gap" | "ratio";

export interface MeasureFormat {
  /** The catalogue's unit, e.g. `%`, `je 1.000 EW`. */
  unit: string;
  /** Digits after the decimal separator. */
  decimals: number;
  measure: MeasureKind;
}

const englishUnits: Record<string, string> = {
  Anzahl: "count",
  Kategorie: "category",
  "ja/nein": "yes/no",
  "EW/km²": "inhabitants/km²",
  "EUR je EW": "EUR per inhabitant",
  "m² je Person": "m² per person",
  "Index 0–100": "index 0–100",
};

/** The unit for people, in the interface language (`je 1.000 EW` → `per 1,000 inh.`). */
export function unitLabel(unit: string, locale: string = DEFAULT_LOCALE): string {
  if (locale.startsWith("de")) return unit;
  const known = englishUnits[unit];
  if (known !== undefined) return known;
  return unit
    .replace(/^je /, "per ")
    .replace(/(\d)\.(\d{3})/g, "$1,$2")
    .replace(/\bEW\b/g, "inh.")
    .replace(/Schüler/g, "pupils")
    .replace(/Beschäftigte/g, "employees")
    .replace(/Ausländer/g, "foreign nationals")
    .replace(/mit MH/g, "with migration background");
}

/** The unit a measure is written in: percentage points for a gap of shares, none for a ratio. */
export function measureUnit(format: MeasureFormat, locale: string = DEFAULT_LOCALE): string {
  if (format.measure === "ratio") return "";
  if (format.unit === "%") return format.measure === "gap" ? (locale.startsWith("de") ? "Pp." : "pp") : "%";
  return unitLabel(format.unit, locale);
}

/**
 * A key figure's value as people read it, in the given locale: `12,3 %`, `+1,3 Pp.` for a gap of
 * shares, `1,25` for a ratio, `4,2 je 1.000 EW` otherwise. Missing values are `–`.
 */
export function formatMeasure(value: Numeric, format: MeasureFormat, locale: string = DEFAULT_LOCALE): string {
  if (!isPresent(value)) return MISSING_VALUE;
  if (format.measure === "ratio") return formatNumber(value, { locale, minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const digits = { locale, minimumFractionDigits: format.decimals, maximumFractionDigits: format.decimals };
  if (format.unit === "%" && format.measure !== "gap") return formatPercent(value, { locale, fractionDigits: format.decimals });
  const number = format.measure === "gap" ? formatSigned(value, digits) : formatNumber(value, digits);
  const unit = measureUnit(format, locale);
  if (unit === "" || format.unit === "Anzahl" || format.unit === "Kategorie" || format.unit === "ja/nein") return number;
  return `${number}\u00a0${unit}`;
}
