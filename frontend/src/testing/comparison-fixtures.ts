import type { Schemas } from "@/api/client";

type Row = Schemas["ComparisonRow"];
type Comparison = Schemas["IndicatorComparison"];

const statistics: Schemas["Statistics"] = {
  n: 5, mean: 4.3, weighted: 4.1, median: 3.97456, min: 1.262128, max: 7.526078, q1: 3.333809, q3: 5.44332, iqr: 2.109511, sd: 1.51, withheld: null,
};

/** A row as the API shapes it; fields a test does not name get neutral defaults. */
export function comparisonRow(fields: Partial<Row> & Pick<Row, "label">): Row {
  return {
    ags: null, own: false, value: null, display: "-", suppressed: false, suppression_reason: null, missing_reason: null, status: "ok",
    rank: null, rank_n: null, percentile: null, dev_mean: null, dev_mean_pct: null, dev_median: null, dev_median_pct: null, z: null, robust_z: null,
    previous: null, change_abs: null, change_pct: null, corridor: null, verdict: null, ci_low: null, ci_high: null, differs_from_median: null,
    excluding_self: { n: 4, mean: 4.4, median: 4.0, withheld: null },
    ...fields,
  };
}

/** `GET …/comparison/indicators/ARB-05` for the viewer of Köln in a pseudonymised round. */
export function indicatorComparison(overrides: Partial<Comparison> = {}): Comparison {
  return {
    round_id: 1,
    indicator: {
      code: "ARB-05", field: "ARB", name_de: "Arbeitslosenanteil", name_en: "Unemployment share", unit: "%", kind: "rate",
      polarity: "lower_better", decimals: 1, context: false, measure: "value", measure_label_de: "Wert", measure_label_en: "value",
    },
    year: 2021,
    peer_group: { id: "all", type: "all", name_de: "Alle Städte der Runde", name_en: "All cities of the round", size: 7 },
    conventions: {
      tie_rule: "competition ranking (1, 2, 2, 4)", rank_direction: "rank 1 = lowest value", polarity: "lower_better",
      quantile_method: "type 7", own_city_included: true, weighting: "", sd: "", percentile: "", robust_z: "", corridor: "", interval: "",
      suppression: "", gap: null, min_group_size: 5,
    },
    statistics,
    rows: [
      comparisonRow({ label: "Stadt 20", value: 1.262128, display: "1,3", rank: 1, rank_n: 5, corridor: "below", verdict: "better", previous: 1.166092, change_abs: 0.096036, change_pct: 8.236 }),
      comparisonRow({ label: "Stadt 23", value: 2.620553, display: "2,6", rank: 2, rank_n: 5, corridor: "below", verdict: "better", differs_from_median: true, ci_low: 2.1, ci_high: 3.0 }),
      comparisonRow({ label: "Köln", ags: "05315000", own: true, value: 4.5, display: "4,5", rank: 3, rank_n: 5, corridor: "within", previous: 4.186251, change_abs: 0.313749, change_pct: 7.495 }),
      comparisonRow({ label: "Stadt 08", value: 5.2, display: "5,2", rank: 4, rank_n: 5, corridor: "within", verdict: "worse" }),
      comparisonRow({ label: "Stadt 03", value: 7.526078, display: "7,5", rank: 5, rank_n: 5, corridor: "above", verdict: "worse" }),
      comparisonRow({ label: "Stadt 06", status: "missing", missing_reason: "Meldung noch nicht freigegeben" }),
      comparisonRow({ label: "Stadt 12", status: "suppressed", display: ".", suppressed: true, suppression_reason: "primary: Fallzahl < 3" }),
    ],
    data_version: "v1",
    synthetic_data: true,
    ...overrides,
  };
}
