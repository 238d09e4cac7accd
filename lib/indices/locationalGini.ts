import type { DataFrame } from "danfojs-node";
import type { DataInput } from "../core/types";
import { perSectorFromShares, type LongTableColumns } from "./longTable";

/**
 * Locational Gini, pure numeric core, from a sector's regional shares s_r and the base shares b_r (both summing to 1).
 * Regions are ordered by s_r / b_r ascending; with cumulative sums S_k, B_k the Lorenz curve runs through
 * (B_k, S_k) and G = 1 − Σ_k (B_k − B_{k−1})(S_k + S_{k−1}).
 * Source: Krugman (1991) *Geography and Trade*, Appendix D.
 * @throws never (a zero base share gives a non-finite ratio; the wrapper refuses zero totals)
 * @example locationalGiniCore(Float64Array.from([0.75, 0.25]), Float64Array.from([0.5, 0.5])) // 0.25
 */
export function locationalGiniCore(s: Float64Array, b: Float64Array): number {
  const n = s.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => s[i] / b[i] - s[j] / b[j] || i - j);
  let S = 0;
  let B = 0;
  let area = 0;
  for (const i of order) {
    const S1 = S + s[i];
    const B1 = B + b[i];
    area += (B1 - B) * (S1 + S);
    S = S1;
    B = B1;
  }
  return 1 - area;
}

/**
 * Locational Gini coefficient (区位基尼系数) of each sector: the Gini of the Lorenz curve of the sector's
 * regional shares against the regions' shares of all activity, regions ordered by their location quotient.
 * 0 when every region's LQ is 1; approaches 1 when the sector is confined to regions with little other activity.
 * Computed per period with `time`. (Other definitions exist — e.g. the mean-difference Gini of LQs — and give
 * different numbers; this is Krugman's.)
 *
 * Source: Krugman, P. (1991) *Geography and Trade*, MIT Press, Appendix D.
 *
 * @param data danfo DataFrame or object of columns (long: one row per region × sector [× time])
 * @param options column names `region`, `sector`, `value`, optional `time`
 * @returns danfo DataFrame with columns `sector`, (`time`,) `gini`
 * @throws on absent, missing, non-numeric or negative values; duplicate or absent region × sector pairs;
 *   a region or sector with total 0
 * @example
 * locationalGini({ r: ["A", "A", "B", "B"], s: ["x", "y", "x", "y"], v: [30, 70, 10, 90] },
 *   { region: "r", sector: "s", value: "v" }).column("gini").values
 * // [0.25, 0.0625]
 */
export function locationalGini(data: DataInput, options: LongTableColumns): DataFrame {
  return perSectorFromShares("locationalGini", data, options, "gini", locationalGiniCore);
}
