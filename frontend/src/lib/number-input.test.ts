import { describe, expect, it } from "vitest";

import { formatGermanInput, parseGermanNumber } from "./number-input";

describe("parseGermanNumber", () => {
  it.each([
    ["1234", 1234],
    ["1234,5", 1234.5],
    ["1.234,5", 1234.5],
    ["1.234.567", 1234567],
    ["-12,5", -12.5],
    ["\u221212,5", -12.5],
    ["  42  ", 42],
    ["1 234,5", 1234.5],
    ["1\u00a0234", 1234],
    [",5", 0.5],
    ["0", 0],
    ["-0", 0],
    ["+7", 7],
  ])("reads %j as %d", (input, expected) => {
    expect(parseGermanNumber(input)).toEqual({ ok: true, value: expected });
  });

  it("reads empty as no value", () => {
    expect(parseGermanNumber("")).toEqual({ ok: true, value: null });
    expect(parseGermanNumber("   ")).toEqual({ ok: true, value: null });
  });

  it.each(["1.23", "1,234.5", "1.2345", "12.34,5", "1,2,3", "1.234,5,6", "1..234"])("refuses the ambiguous %j", (input) => {
    expect(parseGermanNumber(input)).toEqual({ ok: false, error: "ambiguous" });
  });

  it.each(["abc", "12a", "1e5", "--3", "12 €", "NaN", "Infinity", "-"])("refuses the garbage %j", (input) => {
    expect(parseGermanNumber(input)).toEqual({ ok: false, error: "garbage" });
  });

  it("refuses numbers beyond the bound and overlong input", () => {
    expect(parseGermanNumber("2.000.000.000.000")).toEqual({ ok: false, error: "tooLarge" });
    expect(parseGermanNumber("1".repeat(40))).toEqual({ ok: false, error: "tooLong" });
  });
});

describe("formatGermanInput", () => {
  it("writes German form with thousands points", () => {
    expect(formatGermanInput(1234.5)).toBe("1.234,5");
    expect(formatGermanInput(-12.5)).toBe("-12,5");
    expect(formatGermanInput(1234567)).toBe("1.234.567");
    expect(formatGermanInput(0.125)).toBe("0,125");
  });

  it("writes nothing for no value", () => {
    expect(formatGermanInput(null)).toBe("");
    expect(formatGermanInput(undefined)).toBe("");
  });

  it("round-trips", () => {
    for (const value of [0, 1, -1, 1234.5, 98765.4321, -1000000]) {
      expect(parseGermanNumber(formatGermanInput(value))).toEqual({ ok: true, value });
    }
  });
});
