import { formatNumber } from "../report/format";
import type { Figure } from "./plotly";

/**
 * Choropleth figures from a GeoJSON FeatureCollection with Plotly's `choropleth` trace
 * (`geojson` + `featureidkey`, `fitbounds: "locations"`, no base map), for `show(figure)`.
 */

/** Minimal GeoJSON the builder reads: (Multi)Polygon features with an id property. */
export interface ChoroplethFeatureCollection {
  type?: string;
  features: ReadonlyArray<ChoroplethFeature>;
}

/** One GeoJSON feature as the builder reads it. */
export interface ChoroplethFeature {
  type?: string;
  id?: string | number;
  properties?: Readonly<Record<string, unknown>> | null;
  geometry: Readonly<{ type: string; coordinates: unknown }> | null;
}

/** Values to map: id → value, a Map, parallel `{ ids, values }` (arrays or danfo Series), or records `{ id, value }`. */
export type ChoroplethValues =
  | Record<string, number | null>
  | Map<string | number, number | null>
  | { ids: ArrayLike<unknown> | { values: ArrayLike<unknown> }; values: ArrayLike<unknown> | { values: ArrayLike<unknown> } }
  | Array<{ id: string | number; value: number | null }>;

/** Options of {@link choroplethFigure}. */
export interface ChoroplethOptions {
  /** Feature property holding the region id (default "adcode"); "id" uses `feature.id`. */
  idField?: string;
  /** Feature property holding the display name for hover text (default "name"). */
  nameField?: string;
  /** Figure title. */
  title?: string;
  /** Colour-bar title: the mapped quantity with its unit. */
  valueLabel?: string;
  /**
   * Plotly colour scale (name or [[0, color], …]); default ColorBrewer YlGnBu from light (low) to
   * dark (high). Note that Plotly's own named scales ("YlGnBu", "Blues", …) run dark → light.
   */
  colorscale?: string | Array<[number, string]>;
  reversescale?: boolean;
  /** Fixed colour range (e.g. the same across years). */
  zmin?: number;
  zmax?: number;
  /** Significant digits in hover text (default 4). */
  digits?: number;
  /** Ids drawn with a thick outline (e.g. ["220000"] for 吉林). */
  highlight?: Array<string | number>;
  /** Decimal places kept in coordinates (default 3, about 100 m); fewer makes smaller pages. */
  precision?: number;
  /** Figure height in pixels (default 520). */
  height?: number;
  /** Regions in the map without a value: drawn grey with "no data" (default), or left out ("omit"). */
  missing?: "grey" | "omit";
}

type Ring = number[][];

/** ColorBrewer YlGnBu, 9 classes (Brewer, Harrower & Penn State 2002), light → dark. */
const YLGNBU: Array<[number, string]> = ["#ffffd9", "#edf8b1", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#253494", "#081d58"].map(
  (c, i, all) => [i / (all.length - 1), c] as [number, string],
);

function signedArea(ring: Ring): number {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++) s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return s / 2;
}

/** Round, drop repeated points, close, and orient a ring: exterior clockwise, holes counter-clockwise (d3-geo's convention). */
function cleanRing(ring: Ring, precision: number, exterior: boolean): Ring | null {
  const f = 10 ** precision;
  const out: Ring = [];
  for (const p of ring) {
    const q = [Math.round(p[0] * f) / f, Math.round(p[1] * f) / f];
    const last = out[out.length - 1];
    if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
  }
  if (out.length > 1 && (out[0][0] !== out[out.length - 1][0] || out[0][1] !== out[out.length - 1][1])) out.push([out[0][0], out[0][1]]);
  if (out.length < 4) return null;
  const a = signedArea(out);
  if (a === 0) return null;
  if ((exterior && a > 0) || (!exterior && a < 0)) out.reverse();
  return out;
}

