import { describe, expect, it } from "vitest";

import de from "@/locales/de/common.json";
import en from "@/locales/en/common.json";
import { changeLanguage, i18n, numberLocale, toLanguage } from "./i18n";

function keys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key));
}

describe("i18n", () => {
  it("has the same keys in German and English", () => {
    expect(keys(en).sort()).toEqual(keys(de).sort());
  });

  it("starts in German", () => {
    expect(i18n.language).toBe("de");
    expect(document.documentElement.lang).toBe("de");
  });

  it("sets the lang attribute and remembers the choice", async () => {
    await changeLanguage("en");
    expect(document.documentElement.lang).toBe("en");
    expect(window.localStorage.getItem("vergleichsring.language")).toBe("en");
  });

  it("maps language tags to the interface languages", () => {
    expect(toLanguage("en-US")).toBe("en");
    expect(toLanguage("fr")).toBe("de");
    expect(toLanguage(undefined)).toBe("de");
    expect(numberLocale("en")).toBe("en-GB");
    expect(numberLocale("de")).toBe("de-DE");
  });
});
