import type { EChartsOption } from "echarts";

import { palette } from "./palette";

export interface Box {
  /** e.g. `2021 · Größenklasse 1`. */
  label: string;
  /** Minimum, Q1, median, Q3, maximum from the API; `null` where the statistics are withheld. */
  five: [number, number, number, number, number] | null;
  own: number | null;
}

export interface BoxPlotProps {
  boxes: Box[];
  format: (value: number) => string;
  text: { own: string; box: string };
}

/** One box per data year and peer group (whiskers at min and max), the own city as a point. */
export function boxPlotOption({ boxes, format, text }: BoxPlotProps): EChartsOption {
  return {
    animation: false,
    grid: { left: 8, right: 24, top: 40, bottom: 16, containLabel: true },
    legend: { top: 0, data: [text.box, text.own], textStyle: { color: palette.text } },
    tooltip: { trigger: "item" },
    xAxis: { type: "category", data: boxes.map((box) => box.label), axisLabel: { interval: 0, color: palette.text, rotate: 30, width: 170, overflow: "truncate" } },
    yAxis: { type: "value", axisLabel: { formatter: (value: number) => format(value), color: palette.text } },
    series: [
      {
        type: "boxplot",
        name: text.box,
        itemStyle: { color: "#dbe6f1", borderColor: palette.bar, borderWidth: 2 },
        data: boxes.map((box) => box.five ?? [null, null, null, null, null]),
      },
      {
        type: "scatter",
        name: text.own,
        symbol: "diamond",
        symbolSize: 16,
        itemStyle: { color: palette.own, borderColor: "#ffffff", borderWidth: 1 },
        label: { show: true, position: "right", color: palette.own, fontWeight: "bold", formatter: (params) => format((params.value as number[])[1] ?? 0) },
        data: boxes.flatMap((box, index) => (box.own === null ? [] : [[index, box.own]])),
      },
    ],
  } as EChartsOption;
}
