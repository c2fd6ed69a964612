import { useTranslation } from "react-i18next";

import { useIndicatorComparison } from "@/features/comparison/api/get-indicator-comparison";
import { MapView } from "@/features/comparison/components/map-view";
import { useMunicipalities } from "@/features/municipalities/api/get-municipalities";
import { useDashboard } from "./context";
import { DashboardControls } from "./controls";
import { useSelection } from "./use-selection";
import { DashboardPage, QueryState } from "./page";

/** `/runden/:id/karte`: the cities on a map of Germany, coloured by corridor position. */
export function MapRoute() {
  const { t } = useTranslation();
  const { round } = useDashboard();
  const selection = useSelection();
  const places = useMunicipalities();
  const query = useIndicatorComparison(
    selection.code ? { roundId: round.id, code: selection.code, year: selection.year, peerGroup: selection.group, measure: selection.measure } : null,
  );
  return (
    <DashboardPage title={t("dash.map.title")} lead={t("dash.map.lead")} controls={<DashboardControls />}>
      <QueryState query={query}>{(data) => <MapView comparison={data} places={places.data ?? []} />}</QueryState>
    </DashboardPage>
  );
}

