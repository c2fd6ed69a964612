import { useTranslation } from "react-i18next";

import { GermanyMap } from "@/components/charts/germany-map";
import { ChartPanel } from "@/components/ui/chart-panel";
import { DataTable } from "@/components/ui/data-table";
import { localizedName, useLanguage } from "@/lib/use-language";
import type { IndicatorComparison } from "../api/get-indicator-comparison";
import { SyntheticDataNote, VisibilityNote } from "./notes";
import { useMeasureFormat } from "./use-measure-format";

export interface Place {
  ags: string;
  latitude: number;
  longitude: number;
}

/**
 * Germany with the cities as points coloured by corridor position. Only cities whose AGS the API
 * gave are placed: a pseudonymised city has none, and its location would reveal it.
 */
export function MapView({ comparison, places }: { comparison: IndicatorComparison; places: Place[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { indicator, rows } = comparison;
  const format = useMeasureFormat(indicator);
  const where = new Map(places.map((place) => [place.ags, place]));
  const placed = rows.flatMap((row) => {
    const place = row.ags === null ? undefined : where.get(row.ags);
    return place ? [{ row, place }] : [];
  });
  const notPlaced = rows.length - placed.length;
  const name = localizedName(indicator, language);
  const group = localizedName(comparison.peer_group, language);
  const title = t("dash.map.chartTitle", { name, year: comparison.year, group });
  const corridorText = (corridor: string | null) => (corridor ? t(`dash.corridor.${corridor as "below"}`) : t("dash.map.noValue"));
  return (
    <div className="map-view">
      <SyntheticDataNote synthetic={comparison.synthetic_data} />
      <VisibilityNote shown={rows.length} groupSize={comparison.peer_group.size} />
      <ChartPanel
        title={title}
        fileStem={`${indicator.code}-karte-${comparison.year}`}
        description={<p className="kern-body">{t(indicator.polarity === "neutral" ? "dash.map.descriptionNeutral" : "dash.map.description")}</p>}
        chart={(ref) => (
          <GermanyMap
            ref={ref}
            label={t("dash.map.chartLabel", { name, count: placed.length })}
            polarity={indicator.polarity}
            text={{ below: t("dash.corridor.below"), within: t("dash.corridor.within"), above: t("dash.corridor.above"), none: t("dash.map.noValue") }}
            points={placed.map(({ row, place }) => ({
              label: row.own ? `${row.label} (${t("dash.ownCity")})` : row.label,
              latitude: place.latitude,
              longitude: place.longitude,
              own: row.own,
              corridor: row.corridor,
              valueText: row.status === "ok" ? format.value(row.value) : row.status === "suppressed" ? "." : "–",
            }))}
          />
        )}
        table={
          <DataTable
            caption={title}
            rows={placed}
            rowKey={({ row }) => row.label}
            rowClass={({ row }) => (row.own ? "is-own" : undefined)}
            columns={[
              { header: t("dash.columns.city"), cell: ({ row }) => (row.own ? <strong>{`${row.label} (${t("dash.ownCity")})`}</strong> : row.label), rowHeader: true },
              { header: t("dash.columns.value"), cell: ({ row }) => (row.status === "ok" ? format.value(row.value) : row.status === "suppressed" ? "." : "–"), numeric: true },
              { header: t("dash.columns.corridor"), cell: ({ row }) => corridorText(row.corridor) },
            ]}
          />
        }
        csv={() => ({
          header: [t("dash.csv.city"), "AGS", t("dash.map.latitude"), t("dash.map.longitude"), `${indicator.code} (${format.unit || "–"})`, t("dash.csv.corridor")],
          rows: placed.map(({ row, place }) => [row.label, row.ags, place.latitude, place.longitude, row.value, row.corridor ? corridorText(row.corridor) : ""]),
        })}
      >
        <p className="kern-body map-note" data-testid="map-note">
          {notPlaced > 0 ? t("dash.map.notPlaced", { count: notPlaced }) : t("dash.map.allPlaced")}
        </p>
        <p className="kern-body kern-body--small">{t("dash.map.source")}</p>
      </ChartPanel>
    </div>
  );
}
