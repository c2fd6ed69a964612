import { useTranslation } from "react-i18next";

import { useIndicatorComparison } from "@/features/comparison/api/get-indicator-comparison";
import { IndicatorView } from "@/features/comparison/components/indicator-view";
import { useDashboard } from "./context";
import { DashboardControls } from "./controls";
import { useSelection } from "./use-selection";
import { DashboardPage, QueryState } from "./page";

/** `/runden/:id/kennzahl?kennzahl=&jahr=&gruppe=&mass=`: one key figure across the cities. */
export function IndicatorRoute() {
  const { t } = useTranslation();
  const { round } = useDashboard();
  const selection = useSelection();
  const query = useIndicatorComparison(
    selection.code ? { roundId: round.id, code: selection.code, year: selection.year, peerGroup: selection.group, measure: selection.measure } : null,
  );
  return (
    <DashboardPage title={t("dash.indicator.title")} lead={t("dash.indicator.lead")} controls={<DashboardControls />}>
      <QueryState query={query}>{(data) => <IndicatorView comparison={data} />}</QueryState>
    </DashboardPage>
  );
}

