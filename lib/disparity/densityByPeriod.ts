import { checkOptionNames } from "../core/options";
import { idColumn, numericColumn } from "../core/data";
import type { DataInput } from "../core/types";
import { bandwidth, kernelDensity, type BandwidthRule, type DensityKernel } from "./kernelDensity";

/** Options of {@link densityByPeriod}. */
export interface DensityByPeriodOptions {
  /** The value column (e.g. "gdppc"). */
  value: string;
  /** The period column (e.g. "year"). */
  time: string;
  kernel?: DensityKernel;
  /** Rule applied to each period's values ("silverman", default; "scott") or one positive number for every period. */
  bandwidth?: BandwidthRule | number;
  /** Grid points shared by all periods (default 200). */
  points?: number;
  /** Common grid: default from min − 3h_max to max + 3h_max over all periods (h_max: the largest bandwidth). */
  from?: number;
  to?: number;
}

/** The result of {@link densityByPeriod}: one density per period on one grid. */
export interface DensityByPeriodResult {
  /** Periods in increasing order (as strings of the time column). */
  periods: string[];
  x: Float64Array;
  /** densities[p][g]: f̂ of period p at grid point g ({@link kernelDensity} with that period's bandwidth). */
  densities: Float64Array[];
  bandwidths: number[];
  /** Units per period. */
  n: number[];
  kernel: DensityKernel;
  bandwidthRule: string;
}

/**
 * Kernel densities of a value period by period on a common grid (核密度的时间演进): the data of a 3-D
 * year × value × density surface or a ridge plot (lib/plots `densitySurfaceFigure`, `ridgePlotFigure`).
 * Each period's bandwidth follows the rule on that period's values (Silverman 1986; Scott 1992).
 * @param data long table, one row per unit and period
 * @param options value, time, kernel ("gaussian"), bandwidth ("silverman"), points (200), from, to
 * @throws `densityByPeriod: column "gdppc" has 2 missing values (rows 4, 9)`; `densityByPeriod: period "2001" has 1 value; a density needs at least 2`
 * @example densityByPeriod(panel, { value: "gdppc", time: "year" }).periods // ["2000", …, "2022"]
 */
export function densityByPeriod(data: DataInput, options: DensityByPeriodOptions): DensityByPeriodResult {
  const fn = "densityByPeriod";
  checkOptionNames(options, ["value", "time", "kernel", "bandwidth", "points", "from", "to"], fn);
  if (typeof options.value !== "string" || typeof options.time !== "string") throw new Error(`${fn}: options "value" and "time" (column names) are required`);
  const y = numericColumn(data, options.value, fn);
  const t = idColumn(data, options.time, fn);
  const periods = [...new Set(t)].sort((a, b) => (Number.isFinite(Number(a)) && Number.isFinite(Number(b)) ? Number(a) - Number(b) : a.localeCompare(b)));
  const byPeriod = periods.map((p) => Float64Array.from(y.filter((_, i) => t[i] === p)));
  byPeriod.forEach((v, k) => { if (v.length < 2) throw new Error(`${fn}: period "${periods[k]}" has ${v.length} value; a density needs at least 2`); });
  const bw = options.bandwidth ?? "silverman";
  if (typeof bw !== "number" && bw !== "silverman" && bw !== "scott") throw new Error(`${fn}: bandwidth must be "silverman", "scott" or a positive number, got ${JSON.stringify(bw)}`);
  const hs = byPeriod.map((v) => (typeof bw === "number" ? bw : bandwidth(v, bw)));
  const hmax = Math.max(...hs);
  let mn = Infinity, mx = -Infinity;
  for (const v of y) { mn = Math.min(mn, v); mx = Math.max(mx, v); }
  const from = options.from ?? mn - 3 * hmax, to = options.to ?? mx + 3 * hmax;
  const points = options.points ?? 200;
  const kernel = options.kernel ?? "gaussian";
  const fits = byPeriod.map((v, k) => kernelDensity(v, { kernel, bandwidth: hs[k], points, from, to }));
  return { periods, x: fits[0].x, densities: fits.map((f) => f.density), bandwidths: hs, n: byPeriod.map((v) => v.length), kernel,
    bandwidthRule: typeof bw === "number" ? "user" : bw };
}