function cleanPolygon(rings: Ring[], precision: number): Ring[] | null {
  const ext = rings[0] ? cleanRing(rings[0], precision, true) : null;
  if (!ext) return null;
  const holes = rings.slice(1).map((r) => cleanRing(r, precision, false)).filter((r): r is Ring => r !== null);
  return [ext, ...holes];
}

function cleanGeometry(g: Readonly<{ type: string; coordinates: unknown }>, precision: number): { type: string; coordinates: unknown } | null {
  if (g.type === "Polygon") {
    const p = cleanPolygon(g.coordinates as Ring[], precision);
    return p ? { type: "Polygon", coordinates: p } : null;
  }
  if (g.type === "MultiPolygon") {
    const ps = (g.coordinates as Ring[][]).map((p) => cleanPolygon(p, precision)).filter((p): p is Ring[] => p !== null);
    return ps.length ? { type: "MultiPolygon", coordinates: ps } : null;
  }
  throw new Error(`choroplethFigure: geometry type "${g.type}" is not supported (Polygon or MultiPolygon)`);
}

function arrayOf(x: ArrayLike<unknown> | { values: ArrayLike<unknown> }): unknown[] {
  const v = (x as { values?: ArrayLike<unknown> }).values;
  return Array.from(v && typeof v === "object" && typeof (v as ArrayLike<unknown>).length === "number" ? v : (x as ArrayLike<unknown>));
}

/** Normalize the accepted value forms to a Map id → value. */
function valueMap(values: ChoroplethValues): Map<string, number | null> {
  const m = new Map<string, number | null>();
  const put = (id: unknown, v: unknown) => {
    const key = String(id);
    if (m.has(key)) throw new Error(`choroplethFigure: id "${key}" has more than one value`);
    if (v !== null && v !== undefined && typeof v !== "number") throw new Error(`choroplethFigure: value for id "${key}" is not a number (${JSON.stringify(v)})`);
    m.set(key, v === undefined || (typeof v === "number" && Number.isNaN(v)) ? null : (v as number | null));
  };
  if (values instanceof Map) for (const [k, v] of values) put(k, v);
  else if (Array.isArray(values)) for (const r of values) put(r.id, r.value);
  else if (values && typeof values === "object" && "ids" in values && "values" in values && typeof values.ids === "object") {
    const ids = arrayOf(values.ids as ArrayLike<unknown>);
    const vals = arrayOf(values.values as ArrayLike<unknown>);
    if (ids.length !== vals.length) throw new Error(`choroplethFigure: ${ids.length} ids but ${vals.length} values`);
    ids.forEach((id, i) => put(id, vals[i]));
  } else for (const [k, v] of Object.entries(values as Record<string, unknown>)) put(k, v);
  return m;
}

function formatValue(v: number, digits: number): string {
  return Number.isInteger(v) ? String(v) : formatNumber(v, digits);
}

/**
 * Choropleth map of one value per region, Plotly `choropleth` trace over the regions' own
 * GeoJSON (no base map, no network). Regions without a value are drawn grey ("no data");
 * hover text shows the region's name and value. Coordinates are rounded to `precision`
 * decimals and rings oriented as d3-geo expects (the input is not modified).
 * @param featureCollection GeoJSON FeatureCollection of Polygon/MultiPolygon features
 * @param values one number per region id (see {@link ChoroplethValues})
 * @throws Error naming the ids that are not in the map, duplicated ids, or non-numeric values
 * @example choroplethFigure(loadGeoJSON("china-provinces"), { "220000": 0.81 }, { valueLabel: "LQ", highlight: ["220000"] }).data.length
 * // 3: the 33 regions without a value (grey), 吉林 coloured (hover "吉林: 0.81"), 吉林's outline
 */
