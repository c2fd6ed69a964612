import { describe, expect, it } from "vitest";

import { formatInteger, formatMeasure, formatNumber, formatPercent, formatSigned, MISSING_VALUE, unitLabel } from "./format";

// Intl puts a no-break space (U+00A0) between the number and the percent sign.
const NBSP = "\u00a0";

describe("formatNumber", () => {
  it("writes German numbers with a thousands point and a decimal comma", () => {
    expect(formatNumber(1234.5)).toBe("1.234,5");
    expect(formatNumber(1234567.89)).toBe("1.234.567,9");
    expect(formatNumber(-0.25, { maximumFractionDigits: 2 })).toBe("-0,25");
  });

  it("keeps a fixed number of decimals when asked", () => {
    expect(formatNumber(12, { minimumFractionDigits: 1 })).toBe("12,0");
  });

  it("follows the locale", () => {
    expect(formatNumber(1234.5, { locale: "en-GB" })).toBe("1,234.5");
  });

  it("shows a missing value as a dash, never as zero", () => {
    expect(formatNumber(null)).toBe(MISSING_VALUE);
    expect(formatNumber(undefined)).toBe(MISSING_VALUE);
    expect(formatNumber(Number.NaN)).toBe(MISSING_VALUE);
    expect(formatNumber(0)).toBe("0");
  });
});

describe("formatInteger", () => {
  it("groups thousands", () => {
    expect(formatInteger(3212186)).toBe("3.212.186");
    expect(formatInteger(3212186, { locale: "en-GB" })).toBe("3,212,186");
  });
});

describe("formatPercent", () => {
  it("writes a percentage with one decimal and a space before the sign", () => {
    expect(formatPercent(12.3)).toBe(`12,3${NBSP}%`);
    expect(formatPercent(12.3).replace(NBSP, " ")).toBe("12,3 %");
  });

  it("rounds to the requested decimals", () => {
    expect(formatPercent(12)).toBe(`12,0${NBSP}%`);
    expect(formatPercent(7.25, { fractionDigits: 2 })).toBe(`7,25${NBSP}%`);
    expect(formatPercent(100, { fractionDigits: 0 })).toBe(`100${NBSP}%`);
  });

  it("writes English percentages without a space", () => {
    expect(formatPercent(12.3, { locale: "en-GB" })).toBe("12.3%");
  });

  it("shows a missing value as a dash", () => {
    expect(formatPercent(null)).toBe(MISSING_VALUE);
  });
});

describe("formatMeasure", () => {
  const share = { unit: "%", decimals: 1, measure: "value" } as const;

  it("writes shares as percentages in the interface language", () => {
    expect(formatMeasure(12.34, share)).toBe(`12,3${NBSP}%`);
    expect(formatMeasure(12.34, share, "en-GB")).toBe("12.3%");
    expect(formatMeasure(null, share)).toBe(MISSING_VALUE);
  });

  it("writes a gap of shares in signed percentage points and a ratio as a factor", () => {
    expect(formatMeasure(1.26, { ...share, measure: "gap" })).toBe(`+1,3${NBSP}Pp.`);
    expect(formatMeasure(-0.5, { ...share, measure: "gap" }, "en-GB")).toBe(`−0.5${NBSP}pp`);
    expect(formatMeasure(1.2345, { ...share, measure: "ratio" })).toBe("1,23");
  });

  it("translates units for the English page", () => {
    expect(formatMeasure(1234.5, { unit: "je 1.000 EW", decimals: 1, measure: "value" })).toBe(`1.234,5${NBSP}je 1.000 EW`);
    expect(formatMeasure(1234.5, { unit: "je 1.000 EW", decimals: 1, measure: "value" }, "en-GB")).toBe(
      `1,234.5${NBSP}per 1,000 inh.`,
    );
    expect(unitLabel("EUR je EW", "en-GB")).toBe("EUR per inhabitant");
  });
});

describe("formatSigned", () => {
  it("puts a sign before changes and none before zero", () => {
    expect(formatSigned(2.25, { maximumFractionDigits: 1 })).toBe("+2,3");
    expect(formatSigned(-2, {})).toBe("−2");
    expect(formatSigned(0.01, {})).toBe("0");
  });
});
