import { useTranslation } from "react-i18next";

import { Alert } from "@/components/ui/alert";
import { useIndicatorComparison } from "@/features/comparison/api/get-indicator-comparison";
import { ChangeView } from "@/features/comparison/components/change-view";
import { useDashboard } from "./context";
import { DashboardControls } from "./controls";
import { useSelection } from "./use-selection";
import { DashboardPage, QueryState } from "./page";

/** `/runden/:id/veraenderung`: the change from the round's first to its latest data year. */
export function ChangeRoute() {
  const { t } = useTranslation();
  const { round } = useDashboard();
  const selection = useSelection();
  const latest = round.years.at(-1);
  const previous = round.years.at(-2);
  const query = useIndicatorComparison(
    selection.code && previous !== undefined ? { roundId: round.id, code: selection.code, year: latest, peerGroup: selection.group, measure: selection.measure } : null,
  );
  return (
    <DashboardPage
      title={t("dash.change.title", { from: previous ?? "–", to: latest ?? "–" })}
      lead={t("dash.change.lead")}
      controls={<DashboardControls year={false} />}
    >
      {previous === undefined ? (
        <Alert variant="info" title={t("dash.change.oneYear")} />
      ) : (
        <QueryState query={query}>{(data) => <ChangeView comparison={data} previousYear={previous} />}</QueryState>
      )}
    </DashboardPage>
  );
}

