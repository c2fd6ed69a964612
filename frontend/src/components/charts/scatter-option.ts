import type { EChartsOption } from "echarts";

import { palette } from "./palette";

export interface Point {
  label: string;
  x: number;
  y: number;
  own: boolean;
}

export interface ScatterProps {
  points: Point[];
  /** The group medians of both key figures, from the API; `null` where withheld. */
  medianX: number | null;
  medianY: number | null;
  axisX: string;
  axisY: string;
  formatX: (value: number) => string;
  formatY: (value: number) => string;
  text: { own: string; others: string; medianX: string; medianY: string };
}

/** Two key figures per city, the own city highlighted and labelled, the medians as cross-lines. */
export function scatterOption(props: ScatterProps): EChartsOption {
  const { points, formatX, formatY, text } = props;
  const lines: object[] = [];
  if (props.medianX !== null) lines.push({ xAxis: props.medianX, name: text.medianX, label: { formatter: `${text.medianX}: ${formatX(props.medianX)}` } });
  if (props.medianY !== null) lines.push({ yAxis: props.medianY, name: text.medianY, label: { formatter: `${text.medianY}: ${formatY(props.medianY)}` } });
  const datum = (point: Point) => ({ name: point.label, value: [point.x, point.y] });
  return {
    animation: false,
    grid: { left: 40, right: 96, top: 48, bottom: 40, containLabel: true },
    legend: { top: 0, data: [text.others, text.own], textStyle: { color: palette.text } },
    tooltip: {
      trigger: "item",
      formatter: (params) => {
        const item = params as unknown as { name: string; value: [number, number] };
        return `${item.name}<br/>${props.axisX}: ${formatX(item.value[0])}<br/>${props.axisY}: ${formatY(item.value[1])}`;
      },
    },
    xAxis: { type: "value", name: props.axisX, nameLocation: "middle", nameGap: 28, scale: true, axisLabel: { formatter: (v: number) => formatX(v), color: palette.text } },
    yAxis: { type: "value", name: props.axisY, nameLocation: "middle", nameRotate: 90, nameGap: 64, scale: true, axisLabel: { formatter: (v: number) => formatY(v), color: palette.text } },
    series: [
      {
        type: "scatter",
        name: text.others,
        symbolSize: 10,
        itemStyle: { color: palette.bar },
        data: points.filter((point) => !point.own).map(datum),
        markLine: { symbol: "none", silent: true, lineStyle: { color: palette.median, type: "dashed" }, label: { color: palette.text }, data: lines },
      },
      {
        type: "scatter",
        name: text.own,
        symbol: "diamond",
        symbolSize: 18,
        itemStyle: { color: palette.own, borderColor: "#ffffff", borderWidth: 1 },
        label: { show: true, position: "right", color: palette.own, fontWeight: "bold", formatter: "{b}" },
        data: points.filter((point) => point.own).map(datum),
      },
    ],
  };
}
