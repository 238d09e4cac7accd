import { DataFrame } from "danfojs-node";
import { idColumn, numericColumn, rowCount } from "../core/data";
import type { DataInput } from "../core/types";
import { unitColumnName } from "../indices/longTable";

/** Options of {@link shiftShare}: long data, one row per region × sector, values at the base and end dates. */
export interface ShiftShareOptions {
  /** Column naming the unit (region); the output keeps this name. */
  id?: string;
  /** @deprecated the old name of `id` (kept for one release). */
  region?: string;
  /** Column naming the sector (industry, or any exhaustive split of the activity). */
  sector: string;
  /** Column with the activity at the base date (employment, value added …); ≥ 0. */
  base: string;
  /** Column with the activity at the end date, same unit; ≥ 0. */
  end: string;
}

/** Pure core over a complete region × sector table (index r * nSectors + s). */
export function shiftShareCore(base: Float64Array, end: Float64Array, nRegions: number, nSectors: number): {
  nationalGrowth: number; sectorGrowth: Float64Array; nationalShare: Float64Array; industryMix: Float64Array; regionalShift: Float64Array;
} {
  let b = 0, e = 0;
  const sb = new Float64Array(nSectors), se = new Float64Array(nSectors);
  for (let r = 0; r < nRegions; r++) for (let s = 0; s < nSectors; s++) {
    const k = r * nSectors + s;
    b += base[k]; e += end[k]; sb[s] += base[k]; se[s] += end[k];
  }
  const G = e / b - 1;
  const gs = new Float64Array(nSectors);
  for (let s = 0; s < nSectors; s++) gs[s] = se[s] / sb[s] - 1;
  const ns = new Float64Array(nRegions * nSectors), im = new Float64Array(nRegions * nSectors), rs = new Float64Array(nRegions * nSectors);
  for (let r = 0; r < nRegions; r++) for (let s = 0; s < nSectors; s++) {
    const k = r * nSectors + s;
    ns[k] = base[k] * G;
    im[k] = base[k] * (gs[s] - G);
    // written as the remainder so that a zero base (a new sector in the region) is exact: RS = end − base·(1 + g_s)
    rs[k] = end[k] - base[k] * (1 + gs[s]);
  }
  return { nationalGrowth: G, sectorGrowth: gs, nationalShare: ns, industryMix: im, regionalShift: rs };
}

/**
 * Shift-share decomposition (偏离-份额分析) of the change in an activity between two dates, per region and sector:
 * Δx_rs = x_rs·G  (national share, 全国份额)  +  x_rs·(g_s − G)  (industry mix, 结构偏离)  +  x_rs·(g_rs − g_s)  (regional
 * shift / competitive effect, 竞争力偏离), where x_rs is the base value, G the growth of the reference economy (the sum of all
 * regions and sectors in the table), g_s the reference growth of sector s and g_rs the region's own growth in s.
 * The regional shift is computed as the remainder Δx_rs − x_rs·g_s, so a zero base value is handled exactly.
 * The three parts sum to the change by construction.
 *
 * Source: Dunn, E. S. (1960) "A statistical and analytical technique for regional analysis", Papers in Regional
 * Science 6(1): 97–112; the classic form as in Stevens, B. H. & Moore, C. L. (1980) Journal of Regional Science 20(4).
 *
 * @param data danfo DataFrame or object of columns, one row per region × sector
 * @param options column names `region`, `sector`, `base`, `end`
 * @returns danfo DataFrame with the unit and sector columns (under the caller's names), `base`, `end`, `change`, `nationalShare`, `industryMix`,
 *   `regionalShift`, `regionGrowth` (g_rs, NaN-free: null when the base is 0), `sectorGrowth` (g_s), `nationalGrowth` (G),
 *   in the order of first appearance (region, then sector)
 * @throws when a column is absent, a value is missing, non-numeric or negative; when a region × sector pair appears twice
 *   or is absent; when a sector's base total over all regions is 0 (its growth is undefined)
 * @example
 * shiftShare({ region: ["A", "A", "B", "B"], sector: ["m", "s", "m", "s"], t0: [60, 40, 40, 60], t1: [60, 60, 30, 90] },
 *   { region: "region", sector: "sector", base: "t0", end: "t1" }).column("regionalShift").values
 * // [6, 0, -6, 0]   (G = 0.2, g_m = -0.1, g_s = 0.5: A kept its manufacturing, B lost a quarter)
 */
