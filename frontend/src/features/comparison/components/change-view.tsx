import { useTranslation } from "react-i18next";

import { SlopeChart } from "@/components/charts/charts";
import { ChartPanel } from "@/components/ui/chart-panel";
import { DataTable } from "@/components/ui/data-table";
import { formatSigned } from "@/lib/format";
import { localizedName, useLanguage } from "@/lib/use-language";
import type { ComparisonRow, IndicatorComparison } from "../api/get-indicator-comparison";
import { SyntheticDataNote, VisibilityNote } from "./notes";
import { useMeasureFormat } from "./use-measure-format";

/** The change from the previous data year per city: a slope chart, change in points and percent. */
export function ChangeView({ comparison, previousYear }: { comparison: IndicatorComparison; previousYear: number }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { indicator, rows } = comparison;
  const format = useMeasureFormat(indicator);
  const name = localizedName(indicator, language);
  const group = localizedName(comparison.peer_group, language);
  const title = t("dash.change.chartTitle", { name, from: previousYear, to: comparison.year, group });
  const percent = (value: number | null) => (value === null ? "–" : `${formatSigned(value, { locale: format.locale, maximumFractionDigits: 1 })}\u00a0%`);
  const cityCell = (row: ComparisonRow) => (row.own ? <strong>{`${row.label} (${t("dash.ownCity")})`}</strong> : row.label);
  return (
    <div className="change-view">
      <SyntheticDataNote synthetic={comparison.synthetic_data} />
      <VisibilityNote shown={rows.length} groupSize={comparison.peer_group.size} />
      <ChartPanel
        title={title}
        fileStem={`${indicator.code}-veraenderung-${previousYear}-${comparison.year}`}
        description={<p className="kern-body">{t("dash.change.description", { unit: format.unit || "–" })}</p>}
        chart={(ref) => (
          <SlopeChart
            ref={ref}
            label={t("dash.change.chartLabel", { name, from: previousYear, to: comparison.year })}
            slopes={rows.map((row) => ({ label: row.label, from: row.previous, to: row.value, own: row.own }))}
            years={[previousYear, comparison.year]}
            format={format.value}
          />
        )}
        table={
          <DataTable
            caption={title}
            rows={rows}
            rowKey={(row) => row.label}
            rowClass={(row) => (row.own ? "is-own" : undefined)}
            columns={[
              { header: t("dash.columns.city"), cell: cityCell, rowHeader: true },
              { header: String(previousYear), cell: (row) => format.value(row.previous), numeric: true },
              { header: String(comparison.year), cell: (row) => format.value(row.value), numeric: true },
              { header: t("dash.columns.changeAbs", { unit: format.unit || "–" }), cell: (row) => format.change(row.change_abs), numeric: true },
              { header: t("dash.columns.changePct"), cell: (row) => percent(row.change_pct), numeric: true },
              {
                header: t("dash.columns.direction"),
                cell: (row) =>
                  row.change_abs === null ? "–" : row.change_abs > 0 ? `↑ ${t("dash.change.up")}` : row.change_abs < 0 ? `↓ ${t("dash.change.down")}` : `→ ${t("dash.change.same")}`,
              },
            ]}
          />
        }
        csv={() => ({
          header: [t("dash.csv.city"), "AGS", String(previousYear), String(comparison.year), t("dash.csv.changeAbs"), t("dash.csv.changePct"), t("dash.csv.group")],
          rows: rows.map((row) => [row.label, row.ags, row.previous, row.value, row.change_abs, row.change_pct, group]),
        })}
      >
        <p className="kern-body kern-body--small">{t("dash.change.note")}</p>
      </ChartPanel>
    </div>
  );
}
