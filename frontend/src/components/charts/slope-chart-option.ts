import type { EChartsOption } from "echarts";

import { palette } from "./palette";

export interface Slope {
  label: string;
  from: number | null;
  to: number | null;
  own: boolean;
}

export interface SlopeChartProps {
  slopes: Slope[];
  years: [number, number];
  format: (value: number) => string;
}

/** One line per city from the earlier to the later year; the own city thick, coloured and labelled. */
export function slopeChartOption({ slopes, years, format }: SlopeChartProps): EChartsOption {
  const drawn = slopes.filter((slope) => slope.from !== null && slope.to !== null);
  const ordered = [...drawn.filter((slope) => !slope.own), ...drawn.filter((slope) => slope.own)];
  return {
    animation: false,
    grid: { left: 24, right: 160, top: 24, bottom: 32, containLabel: true },
    tooltip: { trigger: "item", valueFormatter: (value) => (typeof value === "number" ? format(value) : String(value)) },
    xAxis: { type: "category", data: years.map(String), boundaryGap: false, axisLabel: { color: palette.text } },
    yAxis: { type: "value", scale: true, axisLabel: { formatter: (value: number) => format(value), color: palette.text } },
    series: ordered.map((slope) => ({
      type: "line",
      name: slope.label,
      data: [slope.from, slope.to],
      symbol: "circle",
      symbolSize: slope.own ? 10 : 5,
      z: slope.own ? 3 : 2,
      lineStyle: { width: slope.own ? 4 : 1.5, color: slope.own ? palette.own : palette.muted },
      itemStyle: { color: slope.own ? palette.own : palette.bar },
      endLabel: {
        show: true,
        color: slope.own ? palette.own : palette.text,
        fontWeight: slope.own ? "bold" : "normal",
        formatter: slope.own ? `${slope.label} ${slope.to === null ? "" : format(slope.to)}` : slope.label,
      },
      labelLayout: { moveOverlap: "shiftY" },
      emphasis: { focus: "series" },
    })),
  };
}
