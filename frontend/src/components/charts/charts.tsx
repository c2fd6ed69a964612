/**
 * The chart components of the dashboards: typed props in, a drawn chart out. They fetch nothing
 * and compute no statistics; every number comes from the backend through the props.
 */
import type { Ref } from "react";

import { barChartOption, type BarChartProps } from "./bar-chart-option";
import { boxPlotOption, type BoxPlotProps } from "./box-plot-option";
import { EChart, type ChartHandle } from "./echart";
import { scatterOption, type ScatterProps } from "./scatter-option";
import { slopeChartOption, type SlopeChartProps } from "./slope-chart-option";

interface Common {
  /** One sentence that says what the chart shows. */
  label: string;
  ref?: Ref<ChartHandle> | undefined;
}

export function BarChart({ label, ref, ...props }: BarChartProps & Common) {
  const option = barChartOption(props);
  const height = `${Math.max(12, props.bars.length * 1.6 + 5)}rem`;
  return <EChart option={option} label={label} height={height} ref={ref} />;
}

export function BoxPlot({ label, ref, ...props }: BoxPlotProps & Common) {
  const option = boxPlotOption(props);
  return <EChart option={option} label={label} height="28rem" ref={ref} />;
}

export function ScatterChart({ label, ref, ...props }: ScatterProps & Common) {
  const option = scatterOption(props);
  return <EChart option={option} label={label} height="32rem" ref={ref} />;
}

export function SlopeChart({ label, ref, ...props }: SlopeChartProps & Common) {
  const option = slopeChartOption(props);
  return <EChart option={option} label={label} height="36rem" ref={ref} />;
}

export type { ChartHandle } from "./echart";
