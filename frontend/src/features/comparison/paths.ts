/** The dashboard pages of a round; their filters live in the query string (see `dashboard-params.ts`). */
export const DASHBOARD_VIEWS = ["kennzahl", "verteilung", "streuung", "veraenderung", "profil", "karte", "vergleichsgruppen"] as const;
export type DashboardView = (typeof DASHBOARD_VIEWS)[number];

export const ROUND_BASE = "/runden";

export function dashboardPath(roundId: number, view: DashboardView, search = ""): string {
  return `${ROUND_BASE}/${roundId}/${view}${search && !search.startsWith("?") ? `?${search}` : search}`;
}
