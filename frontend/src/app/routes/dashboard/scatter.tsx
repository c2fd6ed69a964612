import { useTranslation } from "react-i18next";

import { useIndicatorComparison } from "@/features/comparison/api/get-indicator-comparison";
import { useScatter } from "@/features/comparison/api/get-scatter";
import { IndicatorPicker } from "@/features/comparison/components/indicator-picker";
import { ScatterView } from "@/features/comparison/components/scatter-view";
import { useDashboardParams } from "@/features/comparison/dashboard-params";
import { useDashboard } from "./context";
import { DashboardControls } from "./controls";
import { useSelection } from "./use-selection";
import { DashboardPage, QueryState } from "./page";
import { useCatalog } from "./use-catalog";

const DEFAULT_X = "KON-03";

/** `/runden/:id/streuung?x=&y=&jahr=&gruppe=`: two key figures against each other. */
export function ScatterRoute() {
  const { t } = useTranslation();
  const { round } = useDashboard();
  const catalog = useCatalog();
  const selection = useSelection();
  const [params, update] = useDashboardParams();
  const x = params.x ?? DEFAULT_X;
  const y = params.y ?? selection.code ?? "";
  const common = { roundId: round.id, year: selection.year, peerGroup: selection.group };
  const query = useScatter({ ...common, x, y });
  // The medians for the cross-lines come from the backend's comparison of each key figure.
  const medianX = useIndicatorComparison(x ? { ...common, code: x } : null);
  const medianY = useIndicatorComparison(y ? { ...common, code: y } : null);
  return (
    <DashboardPage
      title={t("dash.scatter.title")}
      lead={t("dash.scatter.lead")}
      controls={
        <>
          <div className="dashboard-controls dashboard-controls--pair no-print">
            <IndicatorPicker label={t("dash.scatter.xAxis")} fields={catalog.fields} indicators={catalog.indicators} includeContext value={x} onChange={(code) => { update({ x: code }); }} />
            <IndicatorPicker label={t("dash.scatter.yAxis")} fields={catalog.fields} indicators={catalog.indicators} includeContext value={y || null} onChange={(code) => { update({ y: code }); }} />
          </div>
          <DashboardControls indicator={false} measure={false} />
        </>
      }
    >
      <QueryState query={query}>
        {(data) => (
          <ScatterView
            scatter={data}
            medianX={medianX.data?.statistics.median ?? null}
            medianY={medianY.data?.statistics.median ?? null}
          />
        )}
      </QueryState>
    </DashboardPage>
  );
}

