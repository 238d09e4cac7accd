import { weights, type SpatialWeights } from "../weights";
import { loadGeoJSON } from "./loadDataset";
import { featureCentroid } from "./centroid";
import type { FeatureCollection, Position } from "./echartsGeo";

/** How 海南 (460000), which shares no boundary point with any province, enters the weights. */
export type HainanLink = "guangdong" | "nearest" | "island";

/** Options of {@link provinceWeights}. */
export interface ProvinceWeightsOptions {
  /** "queen" (≥ 1 shared boundary point, default) or "rook" (≥ 2), as spdep `poly2nb`. */
  contiguity?: "queen" | "rook";
  /**
   * Required. "guangdong": a stated link 海南–广东 (440000), the province it is administratively and by
   * ferry tied to; "nearest": link to the province whose polygon centroid is nearest by great-circle
   * distance — with this geometry that is 广西 (450000, ≈ 525 km), not 广东; "island": leave 海南
   * without neighbours (its spatial lag is then 0; most estimators refuse or need `zero.policy`).
   */
  hainan: HainanLink;
}

const HAINAN = "460000";
const GUANGDONG = "440000";

function checkContiguity(fn: string, c: unknown): "queen" | "rook" {
  if (c === undefined) return "queen";
  if (c !== "queen" && c !== "rook") throw new Error(`${fn}: contiguity must be "queen" or "rook", got ${JSON.stringify(c)}`);
  return c;
}

function build(fc: FeatureCollection, contiguity: "queen" | "rook"): SpatialWeights {
  const sorted: FeatureCollection = {
    type: "FeatureCollection",
    features: [...fc.features].sort((a, b) => String(a.properties.adcode).localeCompare(String(b.properties.adcode))),
  };
  return weights.fromGeoJSON(sorted, { contiguity, idField: "adcode" });
}

/**
 * Contiguity weights of the 31 mainland provinces from `datasets/china-geo/china-provinces.geojson`
 * (built by `weights.fromGeoJSON`, spdep `poly2nb` semantics), with 海南's missing land link handled as
 * the caller states. Ids are adcodes in ascending order (the order of `regions.csv` and of each year of
 * the provincial panel); binary style "B" — call `.standardize("W")` for row-standardised weights.
 * 台湾, 香港 and 澳门 (not in the panel) are excluded.
 * @param options `contiguity` ("queen" | "rook", default "queen"), `hainan` (required: "guangdong" |
 *   "nearest" | "island")
 * @returns SpatialWeights over 31 regions; `islands` is [] unless `hainan: "island"` (then ["460000"])
 * @throws `provinceWeights: option hainan is required ("guangdong" | "nearest" | "island")`;
 *   `provinceWeights: contiguity must be "queen" or "rook", got "bishop"`; an error if the geometry yields
 *   islands other than 海南
 * @example
 * const w = provinceWeights({ contiguity: "queen", hainan: "guangdong" });
 * w.neighbors[w.indexOf("110000")].map((j) => w.ids[j]) // ["120000", "130000"] (北京 → 天津, 河北)
 */
export function provinceWeights(options: ProvinceWeightsOptions): SpatialWeights {
  const fn = "provinceWeights";
  const opts = (options ?? {}) as Partial<ProvinceWeightsOptions>;
  const contiguity = checkContiguity(fn, opts.contiguity);
  const hainan = opts.hainan;
  if (hainan === undefined) throw new Error(`${fn}: option hainan is required ("guangdong" | "nearest" | "island")`);
  if (hainan !== "guangdong" && hainan !== "nearest" && hainan !== "island") {
    throw new Error(`${fn}: hainan must be "guangdong", "nearest" or "island", got ${JSON.stringify(hainan)}`);
  }
  const geo = loadGeoJSON("china-provinces");
  const panel: FeatureCollection = { type: "FeatureCollection", features: geo.features.filter((f) => f.properties.in_panel === true) };
  if (panel.features.length !== 31) throw new Error(`${fn}: expected 31 panel provinces in china-provinces.geojson, found ${panel.features.length}`);
  const w = build(panel, contiguity);
  if (w.islands.length !== 1 || w.islands[0] !== HAINAN) {
    throw new Error(`${fn}: expected 海南 (460000) to be the only island, found [${w.islands.join(", ")}]`);
  }
  if (hainan === "island") return w;
  if (hainan === "guangdong") return w.withLinks([[HAINAN, GUANGDONG]]);
  const centroids: Record<string, Position> = {};
  for (const f of panel.features) centroids[String(f.properties.adcode)] = featureCentroid(f);
  return w.nearestForIslands(centroids);
}

/** Options of {@link jilinWeights}. */
export interface JilinWeightsOptions {
  /** "queen" (default) or "rook". */
  contiguity?: "queen" | "rook";
}

/**
 * Contiguity weights of Jilin's nine prefecture-level units from
 * `datasets/china-geo/jilin-prefectures.geojson` (ids = adcodes ascending: 220100 长春 … 222400 延边).
 * No unit is an island. Binary style "B".
 * @param options `contiguity` ("queen" | "rook", default "queen")
 * @throws `jilinWeights: contiguity must be "queen" or "rook", got "x"`
 * @example
 * const w = jilinWeights({ contiguity: "queen" });
 * w.neighbors[w.indexOf("220800")].map((j) => w.ids[j]) // ["220700"] (白城 touches only 松原)
 */
export function jilinWeights(options: JilinWeightsOptions = {}): SpatialWeights {
  const fn = "jilinWeights";
  const contiguity = checkContiguity(fn, (options ?? {}).contiguity);
  const w = build(loadGeoJSON("jilin-prefectures"), contiguity);
  if (w.islands.length > 0) throw new Error(`${fn}: unexpected islands [${w.islands.join(", ")}]`);
  return w;
}
