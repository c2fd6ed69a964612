import { GeoComponent } from "echarts/components";
import type { Ref } from "react";

import { EChart, type ChartHandle } from "./echart";
import { echarts } from "./echarts-core";
import germany from "./germany.geo.json";
import { mapOption, type MapProps } from "./map-option";

const MAP_NAME = "germany";

echarts.use([GeoComponent]);
echarts.registerMap(MAP_NAME, germany as unknown as Parameters<typeof echarts.registerMap>[1]);

export interface GermanyMapProps extends Omit<MapProps, "mapName"> {
  label: string;
  ref?: Ref<ChartHandle> | undefined;
}

/** Germany (bundled outline, no tile server) with the placed cities coloured by corridor position. */
export function GermanyMap({ label, ref, ...props }: GermanyMapProps) {
  const option = mapOption({ ...props, mapName: MAP_NAME });
  return <EChart option={option} label={label} height="36rem" ref={ref} />;
}
