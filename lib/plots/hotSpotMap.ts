import type { PlotFeatureCollection, PlotlyFigure, PlotlyTrace } from "./types";
import { mapRegions, ringsToPath, mapAxes, type SimplifyOptions } from "./geometry";
import { NO_DATA_COLOR } from "./colors";

/** Hot-spot labels as `localG` reports them. */
export type HotSpotLabel = "hot" | "cold" | "ns";

/** Colours of the hot-spot map (red hot, blue cold, grey not significant). */
export const HOT_SPOT_COLORS: Record<HotSpotLabel, string> = { hot: "#d7191c", cold: "#2c7bb6", ns: "#eeeeee" };

const HOT_SPOT_NAMES: Record<HotSpotLabel, string> = { hot: "Hot spot 热点", cold: "Cold spot 冷点", ns: "Not significant 不显著" };

/** Options of {@link hotSpotMapFigure}. */
export interface HotSpotMapOptions extends SimplifyOptions {
  /** Region ids, in the order of `hotSpot` (e.g. `localG(...).ids`). */
  ids: ArrayLike<string>;
  /** "hot" | "cold" | "ns" per region. */
  hotSpot: ArrayLike<string>;
  /** Optional Gi / Gi* z-value and p-value per region, shown in hover text. */
  z?: ArrayLike<number>;
  pValue?: ArrayLike<number>;
  /** GeoJSON property holding the id (default "adcode") and the name. */
  idField?: string;
  nameField?: string;
  title: string;
}

/**
 * Hot-spot map (冷热点图) of local Getis–Ord statistics: regions coloured hot (significant high G), cold
 * (significant low G) or grey; regions of the GeoJSON without a label are "no data". Polygons are filled scatter
 * traces (no base-map download), as {@link lisaClusterMapFigure}.
 *
 * @param geojson FeatureCollection of Polygon/MultiPolygon features in lon/lat degrees
 * @param options ids, hotSpot labels, optional z and p for hover text, title
 * @returns a Plotly figure with one legend entry per label present
 * @throws `hotSpotMapFigure: 31 ids but 30 labels`; `hotSpotMapFigure: unknown label "warm" for region "110000"`;
 *   `hotSpotMapFigure: ids not in the GeoJSON (property "adcode"): 999999`
 * @example
 * const g = localG(df, "gdppc", w, { id: "adcode", star: true });
 * hotSpotMapFigure(geo, { ids: g.ids, hotSpot: g.hotSpot, z: g.Z, pValue: g.pSim!, title: "Gi* 2019" }).data.length // one trace per region
 */
export function hotSpotMapFigure(geojson: PlotFeatureCollection, options: HotSpotMapOptions): PlotlyFigure {
  const fn = "hotSpotMapFigure";
  const { ids, hotSpot, z, pValue, idField = "adcode", nameField, title, tolerance, minArea = 0.005, decimals } = options;
  if (ids.length !== hotSpot.length) throw new Error(`${fn}: ${ids.length} ids but ${hotSpot.length} labels`);
  for (const [nm, arr] of [["z", z], ["pValue", pValue]] as const) {
    if (arr && arr.length !== ids.length) throw new Error(`${fn}: ${ids.length} ids but ${arr.length} values in "${nm}"`);
  }
  const { regions, decimals: dec, bounds } = mapRegions(geojson, idField, nameField, { tolerance, minArea, decimals }, fn);
  const index = new Map(regions.map((r, i) => [r.id, i]));
  const labelOf = new Array<HotSpotLabel | null>(regions.length).fill(null);
  const hover = new Array<string>(regions.length);
  const unknown: string[] = [];
  for (let k = 0; k < ids.length; k++) {
    const id = String(ids[k]);
    const ri = index.get(id);
    if (ri === undefined) { unknown.push(id); continue; }
    const c = String(hotSpot[k]);
    if (!(c in HOT_SPOT_COLORS)) throw new Error(`${fn}: unknown label "${c}" for region "${id}" (expected hot, cold or ns)`);
    labelOf[ri] = c as HotSpotLabel;
    const parts = [regions[ri].name, HOT_SPOT_NAMES[c as HotSpotLabel]];
    if (z) parts.push(`z: ${Number(z[k]).toFixed(3)}`);
    if (pValue) parts.push(`p: ${Number(pValue[k]).toFixed(3)}`);
    hover[ri] = parts.join("<br>");
  }
  if (unknown.length > 0) throw new Error(`${fn}: ids not in the GeoJSON (property "${idField}"): ${unknown.slice(0, 10).join(", ")}`);
  const legendShown = new Set<string>();
  const traces: PlotlyTrace[] = regions.map((r, ri) => {
    const c = labelOf[ri];
    const group = c ?? "nodata";
    const show = !legendShown.has(group);
    legendShown.add(group);
    const { x, y } = ringsToPath(r.rings, dec);
    return {
      type: "scatter", mode: "lines", x, y, fill: "toself", fillcolor: c ? HOT_SPOT_COLORS[c] : NO_DATA_COLOR,
      line: { color: "#ffffff", width: 0.6 }, hoveron: "fills", hoverinfo: "text", text: c ? hover[ri] : `${r.name}<br>no data`,
      name: c ? HOT_SPOT_NAMES[c] : "No data 无数据", legendgroup: group, showlegend: show,
      legendrank: 1000 + ["hot", "cold", "ns", "nodata"].indexOf(group),
    };
  });
  return {
    data: traces,
    layout: { title: { text: title }, ...mapAxes(bounds), hovermode: "closest", height: 520, margin: { l: 10, r: 10, t: 50, b: 10 },
      plot_bgcolor: "#ffffff", legend: { title: { text: "Getis–Ord hot spots 冷热点" } } },
  };
}
