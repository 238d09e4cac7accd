import { idColumn, numericColumn, rowCount } from "../core/data";
import type { DataInput } from "../core/types";
import { fmt } from "./internal";
import { unitColumnName } from "./longTable";

/** Options of {@link ellisonGlaeser}. */
export interface EllisonGlaeserOptions {
  /** Column of the plant table naming the plant's region (unit). */
  id?: string;
  /** @deprecated the old name of `id` (kept for one release). */
  region?: string;
  /** Column of the plant table with the plant's employment (or output); > 0. */
  employment: string;
  /**
   * Each region's share x_i of aggregate employment (all industries), region → share. Shares must be ≥ 0 and
   * sum to 1 (within 1e-9); regions with no plant of the industry are included with s_i = 0.
   */
  regionShares: Record<string, number>;
}

/** Result of {@link ellisonGlaeser}. */
export interface EllisonGlaeserResult {
  /** γ = [G − (1 − Σx²)H] / [(1 − Σx²)(1 − H)]: excess concentration beyond what plant lumpiness explains. */
  gamma: number;
  /** Raw geographic concentration G = Σ_i (s_i − x_i)². */
  G: number;
  /** Plant Herfindahl H = Σ_j z_j² of plant shares of industry employment. */
  H: number;
  /** Σ_i x_i². */
  sumX2: number;
  /** The industry's regional shares s_i, keyed by region. */
  industryShares: Record<string, number>;
  plants: number;
  regions: number;
}

/**
 * Ellison–Glaeser index of geographic concentration (EG 指数) for one industry from plant-level data:
 * γ = [G − (1 − Σ_i x_i²) H] / [(1 − Σ_i x_i²)(1 − H)], with G = Σ_i (s_i − x_i)², s_i the region's share of the
 * industry's employment, x_i its share of aggregate employment, and H = Σ_j z_j² the Herfindahl of plant
 * shares. γ ≈ 0 when plants locate as if at random (dartboard), γ > 0 for agglomeration beyond what a few big
 * plants produce; EG suggest reading γ < 0.02 as not very concentrated and γ > 0.05 as highly concentrated.
 *
 * Source: Ellison, G. & Glaeser, E. L. (1997) "Geographic concentration in U.S. manufacturing industries:
 * a dartboard approach", *Journal of Political Economy* 105(5): 889–927, eq. (4).
 *
 * @param plants danfo DataFrame or object of columns: one row per plant of the industry
 * @param options `region`, `employment` columns and `regionShares` (region → x_i)
 * @returns γ, G, H, Σx², the industry's regional shares, and counts
 * @throws on absent, missing, non-numeric or non-positive employment; a plant in a region without a share;
 *   shares that are negative or do not sum to 1; a single plant (H = 1) or Σx² = 1 (one region)
 * @example
 * ellisonGlaeser({ region: ["A", "A", "B"], emp: [10, 10, 20] },
 *   { region: "region", employment: "emp", regionShares: { A: 0.5, B: 0.5 } }).gamma
 * // -0.6  (G = 0, H = 0.375: less concentrated than random draws of these plants)
 */
export function ellisonGlaeser(plants: DataInput, options: EllisonGlaeserOptions): EllisonGlaeserResult {
  const fn = "ellisonGlaeser";
  if (options === undefined || options.employment === undefined || options.regionShares === undefined) {
    throw new Error(`${fn}: options { id, employment, regionShares } are required`);
  }
  const n = rowCount(plants, fn);
  const region = idColumn(plants, unitColumnName(options, fn), fn);
  const emp = numericColumn(plants, options.employment, fn);
  const xs = options.regionShares;
  const names = Object.keys(xs);
  let xSum = 0;
  let sumX2 = 0;
  for (const r of names) {
    const v = xs[r];
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0) throw new Error(`${fn}: region share of "${r}" must be a finite number ≥ 0 (got ${v})`);
    xSum += v;
    sumX2 += v * v;
  }
  if (Math.abs(xSum - 1) > 1e-9) throw new Error(`${fn}: region shares sum to ${fmt(xSum)}, not 1`);
  if (n < 2) throw new Error(`${fn}: ${n} plant${n === 1 ? "" : "s"}; the index needs at least 2 (H = 1 otherwise)`);
  let total = 0;
  for (let i = 0; i < n; i++) {
    if (!(emp[i] > 0)) throw new Error(`${fn}: column "${options.employment}" must be > 0 (row ${i} is ${emp[i]})`);
    if (!Object.hasOwn(xs, region[i])) throw new Error(`${fn}: plant at row ${i} is in region "${region[i]}", which has no share in regionShares`);
    total += emp[i];
  }
  const s: Record<string, number> = Object.fromEntries(names.map((r) => [r, 0]));
  let H = 0;
  for (let i = 0; i < n; i++) {
    s[region[i]] += emp[i] / total;
    H += (emp[i] / total) ** 2;
  }
  let G = 0;
  for (const r of names) G += (s[r] - xs[r]) ** 2;
  if (1 - sumX2 <= 0) throw new Error(`${fn}: Σx² = 1 (all activity in one region): the index is undefined`);
  if (1 - H <= 0) throw new Error(`${fn}: H = 1 (one plant holds all employment): the index is undefined`);
  const gamma = (G - (1 - sumX2) * H) / ((1 - sumX2) * (1 - H));
  return { gamma, G, H, sumX2, industryShares: s, plants: n, regions: names.length };
}
