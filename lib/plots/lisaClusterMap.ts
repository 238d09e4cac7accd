import type { PlotFeatureCollection, PlotlyFigure, PlotlyTrace } from "./types";
import { mapRegions, ringsToPath, mapAxes, type SimplifyOptions } from "./geometry";
import { NO_DATA_COLOR } from "./colors";

/** LISA cluster labels as `localMoran` reports them ("ns" = not significant at the chosen alpha). */
export type LisaCluster = "HH" | "LL" | "HL" | "LH" | "ns";

/** Colours of the conventional LISA cluster map (GeoDa's scheme). */
export const LISA_COLORS: Record<LisaCluster, string> = {
  HH: "#d7191c", LL: "#2c7bb6", HL: "#fdae61", LH: "#abd9e9", ns: "#eeeeee",
};

const LISA_NAMES: Record<LisaCluster, string> = {
  HH: "High-High 高-高", LL: "Low-Low 低-低", HL: "High-Low 高-低", LH: "Low-High 低-高", ns: "Not significant 不显著",
};

/** Options of {@link lisaClusterMapFigure}. */
export interface LisaClusterMapOptions extends SimplifyOptions {
  /** Region ids, in the order of `cluster` (e.g. `w.ids`). */
  ids: ArrayLike<string>;
  /** Cluster label per region: "HH" | "LL" | "HL" | "LH" | "ns". */
  cluster: ArrayLike<string>;
  /** Optional permutation p-value per region, shown in hover text. */
  pValue?: ArrayLike<number>;
  /** Optional local statistic Ii per region, shown in hover text. */
  localI?: ArrayLike<number>;
  /** Optional mapped value per region (e.g. the LQ), shown in hover text. */
  value?: ArrayLike<number>;
  /** Label of `value` with unit. */
  valueLabel?: string;
  /** GeoJSON property holding the id (default "adcode") and the name (default: first of name, name_zh, name_en). */
  idField?: string;
  nameField?: string;
  /** Ids outlined thickly (e.g. ["220000"]). */
  highlight?: string[];
  title: string;
}

/**
 * LISA cluster map (局部空间自相关聚类图, Anselin 1995): regions coloured by the quadrant of
 * a significant local Moran's I (HH, LL, HL, LH) or grey when not significant; regions of
 * the GeoJSON without a cluster label are drawn light grey as "no data".
 * Polygons are drawn as filled scatter traces (no base-map download).
 *
 * @param geojson FeatureCollection of Polygon/MultiPolygon features
 * @param options ids, cluster labels and optional p-values / Ii / values for hover text
 * @returns a Plotly figure with one legend entry per cluster type present
 * @throws `lisaClusterMapFigure: unknown cluster label "XX" for region "220000"`;
 *   `lisaClusterMapFigure: ids not in the GeoJSON: 999999`; `lisaClusterMapFigure: 31 ids but 30 cluster labels`
 * @example
 * const lm = localMoran(lq, w, { permutations: 999, seed: 1 });
 * lisaClusterMapFigure(geo, { ids: w.ids, cluster: lm.cluster, pValue: lm.pSim, title: "LISA 2019" })
 */
export function lisaClusterMapFigure(geojson: PlotFeatureCollection, options: LisaClusterMapOptions): PlotlyFigure {
  const fn = "lisaClusterMapFigure";
  const { ids, cluster, pValue, localI, value, valueLabel = "value", idField = "adcode", nameField,
    highlight = [], title, tolerance, minArea = 0.005, decimals } = options;
  if (ids.length !== cluster.length) throw new Error(`${fn}: ${ids.length} ids but ${cluster.length} cluster labels`);
  for (const [nm, arr] of [["pValue", pValue], ["localI", localI], ["value", value]] as const) {
    if (arr && arr.length !== ids.length) throw new Error(`${fn}: ${ids.length} ids but ${arr.length} values in "${nm}"`);
  }
  const { regions, decimals: dec, bounds } = mapRegions(geojson, idField, nameField, { tolerance, minArea, decimals }, fn);
  const index = new Map(regions.map((r, i) => [r.id, i]));
  const labelOf = new Array<LisaCluster | null>(regions.length).fill(null);
  const hover = new Array<string>(regions.length);
  const unknown: string[] = [];
  for (let k = 0; k < ids.length; k++) {
    const id = String(ids[k]);
    const ri = index.get(id);
    if (ri === undefined) { unknown.push(id); continue; }
    const c = String(cluster[k]);
    if (!(c in LISA_COLORS)) throw new Error(`${fn}: unknown cluster label "${c}" for region "${id}" (expected HH, LL, HL, LH or ns)`);
    labelOf[ri] = c as LisaCluster;
    const parts = [regions[ri].name, LISA_NAMES[c as LisaCluster]];
    if (value) parts.push(`${valueLabel}: ${Number(value[k]).toFixed(3)}`);
    if (localI) parts.push(`local I: ${Number(localI[k]).toFixed(3)}`);
    if (pValue) parts.push(`p: ${Number(pValue[k]).toFixed(3)}`);
    hover[ri] = parts.join("<br>");
  }
  if (unknown.length > 0) throw new Error(`${fn}: ids not in the GeoJSON (property "${idField}"): ${unknown.slice(0, 10).join(", ")}`);
  const hl = new Set(highlight.map(String));
  for (const h of hl) if (!index.has(h)) throw new Error(`${fn}: highlight id "${h}" is not in the GeoJSON`);

  const legendShown = new Set<string>();
  const order = regions.map((_, i) => i).sort((a, b) => Number(hl.has(regions[a].id)) - Number(hl.has(regions[b].id)));
  const traces: PlotlyTrace[] = order.map((ri) => {
    const r = regions[ri];
    const c = labelOf[ri];
    const group = c ?? "nodata";
    const show = !legendShown.has(group);
    legendShown.add(group);
    const { x, y } = ringsToPath(r.rings, dec);
    return {
      type: "scatter", mode: "lines", x, y, fill: "toself",
      fillcolor: c ? LISA_COLORS[c] : NO_DATA_COLOR,
      line: { color: hl.has(r.id) ? "#000000" : "#ffffff", width: hl.has(r.id) ? 2.5 : 0.6 },
      hoveron: "fills", hoverinfo: "text", text: c ? hover[ri] : `${r.name}<br>no data`,
      name: c ? LISA_NAMES[c] : "No data 无数据", legendgroup: group, showlegend: show,
    };
  });
  // legend order HH, LL, HL, LH, ns, no data
  const rank = (t: PlotlyTrace) => ["HH", "LL", "HL", "LH", "ns", "nodata"].indexOf(String(t.legendgroup));
  traces.forEach((t) => { t.legendrank = 1000 + rank(t); });
  return {
    data: traces,
    layout: {
      title: { text: title }, ...mapAxes(bounds), hovermode: "closest", height: 520,
      margin: { l: 10, r: 10, t: 50, b: 10 }, plot_bgcolor: "#ffffff",
      legend: { title: { text: "LISA cluster 聚类类型" } },
    },
  };
}
