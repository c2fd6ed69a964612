import { useTranslation } from "react-i18next";

import { BarChart } from "@/components/charts/charts";
import { ChartPanel } from "@/components/ui/chart-panel";
import { DataTable, type Column } from "@/components/ui/data-table";
import { localizedName, useLanguage } from "@/lib/use-language";
import type { ComparisonRow, IndicatorComparison } from "../api/get-indicator-comparison";
import { groupName, reasonText } from "../texts";
import { ConventionsNote } from "./conventions-note";
import { PublishedNote, SyntheticDataNote, VisibilityNote } from "./notes";
import { StatisticsBlock } from "./statistics-block";
import { useMeasureFormat } from "./use-measure-format";
import { ValueCell } from "./value-cell";

/** The label of a city: its name or pseudonym, and "(own city)" for the own one (not colour alone). */
function useCityLabel() {
  const { t } = useTranslation();
  return (row: { label: string; own: boolean }) => (row.own ? `${row.label} (${t("dash.ownCity")})` : row.label);
}

/**
 * One key figure across the cities of a peer group: bars sorted by polarity (the API's order, rank 1
 * first), own city highlighted, median and mean as lines, Q1–Q3 as a band; the table twin, the
 * statistics with and without the own city, the conventions. Every number is the API's.
 */
