// Writes the outline of Germany that the map dashboard draws (no tile server: the machines reach
// none). Source: the npm data package `world-atlas` (Natural Earth 1:50m, public domain), the
// country with ISO 3166 numeric id 276, turned into GeoJSON with `topojson-client`; coordinates
// are rounded to 0.001° (about 100 m). Run after updating world-atlas:
//   node scripts/germany-outline.mjs
// A Vitest test (src/components/charts/germany-outline.test.ts) checks the committed file.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";

import { feature } from "topojson-client";

const require = createRequire(import.meta.url);
const world = JSON.parse(readFileSync(require.resolve("world-atlas/countries-50m.json"), "utf8"));

export function germanyOutline(topology) {
  const geometry = topology.objects.countries.geometries.find((item) => item.id === "276");
  const shape = feature(topology, geometry);
  const round = (value) => Math.round(value * 1000) / 1000;
  const coordinates = shape.geometry.coordinates.map((polygon) =>
    polygon.map((ring) => ring.map(([lon, lat]) => [round(lon), round(lat)])),
  );
  return {
    type: "FeatureCollection",
    features: [
      {
        type: "Feature",
        id: "DEU",
        properties: { name: "Deutschland", source: "Natural Earth 1:50m via world-atlas 2.0.2" },
        geometry: { type: "MultiPolygon", coordinates },
      },
    ],
  };
}

const target = new URL("../src/components/charts/germany.geo.json", import.meta.url);
writeFileSync(target, `${JSON.stringify(germanyOutline(world))}\n`);
console.log(`wrote ${target.pathname}`);
