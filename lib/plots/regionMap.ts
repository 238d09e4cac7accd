import type { DataInput } from "../core/types";
import { rawColumn, rowCount, isMissing } from "../core/data";
import { formatFixed, formatNumber } from "../report/format";
import type { PlotFeatureCollection, PlotlyFigure, PlotlyTrace } from "./types";
import { mapRegions, ringsToPath, ringsBounds, mapAxes, type SimplifyOptions } from "./geometry";
import { colorAt, plotlyColorscale, NO_DATA_COLOR, type ColorScale } from "./colors";

/**
 * One value per region, for a map without a data table: an object id → value, a Map, parallel
 * `{ ids, values }` (arrays or danfo Series) or records `{ id, value }`. `null`, `undefined` and NaN are "no data".
 */
export type RegionValues =
  | Readonly<Record<string, number | null>>
  | ReadonlyMap<string | number, number | null>
  | Readonly<{ ids: ArrayLike<unknown> | { values: ArrayLike<unknown> }; values: ArrayLike<unknown> | { values: ArrayLike<unknown> } }>
  | ReadonlyArray<Readonly<{ id: string | number; value: number | null }>>;

/** Options of {@link regionMapFigure}. */
export interface RegionMapOptions extends SimplifyOptions {
  /** Column of `data` holding the region id (matched to the GeoJSON's `idField`); omit with `value` when `data` is {@link RegionValues}. */
  id?: string;
  /** Column of `data` holding the value to map; omit with `id` when `data` is {@link RegionValues}. */
  value?: string;
  /** Optional column (e.g. "year"): one map per value, switched with a slider. */
  frame?: string;
  /** GeoJSON property holding the id (default "adcode"). */
  idField?: string;
  /** GeoJSON property holding the region's display name (default: first of name, name_zh, name_en). */
  nameField?: string;
  /** Optional column of `data` with display names (overrides the GeoJSON's names in hover text). */
  label?: string;
  /** Ids drawn with a thick dark outline (e.g. ["220000"] for 吉林). */
  highlight?: ReadonlyArray<string | number>;
  /** Figure title; with a frame column the frame's value is appended. */
  title: string;
  /** Name of the mapped quantity with its unit, shown on the colour bar and in hover text. */
  valueLabel: string;
  /** Colour scale: a name from `COLOR_SCALES` (default "YlGnBu", light = low) or stops `[[0, "#fff"], …, [1, "#000"]]`. */
  colorscale?: ColorScale;
  /** Run the colour scale the other way (dark = low). */
  reversescale?: boolean;
  /** Fixed colour range, e.g. the same across figures; either end may be `undefined`. Default: min and max over all frames (so colours compare across years). */
  range?: readonly [number | undefined, number | undefined];
  /** Decimal places in hover text (default 3), via `formatFixed`. */
  digits?: number;
  /** Significant digits in hover text instead of decimal places, via `formatNumber` (e.g. 4: 0.01234, 12.35, 123457). */
  significantDigits?: number;
  /** Regions of the GeoJSON with no value in any frame: drawn grey as "no data" (default), or left out ("omit"; the map then fits the rest). */
  missing?: "grey" | "omit";
  /** Figure height in pixels (default 520). */
  height?: number;
  /** Which frame is shown first: its label (default: the last frame). */
  initialFrame?: string | number;
}

function sortFrameLabels(labels: string[], numeric: boolean): string[] {
  return numeric ? labels.sort((a, b) => Number(a) - Number(b)) : labels.sort();
}

function arrayOf(x: ArrayLike<unknown> | { values: ArrayLike<unknown> }): unknown[] {
  const v = (x as { values?: ArrayLike<unknown> }).values;
  return Array.from(v && typeof v === "object" && typeof (v as ArrayLike<unknown>).length === "number" ? v : (x as ArrayLike<unknown>));
}

/** {@link RegionValues} as parallel id and value arrays. */
function regionValueColumns(values: RegionValues, fn: string): { ids: unknown[]; vals: unknown[] } {
  if (values === null || typeof values !== "object") throw new Error(`${fn}: expected values by id ({ id: value }, a Map, { ids, values } or records), got ${values === null ? "null" : typeof values}`);
  if (values instanceof Map) return { ids: [...values.keys()], vals: [...values.values()] };
  if (Array.isArray(values)) return { ids: values.map((r) => r?.id), vals: values.map((r) => r?.value) };
  const o = values as Record<string, unknown>;
  if ("ids" in o && "values" in o && typeof o.ids === "object" && typeof o.values === "object") {
    const ids = arrayOf(o.ids as ArrayLike<unknown>);
    const vals = arrayOf(o.values as ArrayLike<unknown>);
    if (ids.length !== vals.length) throw new Error(`${fn}: ${ids.length} ids but ${vals.length} values`);
    return { ids, vals };
  }
  return { ids: Object.keys(o), vals: Object.values(o) };
}