export function IndicatorView({ comparison }: { comparison: IndicatorComparison }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { indicator, statistics, rows, peer_group: group } = comparison;
  const format = useMeasureFormat(indicator);
  const cityLabel = useCityLabel();
  const own = rows.find((row) => row.own);
  const neutral = indicator.polarity === "neutral";
  const gap = indicator.kind === "gap";
  const name = localizedName(indicator, language);
  const rawLabel = language === "en" ? indicator.measure_label_en : indicator.measure_label_de;
  const measureLabel = rawLabel.charAt(0).toUpperCase() + rawLabel.slice(1);
  const groupLabel = localizedName(group, language);
  const nameA = groupName(indicator.group_a_de, t("dash.measure.A"), language);
  const nameB = groupName(indicator.group_b_de, t("dash.measure.B"), language);
  const title = t("dash.indicator.chartTitle", { name, year: comparison.year, group: groupLabel });

  const columns: Column<ComparisonRow>[] = [
    { header: t("dash.columns.rank"), cell: (row) => (row.rank === null ? "–" : t("dash.rankOf", { rank: row.rank, n: row.rank_n })), numeric: true },
    { header: t("dash.columns.city"), cell: (row) => (row.own ? <strong>{cityLabel(row)}</strong> : row.label), rowHeader: true },
    { header: measureLabel, cell: (row) => <ValueCell row={row} format={format.value} />, numeric: true },
    ...(gap && indicator.measure !== "A" && indicator.measure !== "B"
      ? ([
          { header: nameA, cell: (row) => format.value(row.value_a ?? null).replace(/^\+/, ""), numeric: true },
          { header: nameB, cell: (row) => format.value(row.value_b ?? null).replace(/^\+/, ""), numeric: true },
        ] as Column<ComparisonRow>[])
      : []),
    { header: t("dash.columns.corridor"), cell: (row) => (row.corridor ? t(`dash.corridor.${row.corridor}`) : "–") },
    ...(neutral ? [] : ([{ header: t("dash.columns.verdict"), cell: (row) => (row.verdict ? t(`dash.verdict.${row.verdict}`) : "–") }] as Column<ComparisonRow>[])),
    { header: t("dash.columns.change"), cell: (row) => format.change(row.change_abs), numeric: true },
    {
      header: t("dash.columns.interval"),
      cell: (row) => (row.ci_low === null || row.ci_high === null ? "–" : `${format.value(row.ci_low)} – ${format.value(row.ci_high)}`),
      numeric: true,
    },
    {
      header: t("dash.columns.significance"),
      cell: (row) => (row.differs_from_median === null ? "–" : row.differs_from_median ? `* ${t("dash.significant.yes")}` : t("dash.significant.no")),
    },
  ];

  const csv = () => ({
    header: [
      t("dash.csv.city"), "AGS", t("dash.csv.rank"), t("dash.csv.n"), `${measureLabel} (${format.unit || "–"})`, t("dash.csv.sign"), t("dash.csv.reason"),
      ...(gap ? [nameA, nameB] : []),
      t("dash.csv.corridor"), t("dash.csv.changeAbs"), t("dash.csv.changePct"), t("dash.csv.ciLow"), t("dash.csv.ciHigh"), t("dash.csv.significant"),
      t("dash.csv.year"), t("dash.csv.group"),
    ],
    rows: rows.map((row) => [
      row.label, row.ags, row.rank, row.rank_n, row.value,
      row.status === "suppressed" ? "." : row.status === "missing" ? "-" : "",
      reasonText(row.suppression_reason ?? row.missing_reason, language)?.text ?? "",
      ...(gap ? [row.value_a ?? null, row.value_b ?? null] : []),
      row.corridor ? t(`dash.corridor.${row.corridor}`) : "",
      row.change_abs, row.change_pct, row.ci_low, row.ci_high,
      row.differs_from_median === null ? "" : row.differs_from_median ? t("dash.significant.yes") : t("dash.significant.no"),
      comparison.year, groupLabel,
    ]),
  });

  return (
    <div className="indicator-view">
      <SyntheticDataNote synthetic={comparison.synthetic_data} />
      <VisibilityNote shown={rows.length} groupSize={group.size} />
      <PublishedNote note={comparison.published_note} source={comparison.indicator.published_source} />
      <ChartPanel
        title={title}
        fileStem={`${indicator.code}-${comparison.year}-${group.id}-${indicator.measure}`}
        description={
          <p className="kern-body">
            {t("dash.indicator.description", { measure: measureLabel, unit: format.unit || "–" })}{" "}
            {neutral ? t("dash.indicator.neutral") : t(`dash.indicator.direction.${indicator.polarity}`)}
          </p>
        }
        chart={(ref) => (
          <BarChart
            ref={ref}
            label={t("dash.indicator.chartLabel", { name, n: statistics.n, own: own?.label ?? "–" })}
            bars={rows.map((row) => ({
              label: row.label,
              value: row.value,
              own: row.own,
              sign: row.status === "suppressed" ? "." : row.status === "missing" ? "–" : "",
              significant: row.differs_from_median === true,
            }))}
            lines={{ median: statistics.median, mean: statistics.mean, q1: statistics.q1, q3: statistics.q3 }}
            format={format.value}
            text={{ median: t("dash.stats.median"), mean: t("dash.stats.mean"), corridor: t("dash.legend.corridor"), own: t("dash.ownCity") }}
          />
        )}
        table={
          <DataTable
            caption={title}
            columns={columns}
            rows={rows}
            rowKey={(row) => row.label}
            rowClass={(row) => (row.own ? "is-own" : undefined)}
          />
        }
        csv={csv}
      >
        <p className="kern-body kern-body--small chart-legend">
          <span><span className="legend-swatch legend-swatch--own" aria-hidden="true" /> {t("dash.legend.own")}</span>
          <span><span className="legend-swatch legend-swatch--median" aria-hidden="true" /> {t("dash.legend.median")}</span>
          <span><span className="legend-swatch legend-swatch--mean" aria-hidden="true" /> {t("dash.legend.mean")}</span>
          <span><span className="legend-swatch legend-swatch--corridor" aria-hidden="true" /> {t("dash.legend.corridorLong")}</span>
          <span>{t("dash.legend.star")}</span>
          <span>{t("dash.legend.signs")}</span>
        </p>
      </ChartPanel>
      <StatisticsBlock statistics={statistics} own={own} format={format.value} showWeighted={!gap || indicator.measure === "A" || indicator.measure === "B"} />
      <ConventionsNote comparison={comparison} />
    </div>
  );
}
