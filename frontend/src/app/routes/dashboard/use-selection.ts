import type { Measure } from "@/features/comparison/api/get-indicator-comparison";
import { useDashboardParams } from "@/features/comparison/dashboard-params";
import { useDashboard } from "./context";
import { useCatalog } from "./use-catalog";

export interface Selection {
  code: string | null;
  year: number | undefined;
  group: string;
  /** Sent to the API: only for gap indicators, and only when chosen. */
  measure: Measure | undefined;
}

/** The common filters of the indicator-based dashboards, read from and written to the URL. */
export function useSelection(): Selection & { gap: boolean } {
  const { round } = useDashboard();
  const [params] = useDashboardParams();
  const catalog = useCatalog();
  // Until the catalogue is there, it is not known whether the key figure has a measure switch:
  // ask nothing rather than ask twice.
  const code = catalog.ready ? (params.indicator ?? catalog.defaultIndicator) : null;
  const indicator = catalog.indicators.find((item) => item.code === code);
  const gap = indicator?.kind === "gap";
  const year = params.year !== null && round.years.includes(params.year) ? params.year : round.years.at(-1);
  return { code, year, group: params.group, measure: gap ? (params.measure ?? undefined) : undefined, gap };
}