/**
 * Choropleth map of a value by region, optionally one map per year with a slider
 * (区位熵 by year, Jilin highlighted) — the one choropleth builder of lib/. Regions are drawn as
 * filled polygons on lon/lat axes, so the exported page needs no base-map download. Regions of the
 * GeoJSON without a row (e.g. 台湾, 香港, 澳门 in a 31-province panel) or with a missing value in a frame
 * are drawn grey and labelled "no data" — a documented behaviour, not an error (`missing: "omit"`
 * leaves out regions with no value at all).
 *
 * The values come either from a long table (`data` with `id`, `value` and optional `frame` columns)
 * or, with `id` and `value` omitted, from {@link RegionValues}: `{ "220000": 0.81 }`, a Map,
 * `{ ids, values }` or records `{ id, value }`.
 *
 * @param geojson FeatureCollection of Polygon/MultiPolygon features in lon/lat degrees
 * @param data long table (danfo DataFrame or object of columns): one row per region (and frame); or values by id
 * @param options columns, labels, highlight, colour scale, hover digits; geometry simplification
 *   (`tolerance` in degrees, default: 1/1500 of the map's diagonal; `minArea` in square degrees, default 0.005)
 * @returns a Plotly figure `{ data, layout, frames? }`
 * @throws `regionMapFigure: ids not in the GeoJSON: 999999`;
 *   `regionMapFigure: region "220000" appears twice in frame "2019"`;
 *   `regionMapFigure: column "lq" is not numeric (row 3 is "abc")`; `regionMapFigure: value for id "A" is not numeric ("x")`;
 *   `regionMapFigure: give both id and value columns, or neither (values by id)`
 * @example
 * const fig = regionMapFigure(geo, panel, { id: "adcode", value: "lq", frame: "year",
 *   highlight: ["220000"], title: "Financial LQ 金融区位熵", valueLabel: "LQ" });
 * fig.frames.length // 18 (one per year)
 * regionMapFigure(geo, { "220000": 0.81 }, { title: "LQ", valueLabel: "LQ", significantDigits: 4 }).data.length
 * // 35: 34 provinces (33 grey, hover "吉林<br>LQ: 0.81") and the colour bar
 */
