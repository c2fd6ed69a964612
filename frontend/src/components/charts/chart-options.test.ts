import { describe, expect, it } from "vitest";

import { indicatorComparison } from "@/testing/comparison-fixtures";
import { barChartOption } from "./bar-chart-option";
import { boxPlotOption } from "./box-plot-option";
import { mapOption } from "./map-option";
import { scatterOption } from "./scatter-option";
import { slopeChartOption } from "./slope-chart-option";

const format = (value: number) => value.toFixed(1);
const answer = indicatorComparison();

type Series = { type: string; data: unknown[]; markLine?: { data: { xAxis?: number; yAxis?: number }[] }; markArea?: { data: { xAxis: number }[][] } }[];

describe("barChartOption", () => {
  const option = barChartOption({
    bars: answer.rows.map((row) => ({ label: row.label, value: row.value, own: row.own, sign: row.status === "suppressed" ? "." : row.status === "missing" ? "–" : "" })),
    lines: answer.statistics,
    format,
    text: { median: "Median", mean: "Mittelwert", corridor: "Korridor", own: "eigene Stadt" },
  });
  const series = option.series as Series;

  it("draws one bar per API row, in the API's order, with the API's values", () => {
    const values = (series[0]?.data as { name: string; value: number | null }[]).map((item) => [item.name, item.value]);
    expect(values).toEqual(answer.rows.map((row) => [row.label, row.value]));
  });

  it("draws median and mean as lines and Q1–Q3 as the band, straight from the statistics", () => {
    expect(series[0]?.markLine?.data.map((line) => line.xAxis)).toEqual([answer.statistics.median, answer.statistics.mean]);
    expect(series[0]?.markArea?.data[0]?.map((edge) => edge.xAxis)).toEqual([answer.statistics.q1, answer.statistics.q3]);
  });

  it("labels the own city in words, not only by colour, and shows signs for missing values", () => {
    const labels = (option.yAxis as { data: string[] }).data;
    expect(labels).toContain("Köln (eigene Stadt)");
    expect(labels).toContain("Stadt 12  .");
    expect(labels).toContain("Stadt 06  –");
  });

  it("draws no lines when the statistics are withheld", () => {
    const withheld = barChartOption({ bars: [], lines: { median: null, mean: null, q1: null, q3: null }, format, text: { median: "", mean: "", corridor: "", own: "" } });
    const first = (withheld.series as Series)[0];
    expect(first?.markLine?.data).toEqual([]);
    expect(first?.markArea?.data).toEqual([]);
  });
});

describe("boxPlotOption", () => {
  it("uses min, Q1, median, Q3, max as given and marks the own value", () => {
    const option = boxPlotOption({
      boxes: [
        { label: "2020 · Alle", five: [1, 2, 3, 4, 5], own: 2.5 },
        { label: "2021 · GK1", five: null, own: null },
      ],
      format,
      text: { own: "Köln", box: "Verteilung" },
    });
    const series = option.series as Series;
    expect(series[0]?.data).toEqual([[1, 2, 3, 4, 5], [null, null, null, null, null]]);
    expect(series[1]?.data).toEqual([[0, 2.5]]);
  });
});

describe("scatterOption", () => {
  it("puts the API's points in two series and the medians as cross-lines", () => {
    const option = scatterOption({
      points: [
        { label: "Stadt 01", x: 10, y: 2, own: false },
        { label: "Köln", x: 18.6, y: 4.5, own: true },
      ],
      medianX: 21.4,
      medianY: 3.97,
      axisX: "x",
      axisY: "y",
      formatX: format,
      formatY: format,
      text: { own: "eigene Stadt", others: "andere", medianX: "Median x", medianY: "Median y" },
    });
    const series = option.series as Series;
    expect(series[0]?.data).toEqual([{ name: "Stadt 01", value: [10, 2] }]);
    expect(series[1]?.data).toEqual([{ name: "Köln", value: [18.6, 4.5] }]);
    expect(series[0]?.markLine?.data.map((line) => line.xAxis ?? line.yAxis)).toEqual([21.4, 3.97]);
  });
});

describe("slopeChartOption", () => {
  it("draws one line per city with both years' values, the own city last (on top)", () => {
    const option = slopeChartOption({
      slopes: answer.rows.map((row) => ({ label: row.label, from: row.previous, to: row.value, own: row.own })),
      years: [2020, 2021],
      format,
    });
    const series = option.series as (Series[number] & { name: string })[];
    expect(series.map((item) => [item.name, item.data])).toEqual([
      ["Stadt 20", [1.166092, 1.262128]],
      ["Köln", [4.186251, 4.5]],
    ]);
  });
});

describe("mapOption", () => {
  it("places only the points it is given, grouped by corridor position", () => {
    const option = mapOption({
      mapName: "germany",
      polarity: "neutral",
      text: { below: "unterhalb", within: "im Korridor", above: "oberhalb", none: "kein Wert" },
      points: [{ label: "Köln", latitude: 50.94, longitude: 6.96, own: true, corridor: "within", valueText: "4,5 %" }],
    });
    const series = option.series as Series;
    expect(series.map((item) => item.data.length)).toEqual([0, 1, 0, 0]);
    expect(series[1]?.data[0]).toMatchObject({ name: "Köln", value: [6.96, 50.94] });
  });
});
