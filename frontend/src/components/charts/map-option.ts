import type { EChartsOption } from "echarts";

import { corridorColour, palette, type Corridor } from "./palette";

export interface MapPoint {
  label: string;
  longitude: number;
  latitude: number;
  own: boolean;
  /** Position against the group's corridor, from the API; `null` without a value. */
  corridor: Corridor | null;
  /** The value as people read it (for the tooltip). */
  valueText: string;
}

export interface MapProps {
  points: MapPoint[];
  polarity: "higher_better" | "lower_better" | "neutral";
  /** Legend text per corridor position and for cities without a value. */
  text: Record<Corridor | "none", string>;
  /** The name the outline was registered under (`registerMap`). */
  mapName: string;
}

const order: (Corridor | "none")[] = ["below", "within", "above", "none"];

/** Germany's outline with one point per placed city, coloured by its corridor position. */
export function mapOption({ points, polarity, text, mapName }: MapProps): EChartsOption {
  return {
    animation: false,
    tooltip: { trigger: "item", formatter: (params) => {
      const item = params as unknown as { name: string; data?: { valueText?: string } };
      return `${item.name}: ${item.data?.valueText ?? ""}`;
    } },
    legend: { bottom: 0, textStyle: { color: palette.text } },
    geo: {
      map: mapName,
      roam: false,
      aspectScale: 0.63,
      silent: true,
      top: 16,
      bottom: 48,
      itemStyle: { areaColor: palette.land, borderColor: "#7a8794", borderWidth: 1 },
      emphasis: { disabled: true },
    },
    series: order.map((position) => ({
      type: "scatter",
      coordinateSystem: "geo",
      name: text[position],
      itemStyle: {
        color: position === "none" ? "#ffffff" : corridorColour(position, polarity),
        borderColor: position === "none" ? palette.text : "#ffffff",
        borderWidth: 1,
      },
      symbol: "circle",
      data: points
        .filter((point) => (point.corridor ?? "none") === position)
        .map((point) => ({
          name: point.label,
          value: [point.longitude, point.latitude],
          valueText: point.valueText,
          symbol: point.own ? "diamond" : "circle",
          symbolSize: point.own ? 22 : 11,
          label: point.own
            ? { show: true, position: "right", formatter: "{b}", fontWeight: "bold", color: palette.own, backgroundColor: "#ffffff", padding: 2 }
            : { show: false },
          itemStyle: point.own ? { borderColor: palette.own, borderWidth: 3 } : {},
        })),
    })),
  };
}
