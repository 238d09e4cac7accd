import type { DataFrame } from "danfojs-node";
import type { DataInput } from "../core/types";
import { perSectorFromShares, type LongTableColumns } from "./longTable";

/**
 * Hoover coefficient of localization (地理集中系数 / Hoover–Balassa): for each sector,
 * H_s = ½ Σ_r |x_rs / X_s − X_r / X|, half the total absolute gap between the sector's distribution across
 * regions and the distribution of all activity. 0 when the sector is spread like the economy; near 1 when it
 * sits where little else is. Computed per period with `time`. The base distribution is the regions' totals
 * over all sectors in the table, so the table must hold every region × sector pair.
 *
 * Source: Hoover, E. M. (1936) "The measurement of industrial localization", *Review of Economics and
 * Statistics* 18(4): 162–171.
 *
 * @param data danfo DataFrame or object of columns (long: one row per region × sector [× time])
 * @param options column names `region`, `sector`, `value`, optional `time`
 * @returns danfo DataFrame with columns `sector`, (`time`,) `hoover`
 * @throws on absent, missing, non-numeric or negative values; duplicate or absent region × sector pairs;
 *   a region or sector with total 0
 * @example
 * hoover({ r: ["A", "A", "B", "B"], s: ["x", "y", "x", "y"], v: [30, 70, 10, 90] },
 *   { region: "r", sector: "s", value: "v" }).column("hoover").values
 * // [0.25, 0.0625]
 */
export function hoover(data: DataInput, options: LongTableColumns): DataFrame {
  return perSectorFromShares("hoover", data, options, "hoover", hooverCore);
}

/** ½ Σ_r |s_r − b_r| for one sector's regional shares s and the base shares b (Hoover 1936). */
function hooverCore(s: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let r = 0; r < s.length; r++) sum += Math.abs(s[r] - b[r]);
  return sum / 2;
}
