import type { DataInput } from "../core/types";
import { rawColumn, rowCount, isMissing } from "../core/data";
import type { PlotFeatureCollection, PlotlyFigure, PlotlyTrace } from "./types";
import { mapRegions, ringsToPath, mapAxes, type SimplifyOptions } from "./geometry";
import { colorAt, plotlyColorscale, NO_DATA_COLOR } from "./colors";

/** Options of {@link regionMapFigure}. */
export interface RegionMapOptions extends SimplifyOptions {
  /** Column of `data` holding the region id (matched to the GeoJSON's `idField`). */
  id: string;
  /** Column of `data` holding the value to map. */
  value: string;
  /** Optional column (e.g. "year"): one map per value, switched with a slider. */
  frame?: string;
  /** GeoJSON property holding the id (default "adcode"). */
  idField?: string;
  /** GeoJSON property holding the region's display name (default: first of name, name_zh, name_en). */
  nameField?: string;
  /** Optional column of `data` with display names (overrides the GeoJSON's names in hover text). */
  label?: string;
  /** Ids drawn with a thick dark outline (e.g. ["220000"] for 吉林). */
  highlight?: string[];
  /** Figure title; with a frame column the frame's value is appended. */
  title: string;
  /** Name of the mapped quantity with its unit, shown on the colour bar and in hover text. */
  valueLabel: string;
  /** Colour scale name from `COLOR_SCALES` (default "YlGnBu"). */
  colorscale?: string;
  /** Fixed colour range; default: min and max over all frames (so colours compare across years). */
  range?: [number, number];
  /** Decimal places in hover text (default 3). */
  digits?: number;
  /** Which frame is shown first: its label (default: the last frame). */
  initialFrame?: string | number;
}

function sortFrameLabels(labels: string[], numeric: boolean): string[] {
  return numeric ? labels.sort((a, b) => Number(a) - Number(b)) : labels.sort();
}

/**
 * Choropleth map of a value by region, optionally one map per year with a slider
 * (区位熵 by year, Jilin highlighted). Regions are drawn as filled polygons on lon/lat axes,
 * so the exported page needs no base-map download. Regions of the GeoJSON without a row
 * (e.g. 台湾, 香港, 澳门 in a 31-province panel) or with a missing value in a frame are drawn
 * grey and labelled "no data" — a documented behaviour, not an error.
 *
 * @param geojson FeatureCollection of Polygon/MultiPolygon features in lon/lat degrees
 * @param data long table (danfo DataFrame or object of columns): one row per region (and frame)
 * @param options columns, labels, highlight, colour scale; geometry simplification
 *   (`tolerance` in degrees, default: 1/1500 of the map's diagonal; `minArea` in square degrees, default 0.005)
 * @returns a Plotly figure `{ data, layout, frames? }`
 * @throws `regionMapFigure: ids not in the GeoJSON: 999999`;
 *   `regionMapFigure: region "220000" appears twice in frame "2019"`;
 *   `regionMapFigure: column "lq" is not numeric (row 3 is "abc")`
 * @example
 * const fig = regionMapFigure(geo, panel, { id: "adcode", value: "lq", frame: "year",
 *   highlight: ["220000"], title: "Financial LQ 金融区位熵", valueLabel: "LQ" });
 * fig.frames.length // 18 (one per year)
 */
export function regionMapFigure(geojson: PlotFeatureCollection, data: DataInput, options: RegionMapOptions): PlotlyFigure {
  const fn = "regionMapFigure";
  const {
    id, value, frame, idField = "adcode", nameField, label, highlight = [], title, valueLabel,
    colorscale = "YlGnBu", digits = 3, tolerance, minArea = 0.005, decimals,
  } = options;
  plotlyColorscale(colorscale); // validates the name
  const { regions, decimals: dec, bounds } = mapRegions(geojson, idField, nameField, { tolerance, minArea, decimals }, fn);
  const regionIndex = new Map(regions.map((r, i) => [r.id, i]));
  const n = rowCount(data, fn);
  const ids = rawColumn(data, id, fn);
  const vals = rawColumn(data, value, fn);
  const frames = frame ? rawColumn(data, frame, fn) : null;
  const labels = label ? rawColumn(data, label, fn) : null;
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
    if (isMissing(v)) arr[ri] = null;
    else if (typeof v !== "number") throw new Error(`${fn}: column "${value}" is not numeric (row ${i} is ${JSON.stringify(v)})`);
    else if (!Number.isFinite(v)) throw new Error(`${fn}: column "${value}" has an infinite value (row ${i})`);
    else arr[ri] = v;
    if (labels && !isMissing(labels[i])) names[ri] = String(labels[i]);
  }
  if (unknown.size > 0) throw new Error(`${fn}: ids not in the GeoJSON (property "${idField}"): ${[...unknown].slice(0, 10).join(", ")}`);
  if (byFrame.size === 0) throw new Error(`${fn}: no rows to map`);
  for (const h of highlight) if (!regionIndex.has(String(h))) throw new Error(`${fn}: highlight id "${h}" is not in the GeoJSON`);

  const frameLabels = sortFrameLabels([...byFrame.keys()], numericFrames && frames !== null);
  let lo = Infinity, hi = -Infinity;
  for (const arr of byFrame.values()) for (const v of arr) if (v !== null && v !== undefined) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  if (options.range) [lo, hi] = options.range;
  if (!Number.isFinite(lo)) { lo = 0; hi = 1; }
  const span = hi - lo || 1;
  let initial = frameLabels.length - 1;
  if (options.initialFrame !== undefined) {
    initial = frameLabels.indexOf(String(options.initialFrame));
    if (initial < 0) throw new Error(`${fn}: initialFrame "${options.initialFrame}" is not a frame (frames: ${frameLabels.join(", ")})`);
  }

  // highlighted regions are drawn last so their outline is not covered by neighbours
  const hl = new Set(highlight.map(String));
  const order = regions.map((_, i) => i).sort((a, b) => Number(hl.has(regions[a].id)) - Number(hl.has(regions[b].id)));

  const style = (fl: string, ri: number): { fillcolor: string; text: string } => {
    const v = byFrame.get(fl)?.[ri];
    const head = `${names[ri]}${frames ? ` · ${fl}` : ""}`;
    if (v === null || v === undefined) return { fillcolor: NO_DATA_COLOR, text: `${head}<br>${valueLabel}: no data` };
    return { fillcolor: colorAt(colorscale, (v - lo) / span), text: `${head}<br>${valueLabel}: ${v.toFixed(digits)}` };
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
      size: 1, opacity: 0, color: [lo, hi], cmin: lo, cmax: hi, colorscale: plotlyColorscale(colorscale),
      showscale: true, colorbar: { title: { text: valueLabel }, thickness: 14 },
    },
  });

  const titleFor = (fl: string) => (frames ? `${title} — ${fl}` : title);
  const axes = mapAxes(bounds);
  const layout: Record<string, unknown> = {
    title: { text: titleFor(frameLabels[initial]) },
    ...axes,
    hovermode: "closest",
    margin: { l: 10, r: 10, t: 50, b: frames ? 70 : 10 },
    plot_bgcolor: "#ffffff",
    height: 520,
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
