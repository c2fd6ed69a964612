import { describe, expect, it } from "vitest";

import { municipality } from "@/testing/fixtures";
import type { Municipality } from "./api/get-municipalities";
import { countBySizeClass, latestPopulationTotal } from "./population";

function city(ags: string, sizeClass: string | null, population: Municipality["population"]): Municipality {
  return municipality({ ags, name: ags, size_class: sizeClass, population });
}

describe("latestPopulationTotal", () => {
  it("sums the latest year and says when values are estimated", () => {
    const cities = [
      city("1", "GK1", [
        { year: 2020, value: 10, status: "ok" },
        { year: 2021, value: 500_000, status: "estimated" },
      ]),
      city("2", "GK3", [{ year: 2021, value: 100_000, status: "ok" }]),
      city("3", "GK3", [{ year: 2021, value: null, status: "ok" }]),
    ];
    expect(latestPopulationTotal(cities)).toEqual({ year: 2021, total: 600_000, cities: 2, partlyEstimated: true });
  });

  it("has nothing to say without values", () => {
    expect(latestPopulationTotal([])).toBeNull();
    expect(latestPopulationTotal([city("1", null, [{ year: 2021, value: null, status: "ok" }])])).toBeNull();
  });
});

describe("countBySizeClass", () => {
  it("counts each class and puts cities below 100,000 apart", () => {
    const cities = [city("1", "GK1", []), city("2", "GK3", []), city("3", "GK3", []), city("4", null, [])];
    expect(countBySizeClass(cities)).toEqual({ GK1: 1, GK2: 0, GK3: 2, none: 1 });
  });
});
