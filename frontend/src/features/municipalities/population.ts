import type { Municipality } from "./api/get-municipalities";

export interface PopulationTotal {
  year: number;
  total: number;
  /** Cities that have a value for that year. */
  cities: number;
  /** Some of the values are estimated or provisional, not official counts. */
  partlyEstimated: boolean;
}

/**
 * Sum of the population in the latest year for which any city has a value. A headline figure for
 * the start page only; the comparison statistics come from the backend.
 */
export function latestPopulationTotal(municipalities: readonly Municipality[]): PopulationTotal | null {
  const years = municipalities.flatMap((m) => m.population.filter((p) => p.value !== null).map((p) => p.year));
  if (years.length === 0) return null;
  const year = Math.max(...years);
  let total = 0;
  let cities = 0;
  let partlyEstimated = false;
  for (const municipality of municipalities) {
    const entry = municipality.population.find((p) => p.year === year && p.value !== null);
    if (entry?.value == null) continue;
    total += entry.value;
    cities += 1;
    if (entry.status === "estimated" || entry.status === "provisional") partlyEstimated = true;
  }
  return { year, total, cities, partlyEstimated };
}

export const SIZE_CLASSES = ["GK1", "GK2", "GK3"] as const;
export type SizeClass = (typeof SIZE_CLASSES)[number];

/** Number of cities per size class (Größenklasse); cities below 100,000 count under `none`. */
export function countBySizeClass(municipalities: readonly Municipality[]): Record<SizeClass | "none", number> {
  const counts: Record<SizeClass | "none", number> = { GK1: 0, GK2: 0, GK3: 0, none: 0 };
  for (const { size_class } of municipalities) {
    const key = SIZE_CLASSES.find((c) => c === size_class) ?? "none";
    counts[key] += 1;
  }
  return counts;
}