export function regionMapFigure(geojson: PlotFeatureCollection, data: DataInput | RegionValues, options: RegionMapOptions): PlotlyFigure {
  const fn = "regionMapFigure";
  const {
    id, value, frame, idField = "adcode", nameField, label, highlight = [], title, valueLabel,
    colorscale = "YlGnBu", reversescale = false, digits = 3, significantDigits, missing = "grey", height = 520,
    tolerance, minArea = 0.005, decimals,
  } = options;
  if ((id === undefined) !== (value === undefined)) throw new Error(`${fn}: give both id and value columns, or neither (values by id)`);
  const byId = id === undefined;
  if (byId && (frame !== undefined || label !== undefined)) throw new Error(`${fn}: frame and label are columns of a data table; with values by id give id and value columns too`);
  if (missing !== "grey" && missing !== "omit") throw new Error(`${fn}: missing must be "grey" or "omit" (got ${JSON.stringify(missing)})`);
  const scale = plotlyColorscale(colorscale, reversescale); // validates the scale
  if (significantDigits !== undefined) formatNumber(1, significantDigits); // validates the digits
  const { regions, decimals: dec, bounds: allBounds } = mapRegions(geojson, idField, nameField, { tolerance, minArea, decimals }, fn);
  const regionIndex = new Map(regions.map((r, i) => [r.id, i]));
  let ids: ArrayLike<unknown>, vals: ArrayLike<unknown>;
  let n: number;
  if (byId) {
    ({ ids, vals } = regionValueColumns(data as RegionValues, fn));
    n = ids.length;
  } else {
    n = rowCount(data as DataInput, fn);
    ids = rawColumn(data as DataInput, id, fn);
    vals = rawColumn(data as DataInput, value as string, fn);
  }
  const frames = frame ? rawColumn(data as DataInput, frame, fn) : null;
  const labels = label ? rawColumn(data as DataInput, label, fn) : null;
  const names = regions.map((r) => r.name);

  const unknown = new Set<string>();
  const byFrame = new Map<string, Array<number | null>>();
  let numericFrames = true;
  for (let i = 0; i < n; i++) {
    const rid = String(ids[i]);
    const ri = regionIndex.get(rid);
    if (ri === undefined) { unknown.add(rid); continue; }
    const fl = frames ? String(frames[i]) : "";
    if (frames && typeof frames[i] !== "number") numericFrames = false;
    let arr = byFrame.get(fl);
    if (!arr) { arr = new Array(regions.length).fill(undefined); byFrame.set(fl, arr); }
    if (arr[ri] !== undefined) throw new Error(`${fn}: region "${rid}" appears twice${frames ? ` in frame "${fl}"` : ""}`);
    const v = vals[i];
    const what = byId ? `value for id "${rid}"` : `column "${value}"`;
    if (isMissing(v)) arr[ri] = null;
    else if (typeof v !== "number") throw new Error(`${fn}: ${what} is not numeric (${byId ? "" : `row ${i} is `}${JSON.stringify(v)})`);
    else if (!Number.isFinite(v)) throw new Error(`${fn}: ${what} has an infinite value${byId ? "" : ` (row ${i})`}`);
    else arr[ri] = v;
    if (labels && !isMissing(labels[i])) names[ri] = String(labels[i]);
  }
  if (unknown.size > 0) throw new Error(`${fn}: ids not in the GeoJSON (property "${idField}"): ${[...unknown].slice(0, 10).join(", ")}${unknown.size > 10 ? ", …" : ""}`);
  if (byFrame.size === 0) throw new Error(`${fn}: no rows to map`);
  for (const h of highlight) if (!regionIndex.has(String(h))) throw new Error(`${fn}: highlight id "${h}" is not in the GeoJSON`);

  const frameLabels = sortFrameLabels([...byFrame.keys()], numericFrames && frames !== null);
  let lo = Infinity, hi = -Infinity;
  for (const arr of byFrame.values()) for (const v of arr) if (v !== null && v !== undefined) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  if (!Number.isFinite(lo)) { lo = 0; hi = 1; }
  if (options.range) {
    lo = options.range[0] ?? lo;
    hi = options.range[1] ?? hi;
    if (!Number.isFinite(lo) || !Number.isFinite(hi) || lo > hi) throw new Error(`${fn}: range must be [min, max] with min <= max (got [${lo}, ${hi}])`);
  }
  const span = hi - lo || 1;
  let initial = frameLabels.length - 1;
  if (options.initialFrame !== undefined) {
    initial = frameLabels.indexOf(String(options.initialFrame));
    if (initial < 0) throw new Error(`${fn}: initialFrame "${options.initialFrame}" is not a frame (frames: ${frameLabels.join(", ")})`);
  }

  // with missing: "omit", regions with no value in any frame are not drawn; highlighted regions are
  // drawn last so their outline is not covered by neighbours
  const hl = new Set(highlight.map(String));
  const hasValue = (ri: number) => [...byFrame.values()].some((arr) => arr[ri] !== null && arr[ri] !== undefined);
  const drawn = regions.map((_, i) => i).filter((ri) => missing === "grey" || hasValue(ri) || hl.has(regions[ri].id));
  if (drawn.length === 0) throw new Error(`${fn}: no region has a value (missing: "omit" leaves nothing to draw)`);
  const order = drawn.sort((a, b) => Number(hl.has(regions[a].id)) - Number(hl.has(regions[b].id)));
  const bounds = missing === "grey" ? allBounds : ringsBounds(order.flatMap((ri) => regions[ri].rings));

  const show = (v: number) => (significantDigits !== undefined ? formatNumber(v, significantDigits) : formatFixed(v, digits));
  const style = (fl: string, ri: number): { fillcolor: string; text: string } => {
    const v = byFrame.get(fl)?.[ri];
    const head = `${names[ri]}${frames ? ` · ${fl}` : ""}`;
    if (v === null || v === undefined) return { fillcolor: NO_DATA_COLOR, text: `${head}<br>${valueLabel}: no data` };
    return { fillcolor: colorAt(scale, (v - lo) / span), text: `${head}<br>${valueLabel}: ${show(v)}` };
  };

  const traces: PlotlyTrace[] = order.map((ri) => {
    const r = regions[ri];
    const { x, y } = ringsToPath(r.rings, dec);
    const s = style(frameLabels[initial], ri);
    const isHl = hl.has(r.id);
    return {
      type: "scatter", mode: "lines", x, y, fill: "toself", fillcolor: s.fillcolor,
      line: { color: isHl ? "#000000" : "#ffffff", width: isHl ? 2.5 : 0.6 },
      hoveron: "fills", hoverinfo: "text", text: s.text, name: r.name, showlegend: false,
    };
  });
  traces.push({
    type: "scatter", mode: "markers", x: [bounds[0]], y: [bounds[1]], hoverinfo: "skip", showlegend: false,
    marker: {
      size: 1, opacity: 0, color: [lo, hi], cmin: lo, cmax: hi, colorscale: scale,
      showscale: true, colorbar: { title: { text: valueLabel }, thickness: 14 },
    },
  });

  const titleFor = (fl: string) => (frames ? `${title} — ${fl}` : title);
  const axes = mapAxes(bounds);
  const layout: Record<string, unknown> = {
    title: { text: titleFor(frameLabels[initial]) },
    ...axes,
    hovermode: "closest",
    margin: { l: 10, r: 10, t: title ? 50 : 10, b: frames ? 70 : 10 },
    plot_bgcolor: "#ffffff",
    height,
  };
  const fig: PlotlyFigure = { data: traces, layout };
  if (frames && frameLabels.length > 0) {
    const traceIdx = order.map((_, k) => k);
    fig.frames = frameLabels.map((fl) => ({
      name: fl,
      traces: traceIdx,
      data: order.map((ri) => style(fl, ri)),
      layout: { title: { text: titleFor(fl) } },
    }));
    layout.sliders = [{
      active: initial,
      currentvalue: { prefix: `${frame}: ` },
      pad: { t: 10 },
      steps: frameLabels.map((fl) => ({
        label: fl, method: "animate",
        args: [[fl], { mode: "immediate", frame: { duration: 0, redraw: true }, transition: { duration: 0 } }],
      })),
    }];
  }
  return fig;
}
