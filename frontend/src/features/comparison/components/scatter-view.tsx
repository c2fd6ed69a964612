import { useTranslation } from "react-i18next";

import { ScatterChart } from "@/components/charts/charts";
import { ChartPanel } from "@/components/ui/chart-panel";
import { DataTable } from "@/components/ui/data-table";
import { localizedName, useLanguage } from "@/lib/use-language";
import type { Scatter } from "../api/get-scatter";
import { SyntheticDataNote, VisibilityNote } from "./notes";
import { useMeasureFormat } from "./use-measure-format";

export interface ScatterViewProps {
  scatter: Scatter;
  /** The group medians of both key figures (from the indicator comparison of each), `null` where withheld. */
  medianX: number | null;
  medianY: number | null;
}

/** Two key figures per city; the own city highlighted and labelled; the group medians as cross-lines. */
export function ScatterView({ scatter, medianX, medianY }: ScatterViewProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const formatX = useMeasureFormat(scatter.x);
  const formatY = useMeasureFormat(scatter.y);
  const nameX = `${scatter.x.code} ${localizedName(scatter.x, language)}`;
  const nameY = `${scatter.y.code} ${localizedName(scatter.y, language)}`;
  const group = localizedName(scatter.peer_group, language);
  const title = t("dash.scatter.chartTitle", { x: scatter.x.code, y: scatter.y.code, year: scatter.year, group });
  return (
    <div className="scatter-view">
      <SyntheticDataNote synthetic={scatter.synthetic_data} />
      <VisibilityNote shown={scatter.points.length + scatter.left_out} groupSize={scatter.peer_group.size} />
      <ChartPanel
        title={title}
        fileStem={`streuung-${scatter.x.code}-${scatter.y.code}-${scatter.year}`}
        description={<p className="kern-body">{t("dash.scatter.description", { x: nameX, y: nameY, leftOut: scatter.left_out })}</p>}
        chart={(ref) => (
          <ScatterChart
            ref={ref}
            label={t("dash.scatter.chartLabel", { x: nameX, y: nameY, count: scatter.points.length })}
            points={scatter.points.map((point) => ({ label: point.label, x: point.x, y: point.y, own: point.own }))}
            medianX={medianX}
            medianY={medianY}
            axisX={`${scatter.x.code} (${formatX.unit || "–"})`}
            axisY={`${scatter.y.code} (${formatY.unit || "–"})`}
            formatX={formatX.value}
            formatY={formatY.value}
            text={{ own: t("dash.ownCity"), others: t("dash.scatter.others"), medianX: t("dash.scatter.medianX"), medianY: t("dash.scatter.medianY") }}
          />
        )}
        table={
          <DataTable
            caption={title}
            rows={scatter.points}
            rowKey={(point) => point.label}
            rowClass={(point) => (point.own ? "is-own" : undefined)}
            columns={[
              { header: t("dash.columns.city"), cell: (point) => (point.own ? <strong>{`${point.label} (${t("dash.ownCity")})`}</strong> : point.label), rowHeader: true },
              { header: nameX, cell: (point) => formatX.value(point.x), numeric: true },
              { header: nameY, cell: (point) => formatY.value(point.y), numeric: true },
            ]}
          />
        }
        csv={() => ({
          header: [t("dash.csv.city"), "AGS", `${scatter.x.code} (${formatX.unit || "–"})`, `${scatter.y.code} (${formatY.unit || "–"})`, t("dash.csv.year"), t("dash.csv.group")],
          rows: scatter.points.map((point) => [point.label, point.ags, point.x, point.y, scatter.year, group]),
        })}
      >
        <p className="kern-body kern-body--small">
          {t("dash.scatter.medians", { x: formatX.value(medianX), y: formatY.value(medianY) })}
        </p>
      </ChartPanel>
    </div>
  );
}
