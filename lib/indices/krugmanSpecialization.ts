import { DataFrame } from "danfojs-node";
import type { DataInput } from "../core/types";
import { readLongTable, margins, unitColumnName, type LongTableColumns } from "./longTable";

/** Options of {@link krugmanSpecialization}. */
export interface KrugmanSpecializationOptions extends LongTableColumns {
  /**
   * What each region is compared with: "rest" (default) the sum of all other regions in the table, as in
   * Midelfart-Knarvik et al. (2000); "all" the sum of all regions including itself.
   */
  reference?: "rest" | "all";
}

/**
 * Krugman specialization index (克鲁格曼专业化指数) of each region: K_r = Σ_s |x_rs / X_r − x_ref,s / X_ref|,
 * the total absolute difference between the region's sector structure and the reference structure. 0 for an
 * identical structure, at most 2 for completely different ones. Computed per period with `time`.
 *
 * Source: Krugman, P. (1991) *Geography and Trade*, MIT Press, ch. 3 (pairwise form); Midelfart-Knarvik, K. H.,
 * Overman, H. G., Redding, S. J. & Venables, A. J. (2000) "The location of European industry", European
 * Commission Economic Papers 142 (region vs rest of the regions).
 *
 * @param data danfo DataFrame or object of columns (long: one row per region × sector [× time])
 * @param options column names `region`, `sector`, `value`, optional `time`, and `reference`
 * @returns danfo DataFrame with columns `region`, (`time`,) `krugman`
 * @throws on absent, missing, non-numeric or negative values; duplicate or absent pairs; a region with total 0;
 *   a single region with reference "rest"
 * @example
 * krugmanSpecialization({ r: ["A", "A", "B", "B"], s: ["x", "y", "x", "y"], v: [30, 70, 10, 90] },
 *   { region: "r", sector: "s", value: "v" }).column("krugman").values
 * // [0.4, 0.4]
 */
export function krugmanSpecialization(data: DataInput, options: KrugmanSpecializationOptions): DataFrame {
  const fn = "krugmanSpecialization";
  const reference = options?.reference ?? "rest";
  if (reference !== "rest" && reference !== "all") throw new Error(`${fn}: reference must be "rest" or "all"`);
  const periods = readLongTable(fn, data, options);
  const region: unknown[] = [];
  const time: unknown[] = [];
  const value: number[] = [];
  for (const p of periods) {
    const at = options.time === undefined ? "" : ` at ${options.time} ${p.key}`;
    const { regionTotal, sectorTotal, grand } = margins(fn, p, at, { regions: true });
    const nr = p.regions.length;
    const ns = p.sectors.length;
    if (reference === "rest" && nr < 2) throw new Error(`${fn}: only one region${at}: there is no rest to compare with`);
    for (let r = 0; r < nr; r++) {
      const refTotal = reference === "rest" ? grand - regionTotal[r] : grand;
      if (refTotal === 0) throw new Error(`${fn}: the other regions have total 0${at}, so region "${p.regions[r]}" has nothing to compare with`);
      let k = 0;
      for (let s = 0; s < ns; s++) {
        const x = p.cells[r * ns + s];
        const refS = reference === "rest" ? sectorTotal[s] - x : sectorTotal[s];
        k += Math.abs(x / regionTotal[r] - refS / refTotal);
      }
      region.push(p.regionValues[r]);
      if (options.time !== undefined) time.push(p.raw);
      value.push(k);
    }
  }
  const frame: Record<string, unknown[]> = { [unitColumnName(options, fn)]: region };
  if (options.time !== undefined) frame[options.time] = time;
  frame.krugman = value;
  return new DataFrame(frame);
}
