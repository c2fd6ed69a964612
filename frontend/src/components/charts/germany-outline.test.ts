import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import { describe, expect, it } from "vitest";
import world from "world-atlas/countries-50m.json";

import outline from "./germany.geo.json";

describe("the bundled outline of Germany", () => {
  it("is the one scripts/germany-outline.mjs makes from world-atlas", () => {
    const topology = world as unknown as Topology<{ countries: GeometryCollection }>;
    const germany = topology.objects.countries.geometries.find((item) => item.id === "276");
    if (germany === undefined) throw new Error("Germany (276) is missing from world-atlas");
    const shape = feature(topology, germany) as unknown as { geometry: { coordinates: number[][][][] } };
    const round = (value: number) => Math.round(value * 1000) / 1000;
    const expected = shape.geometry.coordinates.map((polygon) => polygon.map((ring) => ring.map(([lon = 0, lat = 0]) => [round(lon), round(lat)])));
    expect(outline.features[0]?.geometry.coordinates).toEqual(expected);
  });
});
