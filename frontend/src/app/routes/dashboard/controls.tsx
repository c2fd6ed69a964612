import { useTranslation } from "react-i18next";

import { FilterBar } from "@/features/comparison/components/filter-bar";
import { IndicatorPicker } from "@/features/comparison/components/indicator-picker";
import { usePeerGroups } from "@/features/comparison/api/get-peer-groups";
import type { Measure } from "@/features/comparison/api/get-indicator-comparison";
import { useSelection } from "./use-selection";
import { useDashboardParams } from "@/features/comparison/dashboard-params";
import { groupName } from "@/features/comparison/texts";
import { useLanguage } from "@/lib/use-language";
import { useDashboard } from "./context";
import { useCatalog } from "./use-catalog";

export interface ControlsProps {
  year?: boolean;
  group?: boolean;
  measure?: boolean;
  indicator?: boolean;
}

/** Indicator picker, year switch, peer group and measure switch; every change is a new URL. */
export function DashboardControls({ year = true, group = true, measure = true, indicator = true }: ControlsProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { round } = useDashboard();
  const catalog = useCatalog();
  const groups = usePeerGroups(round.id);
  const [, update] = useDashboardParams();
  const selection = useSelection();
  const chosen = catalog.indicators.find((item) => item.code === selection.code);
  const [a, b] = chosen?.gap_groups ?? [];
  const measures: { value: Measure; label: string }[] = [
    { value: "gap", label: t("dash.measure.gap") },
    { value: "A", label: `${t("dash.measure.A")}${a ? `: ${groupName(groupLabelDe(a), a, language)}` : ""}` },
    { value: "B", label: `${t("dash.measure.B")}${b ? `: ${groupName(groupLabelDe(b), b, language)}` : ""}` },
    { value: "ratio", label: t("dash.measure.ratio") },
  ];
  return (
    <div className="dashboard-controls no-print">
      {indicator && (
        <IndicatorPicker
          label={t("dash.filters.indicator")}
          fields={catalog.fields}
          indicators={catalog.indicators}
          value={selection.code}
          onChange={(code) => {
            update({ indicator: code, measure: null });
          }}
        />
      )}
      <FilterBar
        years={year ? round.years : undefined}
        year={selection.year}
        onYear={(value) => {
          update({ year: value });
        }}
        groups={group ? groups.data : undefined}
        group={selection.group}
        onGroup={(value) => {
          update({ group: value });
        }}
        measures={measure && selection.gap ? measures : undefined}
        measure={selection.measure ?? "gap"}
        onMeasure={(value) => {
          update({ measure: value === "gap" ? null : value });
        }}
      />
    </div>
  );
}

/** The catalogue's short group codes (AUS, DEU, EU, MH, OMH) by their German names. */
function groupLabelDe(code: string): string {
  const names: Record<string, string> = {
    AUS: "Ausländer:innen",
    DEU: "Deutsche",
    EU: "EU-Ausländer:innen",
    MH: "mit Migrationshintergrund",
    OMH: "ohne Migrationshintergrund",
  };
  return names[code] ?? code;
}
