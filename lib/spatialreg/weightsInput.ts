import type { SpatialWeights } from "../weights/SpatialWeights";
import type { CSR } from "../linalg/csr";

/** Weights prepared for a spatial regression. */
export interface PreparedWeights {
  csr: CSR;
  n: number;
  ids: string[];
  /** Style actually used: "W" (row-standardized) or the input's style. */
  style: string;
  /** Ids of regions with no neighbour (kept as zero rows when zeroPolicy is true). */
  islands: string[];
  /** The weights object used (after standardization). */
  weights: SpatialWeights;
}

/**
 * Validate and prepare weights for a spatial model: binary weights (style "B") are row-standardized
 * (spdep's `nb2listw` default, style "W"); "W" and "custom" weights are used as given. Islands are an
 * error unless `zeroPolicy` is true (then their rows of W are zero, as spdep's `zero.policy = TRUE`).
 * @throws `fn: weights have 2 islands (regions with no neighbour): 12, 40; pass { zeroPolicy: true } to keep them as zero rows`
 */
export function prepareWeights(w: SpatialWeights, fn: string, zeroPolicy = false): PreparedWeights {
  if (!w || typeof (w as SpatialWeights).toCSR !== "function" || !Array.isArray((w as SpatialWeights).ids)) {
    throw new Error(`${fn}: w must be a SpatialWeights object (see weights.fromGAL, weights.fromGeoJSON, ...)`);
  }
  if (w.islands.length > 0 && !zeroPolicy) {
    const shown = w.islands.slice(0, 10).join(", ") + (w.islands.length > 10 ? ", ..." : "");
    throw new Error(`${fn}: weights have ${w.islands.length} island${w.islands.length > 1 ? "s" : ""} (regions with no neighbour): ${shown}; pass { zeroPolicy: true } to keep them as zero rows`);
  }
  const used = w.style === "B" ? w.standardize("W") : w;
  return { csr: used.toCSR(), n: used.n, ids: [...used.ids], style: used.style, islands: [...used.islands], weights: used };
}
