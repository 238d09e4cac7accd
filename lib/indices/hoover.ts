import { DataFrame } from "danfojs-node";
import type { DataInput } from "../core/types";
import { readLongTable, margins, type LongTableColumns } from "./longTable";

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
  const fn = "hoover";
  const periods = readLongTable(fn, data, options);
  const sector: unknown[] = [];
  const time: unknown[] = [];
  const value: number[] = [];
  for (const p of periods) {
    const { regionTotal, sectorTotal, grand } = margins(fn, p, options.time === undefined ? "" : ` at ${options.time} ${p.key}`, { regions: true, sectors: true });
    const nr = p.regions.length;
    const ns = p.sectors.length;
    for (let s = 0; s < ns; s++) {
      let sum = 0;
      for (let r = 0; r < nr; r++) sum += Math.abs(p.cells[r * ns + s] / sectorTotal[s] - regionTotal[r] / grand);
      sector.push(p.sectorValues[s]);
      if (options.time !== undefined) time.push(p.raw);
      value.push(sum / 2);
    }
  }
  const frame: Record<string, unknown[]> = { sector };
  if (options.time !== undefined) frame.time = time;
  frame.hoover = value;
  return new DataFrame(frame);
}