export function choroplethFigure(
  featureCollection: ChoroplethFeatureCollection,
  values: ChoroplethValues,
  options: ChoroplethOptions = {},
): Figure {
  const idField = options.idField ?? "adcode";
  const nameField = options.nameField ?? "name";
  const precision = options.precision ?? 3;
  const digits = options.digits ?? 4;
  if (!featureCollection || !Array.isArray(featureCollection.features)) {
    throw new Error("choroplethFigure: expected a GeoJSON FeatureCollection with a features array");
  }
  const idOf = (f: ChoroplethFeature): string => {
    const raw = idField === "id" ? f.id : f.properties?.[idField];
    if (raw === undefined || raw === null) throw new Error(`choroplethFigure: a feature has no "${idField}" (set idField)`);
    return String(raw);
  };
  const features: ChoroplethFeature[] = [];
  const names = new Map<string, string>();
  for (const f of featureCollection.features) {
    if (!f.geometry) continue;
    const id = idOf(f);
    const geometry = cleanGeometry(f.geometry, precision);
    if (!geometry) continue;
    names.set(id, String(f.properties?.[nameField] ?? id));
    features.push({ type: "Feature", id, properties: { id, name: names.get(id) as string }, geometry });
  }
  const vm = valueMap(values);
  const unknown = [...vm.keys()].filter((k) => !names.has(k));
  if (unknown.length) {
    throw new Error(`choroplethFigure: ${unknown.length} id(s) not in the map (idField "${idField}"): ${unknown.slice(0, 10).join(", ")}${unknown.length > 10 ? ", …" : ""}`);
  }
  const geojson = { type: "FeatureCollection", features };
  const label = options.valueLabel ?? "value";
  const withValue = [...vm.entries()].filter(([, v]) => v !== null) as Array<[string, number]>;
  const data: Array<Record<string, unknown>> = [];
  const noData = [...names.keys()].filter((id) => !vm.has(id) || vm.get(id) === null);
  if ((options.missing ?? "grey") === "grey" && noData.length) {
    data.push({
      type: "choropleth",
      geojson,
      featureidkey: "properties.id",
      locations: noData,
      z: noData.map(() => 0),
      text: noData.map((id) => `${names.get(id)}: no data`),
      hovertemplate: "%{text}<extra></extra>",
      colorscale: [[0, "#e5e7eb"], [1, "#e5e7eb"]],
      showscale: false,
      marker: { line: { color: "#ffffff", width: 0.6 } },
      name: "no data",
    });
  }
  data.push({
    type: "choropleth",
    geojson,
    featureidkey: "properties.id",
    locations: withValue.map(([id]) => id),
    z: withValue.map(([, v]) => v),
    text: withValue.map(([id, v]) => `${names.get(id)}: ${formatValue(v, digits)}`),
    hovertemplate: `%{text}<extra>${label.replace(/</g, "&lt;")}</extra>`,
    colorscale: options.colorscale ?? YLGNBU,
    reversescale: options.reversescale ?? false,
    zmin: options.zmin,
    zmax: options.zmax,
    colorbar: { title: { text: label }, thickness: 14 },
    marker: { line: { color: "#ffffff", width: 0.6 } },
    name: label,
  });
  const highlight = (options.highlight ?? []).map(String);
  const missingHighlight = highlight.filter((h) => !names.has(h));
  if (missingHighlight.length) throw new Error(`choroplethFigure: highlight id(s) not in the map: ${missingHighlight.join(", ")}`);
  if (highlight.length) {
    data.push({
      type: "choropleth",
      geojson,
      featureidkey: "properties.id",
      locations: highlight,
      z: highlight.map(() => 0),
      colorscale: [[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
      showscale: false,
      hoverinfo: "skip",
      marker: { line: { color: "#111111", width: 2.5 } },
      name: "highlight",
    });
  }
  return {
    data,
    layout: {
      title: options.title ? { text: options.title } : undefined,
      height: options.height ?? 520,
      margin: { l: 0, r: 0, t: options.title ? 48 : 10, b: 0 },
      geo: { fitbounds: "locations", visible: false, projection: { type: "mercator" } },
    },
  };
}
