import { formatFixed } from "../report/format";
import type { PlotFeatureCollection, PlotlyFigure } from "./types";
import type { SimplifyOptions } from "./geometry";
import { categoricalRegionMap } from "./categoricalRegionMap";

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
  const { ids, cluster, pValue, localI, value, valueLabel = "value", idField = "adcode", nameField,
    highlight = [], title, tolerance, minArea = 0.005, decimals } = options;
  return categoricalRegionMap(geojson, {
    ids, labels: cluster, colors: LISA_COLORS, names: LISA_NAMES, labelNoun: "cluster labels", labelWord: "cluster label",
    expected: "HH, LL, HL, LH or ns", parallel: [["pValue", pValue], ["localI", localI], ["value", value]],
    hoverLines: (k) => [
      ...(value ? [`${valueLabel}: ${formatFixed(Number(value[k]), 3)}`] : []),
      ...(localI ? [`local I: ${formatFixed(Number(localI[k]), 3)}`] : []),
      ...(pValue ? [`p: ${formatFixed(Number(pValue[k]), 3)}`] : []),
    ],
    idField, nameField, highlight, title, tolerance, minArea, decimals, legendTitle: "LISA cluster 聚类类型", fn: "lisaClusterMapFigure",
  });
}
