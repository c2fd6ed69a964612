import { useCallback } from "react";
import { useSearchParams } from "react-router";

import type { Measure } from "./api/get-indicator-comparison";

/**
 * The filters of the dashboards live in the URL, so every view can be bookmarked, shared and
 * reached with the browser's back button: `?kennzahl=ARB-05&jahr=2021&gruppe=size_class:GK1&mass=A`
 * (scatter: `x`, `y`; profile and peer groups: `stadt`).
 */
export const PARAM = {
  indicator: "kennzahl",
  year: "jahr",
  group: "gruppe",
  measure: "mass",
  x: "x",
  y: "y",
  city: "stadt",
} as const;

export type ParamName = keyof typeof PARAM;

export interface DashboardParams {
  indicator: string | null;
  year: number | null;
  group: string;
  measure: Measure | null;
  x: string | null;
  y: string | null;
  city: string | null;
}

const measures: readonly Measure[] = ["value", "A", "B", "gap", "ratio"];
const CODE = /^[A-Z]{3}-\d{2}$/;

function code(value: string | null): string | null {
  return value !== null && CODE.test(value) ? value : null;
}

/** Reads the filters from a query string; anything malformed counts as not given. */
export function readParams(search: URLSearchParams): DashboardParams {
  const year = Number(search.get(PARAM.year));
  const measure = search.get(PARAM.measure);
  const city = search.get(PARAM.city);
  const group = search.get(PARAM.group);
  return {
    indicator: code(search.get(PARAM.indicator)),
    year: Number.isInteger(year) && year >= 1990 && year <= 2100 ? year : null,
    group: group && group.length <= 80 ? group : "all",
    measure: measures.find((item) => item === measure) ?? null,
    x: code(search.get(PARAM.x)),
    y: code(search.get(PARAM.y)),
    city: city !== null && /^\d{8}$/.test(city) ? city : null,
  };
}

/** A new query string with `changes` applied (`null` removes a parameter). */
export function withParams(search: URLSearchParams, changes: Partial<Record<ParamName, string | number | null>>): URLSearchParams {
  const next = new URLSearchParams(search);
  for (const [name, value] of Object.entries(changes) as [ParamName, string | number | null | undefined][]) {
    if (value === null || value === undefined || value === "") next.delete(PARAM[name]);
    else next.set(PARAM[name], String(value));
  }
  return next;
}

/** The dashboard filters from the URL and a setter that adds a history entry (Back undoes it). */
export function useDashboardParams(): [DashboardParams, (changes: Partial<Record<ParamName, string | number | null>>) => void] {
  const [search, setSearch] = useSearchParams();
  const update = useCallback(
    (changes: Partial<Record<ParamName, string | number | null>>) => {
      setSearch((previous) => withParams(previous, changes));
    },
    [setSearch],
  );
  return [readParams(search), update];
}
