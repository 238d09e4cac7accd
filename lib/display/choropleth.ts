import { regionMapFigure, type RegionValues } from "../plots/regionMap";
import type { ColorScale } from "../plots/colors";
import type { PlotFeature, PlotFeatureCollection } from "../plots/types";
import type { Figure } from "./plotly";

/**
 * The old choropleth entry point, kept one release as a deprecated alias of `regionMapFigure`
 * (lib/plots/regionMap.ts), the one choropleth builder: it converts its options and calls it.
 */

/** @deprecated use `PlotFeatureCollection` from lib/plots (the GeoJSON `regionMapFigure` reads). */
export type ChoroplethFeatureCollection = PlotFeatureCollection;

/** @deprecated use `PlotFeature` from lib/plots. */
export type ChoroplethFeature = PlotFeature;

/** @deprecated use `RegionValues` from lib/plots: id → value, a Map, `{ ids, values }` or records `{ id, value }`. */
export type ChoroplethValues = RegionValues;

/** Options of {@link choroplethFigure}; each maps to a {@link regionMapFigure} option. @deprecated use `RegionMapOptions`. */
export interface ChoroplethOptions {
  /** Feature property holding the region id (default "adcode"); "id" uses `feature.id`. → `idField` */
  idField?: string;
  /** Feature property holding the display name for hover text (default: name, name_zh or name_en). → `nameField` */
  nameField?: string;
  /** Figure title (default none). → `title` */
  title?: string;
  /** Colour-bar title: the mapped quantity with its unit (default "value"). → `valueLabel` */
  valueLabel?: string;
  /** A `COLOR_SCALES` name or stops `[[0, "#fff"], …, [1, "#000"]]`; default YlGnBu, light (low) to dark (high). → `colorscale` */
  colorscale?: ColorScale;
  /** → `reversescale` */
  reversescale?: boolean;
  /** Fixed colour range (e.g. the same across years). → `range: [zmin, zmax]` */
  zmin?: number;
  zmax?: number;
  /** Significant digits in hover text (default 4). → `significantDigits` */
  digits?: number;
  /** Ids drawn with a thick outline (e.g. ["220000"] for 吉林). → `highlight` */
  highlight?: Array<string | number>;
  /** Decimal places kept in coordinates. → `decimals` */
  precision?: number;
  /** Figure height in pixels (default 520). → `height` */
  height?: number;
  /** Regions in the map without a value: drawn grey with "no data" (default), or left out ("omit"). → `missing` */
  missing?: "grey" | "omit";
}

/**
 * Choropleth map of one value per region: `regionMapFigure(featureCollection, values, …)` with
 * this function's option names (see {@link ChoroplethOptions} for the mapping). Errors name `regionMapFigure`.
 * @deprecated use regionMapFigure (lib/plots): `regionMapFigure(geo, values, { title, valueLabel, highlight, significantDigits: 4 })`.
 * @param featureCollection GeoJSON FeatureCollection of Polygon/MultiPolygon features
 * @param values one number per region id (see {@link ChoroplethValues})
 * @throws whatever `regionMapFigure` throws: ids not in the GeoJSON, duplicated ids, non-numeric values, unknown highlight ids
 * @example choroplethFigure(loadGeoJSON("china-provinces"), { "220000": 0.81 }, { valueLabel: "LQ", highlight: ["220000"] }).data.length
 * // 35: 34 provinces (33 grey "no data", 吉林 outlined, hover "吉林<br>LQ: 0.81") and the colour bar
 */
export function choroplethFigure(featureCollection: ChoroplethFeatureCollection, values: ChoroplethValues, options: ChoroplethOptions = {}): Figure {
  const { zmin, zmax, digits = 4, precision, ...same } = options;
  return regionMapFigure(featureCollection, values, {
    ...same,
    title: options.title ?? "",
    valueLabel: options.valueLabel ?? "value",
    range: zmin === undefined && zmax === undefined ? undefined : [zmin, zmax],
    significantDigits: digits,
    decimals: precision,
  });
}
