import type { EChartsOption } from "echarts";
import { useEffect, useImperativeHandle, useRef, type Ref } from "react";

import { echarts } from "./echarts-core";

/** What a page may do with a drawn chart: take a PNG of it for the download. */
export interface ChartHandle {
  /** The chart as a PNG data URL (white background, double resolution), or `null` before it is drawn. */
  toPng: () => string | null;
}

export interface EChartProps {
  /** The complete option, built by one of the `*-option.ts` builders from API numbers. */
  option: EChartsOption;
  /** Says in one sentence what the chart shows (the table twin holds the numbers). */
  label: string;
  /** CSS height, e.g. `32rem`. */
  height: string;
  ref?: Ref<ChartHandle> | undefined;
}

/**
 * The thin wrapper around ECharts: draws `option` into a canvas, follows the size of its box, and
 * marks itself `data-rendered="true"` once drawn (end-to-end tests and the benchmark wait for it).
 * No fetching, no statistics: the option carries numbers the backend computed.
 */
export function EChart({ option, label, height, ref }: EChartProps) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const node = element.current;
    if (node === null) return undefined;
    const instance = echarts.init(node, undefined, { renderer: "canvas" });
    chart.current = instance;
    instance.on("finished", () => {
      node.dataset.rendered = "true";
    });
    const observer = new ResizeObserver(() => {
      instance.resize();
    });
    observer.observe(node);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const node = element.current;
    if (node) node.dataset.rendered = "false";
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  useImperativeHandle(ref, () => ({
    toPng: () => chart.current?.getDataURL({ type: "png", pixelRatio: 2, backgroundColor: "#ffffff" }) ?? null,
  }));

  return <div ref={element} className="echart" role="img" aria-label={label} style={{ height }} />;
}
