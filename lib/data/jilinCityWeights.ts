import { weights, type SpatialWeights } from "../weights";
import { loadGeoJSON } from "./loadDataset";

/** The unit the city statistics lack for 2003–2019 (datasets/jilin-prefectures/README.md). */
export const YANBIAN = "222400";

/**
 * Contiguity weights of the eight Jilin prefecture cities that have statistics in `datasets/jilin-prefectures`
 * (2006–2019): the boundaries of `datasets/china-geo/jilin-prefectures.geojson` without 延边朝鲜族自治州 (222400).
 * Dropping 延边 removes its links (延边 borders 吉林市 and 白山市) and nothing else; no unit becomes an island.
 * Ids = adcodes ascending (220100 长春 … 220800 白城); binary style "B".
 *
 * Long name: Jilin prefecture-city contiguity weights without Yanbian.
 * @param options `contiguity` ("queen" default, or "rook")
 * @throws `jilinCityWeights: contiguity must be "queen" or "rook", got "x"`, or when a city is left without neighbours
 * @example
 * const w = jilinCityWeights();
 * w.ids.length // 8
 */
export function jilinCityWeights(options: { contiguity?: "queen" | "rook" } = {}): SpatialWeights {
  const fn = "jilinCityWeights";
  const contiguity = options.contiguity ?? "queen";
  if (contiguity !== "queen" && contiguity !== "rook") throw new Error(`${fn}: contiguity must be "queen" or "rook", got ${JSON.stringify(contiguity)}`);
  const geo = loadGeoJSON("jilin-prefectures");
  const features = geo.features
    .filter((f) => String(f.properties.adcode) !== YANBIAN)
    .sort((a, b) => String(a.properties.adcode).localeCompare(String(b.properties.adcode)));
  const w = weights.fromGeoJSON({ type: "FeatureCollection", features }, { contiguity, idField: "adcode" });
  if (w.islands.length > 0) throw new Error(`${fn}: unexpected islands [${w.islands.join(", ")}]`);
  return w;
}
