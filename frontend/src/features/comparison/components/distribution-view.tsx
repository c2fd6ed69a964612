import { useTranslation } from "react-i18next";

import { BoxPlot } from "@/components/charts/charts";
import { ChartPanel } from "@/components/ui/chart-panel";
import { DataTable } from "@/components/ui/data-table";
import { localizedName, useLanguage } from "@/lib/use-language";
import type { BoxPlotRead, Distribution } from "../api/get-distribution";
import { reasonText } from "../texts";
import { SyntheticDataNote } from "./notes";
import { useMeasureFormat } from "./use-measure-format";

/** Box plots per data year and peer group (whiskers at min and max) with the own city marked. */
export function DistributionView({ distribution }: { distribution: Distribution }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { indicator, boxes } = distribution;
  const format = useMeasureFormat(indicator);
  const name = localizedName(indicator, language);
  const title = t("dash.distribution.chartTitle", { name });
  const boxLabel = (box: BoxPlotRead) => `${box.year} · ${localizedName(box.peer_group, language)}`;
  const five = (box: BoxPlotRead): [number, number, number, number, number] | null => {
    const s = box.statistics;
    if (s.q1 === null || s.median === null || s.q3 === null) return null;
    // A pseudonymised round withholds the minimum and maximum of groups derived from public
    // attributes (each is one city's exact value): the whiskers then end at the box.
    return [s.min ?? s.q1, s.q1, s.median, s.q3, s.max ?? s.q3];
  };
  const ownLabel = boxes.find((box) => box.own_label)?.own_label ?? null;
  const withheld = boxes.filter((box) => box.statistics.withheld);

  return (
    <div className="distribution-view">
      <SyntheticDataNote synthetic={distribution.synthetic_data} />
      <ChartPanel
        title={title}
        fileStem={`${indicator.code}-verteilung`}
        description={<p className="kern-body">{t("dash.distribution.description", { measure: language === "en" ? indicator.measure_label_en : indicator.measure_label_de })}</p>}
        chart={(ref) => (
          <BoxPlot
            ref={ref}
            label={t("dash.distribution.chartLabel", { name, count: boxes.length })}
            boxes={boxes.map((box) => ({ label: boxLabel(box), five: five(box), own: box.own_value }))}
            format={format.value}
            text={{ own: ownLabel ? `${ownLabel} (${t("dash.ownCity")})` : t("dash.ownCity"), box: t("dash.distribution.box") }}
          />
        )}
        table={
          <DataTable
            caption={title}
            rows={boxes}
            rowKey={(box) => `${box.year}-${box.peer_group.id}`}
            columns={[
              { header: t("dash.columns.yearGroup"), cell: boxLabel, rowHeader: true },
              { header: t("dash.stats.n"), cell: (box) => String(box.statistics.n), numeric: true },
              { header: t("dash.stats.min"), cell: (box) => format.value(box.statistics.min), numeric: true },
              { header: t("dash.stats.q1"), cell: (box) => format.value(box.statistics.q1), numeric: true },
              { header: t("dash.stats.median"), cell: (box) => format.value(box.statistics.median), numeric: true },
              { header: t("dash.stats.q3"), cell: (box) => format.value(box.statistics.q3), numeric: true },
              { header: t("dash.stats.max"), cell: (box) => format.value(box.statistics.max), numeric: true },
              { header: ownLabel ? `${ownLabel} (${t("dash.ownCity")})` : t("dash.ownCity"), cell: (box) => format.value(box.own_value), numeric: true },
            ]}
          />
        }
        csv={() => ({
          header: [t("dash.csv.year"), t("dash.csv.group"), t("dash.stats.n"), t("dash.stats.min"), t("dash.stats.q1"), t("dash.stats.median"), t("dash.stats.q3"), t("dash.stats.max"), t("dash.stats.mean"), t("dash.ownCity"), t("dash.csv.reason")],
          rows: boxes.map((box) => [
            box.year, localizedName(box.peer_group, language), box.statistics.n, box.statistics.min, box.statistics.q1, box.statistics.median,
            box.statistics.q3, box.statistics.max, box.statistics.mean, box.own_value, reasonText(box.statistics.withheld, language)?.text ?? "",
          ]),
        })}
      >
        {withheld.length > 0 && (
          <ul className="kern-body kern-body--small">
            {withheld.map((box) => (
              <li key={`${box.year}-${box.peer_group.id}`}>
                {boxLabel(box)}: {t("dash.stats.withheld")} ({reasonText(box.statistics.withheld, language)?.text})
              </li>
            ))}
          </ul>
        )}
        <p className="kern-body kern-body--small">{t("dash.distribution.note")}</p>
      </ChartPanel>
    </div>
  );
}
