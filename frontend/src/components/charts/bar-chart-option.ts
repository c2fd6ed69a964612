import type { EChartsOption } from "echarts";

import { palette } from "./palette";

export interface Bar {
  label: string;
  /** `null` for a suppressed or missing value: the bar is left out and `sign` is shown. */
  value: number | null;
  own: boolean;
  /** `.` (suppressed) or `–` (missing) where there is no value. */
  sign?: string;
  /** Marked with `*`: the value differs significantly from the group median. */
  significant?: boolean;
}

export interface GroupLines {
  median: number | null;
  mean: number | null;
  q1: number | null;
  q3: number | null;
}

export interface BarChartProps {
  /** In the order the API gave them (rank 1 first). */
  bars: Bar[];
  lines: GroupLines;
  /** Writes a value as people read it (locale, unit). */
  format: (value: number) => string;
  text: { median: string; mean: string; corridor: string; own: string };
}

/** Horizontal bars, one per city, top = rank 1; median and mean as lines, Q1–Q3 as a band. */
export function barChartOption({ bars, lines, format, text }: BarChartProps): EChartsOption {
  const labels = bars.map((bar) => {
    const star = bar.significant ? " *" : "";
    const sign = bar.value === null && bar.sign ? `  ${bar.sign}` : "";
    return bar.own ? `${bar.label} (${text.own})${star}${sign}` : `${bar.label}${star}${sign}`;
  });
  const markLines: { name: string; xAxis: number; lineStyle: object; label: object }[] = [];
  if (lines.median !== null) {
    markLines.push({
      name: text.median,
      xAxis: lines.median,
      lineStyle: { color: palette.median, type: "solid", width: 2 },
      label: { formatter: `${text.median} ${format(lines.median)}`, color: palette.text, position: "end", fontWeight: "bold" },
    });
  }
  if (lines.mean !== null) {
    markLines.push({
      name: text.mean,
      xAxis: lines.mean,
      lineStyle: { color: palette.mean, type: "dashed", width: 2 },
      label: { formatter: `${text.mean} ${format(lines.mean)}`, color: palette.text, position: "start" },
    });
  }
  const band =
    lines.q1 !== null && lines.q3 !== null
      ? [[{ name: text.corridor, xAxis: lines.q1 }, { xAxis: lines.q3 }]]
      : [];
  return {
    animation: false,
    aria: { enabled: false },
    grid: { left: 8, right: 72, top: 36, bottom: 36, containLabel: true },
    tooltip: { trigger: "item", valueFormatter: (value) => (typeof value === "number" ? format(value) : String(value)) },
    xAxis: { type: "value", scale: false, axisLabel: { formatter: (value: number) => format(value), color: palette.text } },
    yAxis: {
      type: "category",
      inverse: true,
      data: labels,
      axisTick: { show: false },
      axisLabel: {
        interval: 0,
        color: palette.text,
        formatter: (value: string, index: number) => (bars[index]?.own ? `{own|${value}}` : value),
        rich: { own: { fontWeight: "bold", color: palette.own } },
      },
    },
    series: [
      {
        type: "bar",
        name: "value",
        barMaxWidth: 18,
        data: bars.map((bar) => ({
          name: bar.label,
          value: bar.value,
          itemStyle: { color: bar.own ? palette.own : palette.bar },
        })),
        label: {
          show: true,
          position: "right",
          color: palette.text,
          formatter: (params) => (typeof params.value === "number" ? format(params.value) : ""),
        },
        markLine: { symbol: "none", silent: true, data: markLines },
        markArea: { silent: true, itemStyle: { color: palette.corridor }, label: { show: false }, data: band },
      },
    ],
  } as EChartsOption;
}
