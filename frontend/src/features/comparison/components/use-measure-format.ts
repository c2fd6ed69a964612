import { useMemo } from "react";

import { formatMeasure, measureUnit, type MeasureKind } from "@/lib/format";
import { useFormatters } from "@/lib/use-formatters";

interface Measured {
  unit: string;
  decimals: number;
  measure: MeasureKind;
}

/** Writes values of a key figure's measure in the interface language (`12,3 %`, `+1,3 Pp.`, `1,25`). */
export function useMeasureFormat(indicator: Measured | undefined) {
  const { locale } = useFormatters();
  return useMemo(() => {
    const format = indicator ?? { unit: "", decimals: 1, measure: "value" as const };
    return {
      value: (value: number | null | undefined) => formatMeasure(value, format, locale),
      /** A difference or change in the measure's unit (percentage points for shares). */
      change: (value: number | null | undefined) =>
        formatMeasure(value, { ...format, measure: format.measure === "ratio" ? "ratio" : "gap" }, locale),
      unit: measureUnit(format, locale),
      locale,
    };
  }, [indicator, locale]);
}
