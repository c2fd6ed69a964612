import { describe, expect, it } from "vitest";

import { fileName, toCsv } from "./csv";

describe("toCsv", () => {
  it("writes the German form: BOM, semicolons, decimal comma, CRLF", () => {
    const text = toCsv(["Stadt", "Wert"], [["Köln", 4.499352], ["Stadt 06", "."], ["A;B", null]]);
    expect(text.startsWith("\uFEFF")).toBe(true);
    expect(text.slice(1).split("\r\n")).toEqual(["Stadt;Wert", "Köln;4,499352", "Stadt 06;.", '"A;B";', ""]);
  });

  it("writes the international form with commas and decimal points", () => {
    const text = toCsv(["city", "value"], [["Köln", -1.5], ['say "hi"', 1234567.25]], "international");
    expect(text.slice(1).split("\r\n")).toEqual(["city,value", "Köln,-1.5", '"say ""hi""",1234567.25', ""]);
  });

  it("keeps the AGS as text with its leading zero", () => {
    expect(toCsv(["AGS"], [["05315000"]]).slice(1)).toBe("AGS\r\n05315000\r\n");
  });
});

describe("fileName", () => {
  it("makes a safe file name from a title", () => {
    expect(fileName("Arbeitslosenanteil – Größenklasse 1 (2021)", "csv")).toBe("arbeitslosenanteil-grossenklasse-1-2021.csv");
  });
});