export function shiftShare(data: DataInput, options: ShiftShareOptions): DataFrame {
  const fn = "shiftShare";
  if (options === undefined || !options.sector || !options.base || !options.end) {
    throw new Error(`${fn}: options { id, sector, base, end } are required`);
  }
  const unit = unitColumnName(options, fn);
  const n = rowCount(data, fn);
  if (n === 0) throw new Error(`${fn}: the table has no rows`);
  const region = idColumn(data, unit, fn);
  const sector = idColumn(data, options.sector, fn);
  const b = numericColumn(data, options.base, fn);
  const e = numericColumn(data, options.end, fn);
  for (let i = 0; i < n; i++) {
    for (const [name, v] of [[options.base, b[i]], [options.end, e[i]]] as const) {
      if (v < 0) throw new Error(`${fn}: column "${name}" has a negative value (${v}) at row ${i} (region "${region[i]}", sector "${sector[i]}")`);
    }
  }
  const regions: string[] = [], sectors: string[] = [];
  const rPos = new Map<string, number>(), sPos = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    if (!rPos.has(region[i])) { rPos.set(region[i], regions.length); regions.push(region[i]); }
    if (!sPos.has(sector[i])) { sPos.set(sector[i], sectors.length); sectors.push(sector[i]); }
  }
  const nr = regions.length, ns = sectors.length;
  const base = new Float64Array(nr * ns), end = new Float64Array(nr * ns);
  const filled = new Int32Array(nr * ns).fill(-1);
  for (let i = 0; i < n; i++) {
    const k = rPos.get(region[i])! * ns + sPos.get(sector[i])!;
    if (filled[k] >= 0) throw new Error(`${fn}: region "${region[i]}" and sector "${sector[i]}" appear twice (rows ${filled[k]} and ${i})`);
    filled[k] = i; base[k] = b[i]; end[k] = e[i];
  }
  for (let r = 0; r < nr; r++) for (let s = 0; s < ns; s++) {
    if (filled[r * ns + s] < 0) throw new Error(`${fn}: region "${regions[r]}" has no row for sector "${sectors[s]}"; give every region × sector pair (a 0 as a row with value 0)`);
  }
  for (let s = 0; s < ns; s++) {
    let t = 0;
    for (let r = 0; r < nr; r++) t += base[r * ns + s];
    if (t === 0) throw new Error(`${fn}: sector "${sectors[s]}" has base total 0 over all regions: its growth rate is undefined`);
  }
  const core = shiftShareCore(base, end, nr, ns);
  const out: Record<string, unknown[]> = { region: [], sector: [], base: [], end: [], change: [], nationalShare: [], industryMix: [], regionalShift: [], regionGrowth: [], sectorGrowth: [], nationalGrowth: [] };
  for (let r = 0; r < nr; r++) for (let s = 0; s < ns; s++) {
    const k = r * ns + s;
    out.region.push(regions[r]); out.sector.push(sectors[s]);
    out.base.push(base[k]); out.end.push(end[k]); out.change.push(end[k] - base[k]);
    out.nationalShare.push(core.nationalShare[k]); out.industryMix.push(core.industryMix[k]); out.regionalShift.push(core.regionalShift[k]);
    out.regionGrowth.push(base[k] === 0 ? null : end[k] / base[k] - 1);
    out.sectorGrowth.push(core.sectorGrowth[s]); out.nationalGrowth.push(core.nationalGrowth);
  }
  // the unit and sector columns keep the caller's names
  const named: Record<string, unknown[]> = { [unit]: out.region, [options.sector]: out.sector };
  for (const [k, v] of Object.entries(out)) if (k !== "region" && k !== "sector") named[k] = v;
  return new DataFrame(named);
}
