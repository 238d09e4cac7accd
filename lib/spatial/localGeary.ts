import type { SpatialWeights } from "../weights/SpatialWeights";
import { resolveSpatialInput, type SpatialInputOptions } from "./input";
import { benjaminiHochberg } from "./localMoran";
import { conditionalPermutation } from "./conditionalPermutation";
import type { DataInput } from "../core/types";
import type { ReportParts } from "../inference/fit";
import { makeResult } from "../report/modelSummary";
import { resolveSeed } from "../random/seed";

/** Options of {@link localGeary}. */
export interface LocalGearyOptions extends SpatialInputOptions {
  /** Conditional permutations per region (default 999; 0 skips inference). */
  permutations?: number;
  /** Seed; default 1, reported in `seed`. */
  seed?: number;
  /** Significance level for `cluster` (default 0.05). */
  alpha?: number;
  /** Benjamini–Hochberg FDR control before `alpha` (default false). */
  fdr?: boolean;
}

/** Significant local Geary: "positive" (c_i below its permutation mean: similar neighbours), "negative", or "ns". */
export type LocalGearyCluster = "positive" | "negative" | "ns";

/** The result of {@link localGeary}. */
export interface LocalGearyResult {
  ids: string[];
  /** c_i = Σ_j w_ij (z_i − z_j)², z the standardized values (sd with divisor n − 1, as R `scale`). */
  C: Float64Array;
  /** Folded conditional-permutation p-value (null without permutations). */
  pSim: Float64Array | null;
  meanSim: Float64Array | null;
  pAdjusted: Float64Array | null;
  cluster: LocalGearyCluster[];
  permutations: number;
  seed: number | null;
  alpha: number;
  n: number;
  variable: string;
  report: ReportParts;
  summary(): string;
  toHTML(): string;
}

/**
 * Local Geary's c_i (Anselin 2019), as spdep's `localC` (values) and esda's `Geary_Local`, with conditional
 * permutation inference (region i keeps its value; its neighbours are drawn from the other regions).
 *
 * Source: Anselin, L. (2019) "A local indicator of multivariate spatial association: extending Geary's c",
 * *Geographical Analysis* 51(2), 133–150.
 * @param values numbers in `w.ids` order, or the table form `localGeary(df, "column", w, { id })`
 * @param w spatial weights
 * @param options permutations (999), seed (1), alpha (0.05), fdr (false), id, zeroPolicy
 * @throws `localGeary: values are constant; local Geary is undefined`; missing values; islands without zeroPolicy
 * @example localGeary(columbus.CRIME, w.standardize("W"), { permutations: 0 }).C[0] // 0.413437372213694 (spdep localC)
 */
export function localGeary(values: ArrayLike<unknown> | { values: ArrayLike<unknown> }, w: SpatialWeights, options?: LocalGearyOptions): LocalGearyResult;
/** Local Geary of a table column, rows aligned to `w` by `options.id`. */
export function localGeary(data: DataInput, column: string, w: SpatialWeights, options?: LocalGearyOptions): LocalGearyResult;
export function localGeary(a: unknown, b: unknown, c?: unknown, d?: unknown): LocalGearyResult {
  const fn = "localGeary";
  const { x, w, variable, options } = resolveSpatialInput<LocalGearyOptions>(fn, a, b, c, d, ["id", "zeroPolicy", "permutations", "seed", "alpha", "fdr"]);
  const permutations = options.permutations ?? 999;
  const alpha = options.alpha ?? 0.05;
  if (!Number.isInteger(permutations) || permutations < 0) throw new Error(`${fn}: permutations must be a non-negative integer, got ${permutations}`);
  if (!(alpha > 0 && alpha < 1)) throw new Error(`${fn}: alpha must be in (0, 1), got ${alpha}`);
  const seedChecked = resolveSeed(options.seed, fn);
  const n = w.n;
  if (n < 3) throw new Error(`${fn}: need at least 3 regions, got ${n}`);
  let mean = 0, scale = 0;
  for (let i = 0; i < n; i++) { mean += x[i]; scale = Math.max(scale, Math.abs(x[i])); }
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (x[i] - mean) ** 2;
  const sd = Math.sqrt(ss / (n - 1));
  if (ss === 0 || sd <= 1e-14 * scale) throw new Error(`${fn}: ${variable === "values" ? "values are" : `column "${variable}" is`} constant; local Geary is undefined`);
  const z = Float64Array.from(x, (v) => (v - mean) / sd);
  const { rowPtr, colIdx, values } = w.toCSR();
  const C = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let p = rowPtr[i]; p < rowPtr[i + 1]; p++) C[i] += values[p] * (z[i] - z[colIdx[p]]) ** 2;
  let pSim: Float64Array | null = null, meanSim: Float64Array | null = null;
  if (permutations > 0) {
    const res = conditionalPermutation(rowPtr, C, permutations, seedChecked, (i, picks) => {
      let s = 0;
      for (let p = rowPtr[i], t = 0; p < rowPtr[i + 1]; p++, t++) s += values[p] * (z[i] - z[picks[t]]) ** 2;
      return s;
    });
    pSim = res.pSim; meanSim = res.meanSim;
  }
  const pAdjusted = pSim && options.fdr ? benjaminiHochberg(pSim) : null;
  const decide = pAdjusted ?? pSim;
  const cluster: LocalGearyCluster[] = Array.from(C, (ci, i) => (decide && meanSim && decide[i] <= alpha ? (ci < meanSim[i] ? "positive" : "negative") : "ns"));
  const ids = [...w.ids];
  const report: ReportParts = {
    title: "Local Geary's c",
    header: [["Variable", variable], ["n", n], ["Permutations", permutations > 0 ? `${permutations} conditional permutations per region, seed ${seedChecked}; pSim folded` : "none"]],
    statistics: [],
    table: { caption: "Local statistics by region", columns: ["id", "c", "pSim", "cluster"], rows: ids.map((id, i) => [id, C[i], pSim ? pSim[i] : "—", cluster[i]]) },
  };
  return makeResult<LocalGearyResult>({ ids, C, pSim, meanSim, pAdjusted, cluster, permutations, seed: permutations > 0 ? seedChecked : null, alpha, n, variable, report });
}
