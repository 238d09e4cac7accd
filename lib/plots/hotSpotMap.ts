import { formatFixed } from "../report/format";
import type { PlotFeatureCollection, PlotlyFigure } from "./types";
import type { SimplifyOptions } from "./geometry";
import { categoricalRegionMap } from "./categoricalRegionMap";

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
  const { ids, hotSpot, z, pValue, idField = "adcode", nameField, title, tolerance, minArea = 0.005, decimals } = options;
  return categoricalRegionMap(geojson, {
    ids, labels: hotSpot, colors: HOT_SPOT_COLORS, names: HOT_SPOT_NAMES, labelNoun: "labels", labelWord: "label", expected: "hot, cold or ns",
    parallel: [["z", z], ["pValue", pValue]],
    hoverLines: (k) => [...(z ? [`z: ${formatFixed(Number(z[k]), 3)}`] : []), ...(pValue ? [`p: ${formatFixed(Number(pValue[k]), 3)}`] : [])],
    idField, nameField, title, tolerance, minArea, decimals, legendTitle: "Getis–Ord hot spots 冷热点", fn: "hotSpotMapFigure",
  });
}
