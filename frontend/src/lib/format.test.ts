import { describe, expect, it } from "vitest";

import { formatInteger, formatNumber, formatPercent, MISSING_VALUE } from "./format";

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
