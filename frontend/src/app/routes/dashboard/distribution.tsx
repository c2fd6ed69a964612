import { useTranslation } from "react-i18next";

import { useDistribution } from "@/features/comparison/api/get-distribution";
import { DistributionView } from "@/features/comparison/components/distribution-view";
import { useDashboard } from "./context";
import { DashboardControls } from "./controls";
import { useSelection } from "./use-selection";
import { DashboardPage, QueryState } from "./page";

/** `/runden/:id/verteilung`: box plots per year for all cities, the size classes and the chosen group. */
export function DistributionRoute() {
  const { t } = useTranslation();
  const { round } = useDashboard();
  const selection = useSelection();
  const peerGroups = selection.group === "all" ? [] : ["all", selection.group];
  const query = useDistribution({ roundId: round.id, code: selection.code ?? "", peerGroups, measure: selection.measure });
  return (
    <DashboardPage title={t("dash.distribution.title")} lead={t("dash.distribution.lead")} controls={<DashboardControls year={false} />}>
      <QueryState query={query}>{(data) => <DistributionView distribution={data} />}</QueryState>
    </DashboardPage>
  );
}

