import type { SpatialWeights } from "../weights/SpatialWeights";
import { rng } from "../random/rng";
import { resolveSpatialInput, weightsConstants, type SpatialInputOptions } from "./input";
import { normalUpper } from "../distributions/cdf";
import type { DataInput } from "../core/types";
import type { ReportParts } from "../inference/fit";
import { makeResult } from "../report/modelSummary";
import { resolveSeed } from "../random/seed";

/** Direction of the alternative hypothesis (as spdep's `alternative`). */
export type MoranAlternative = "greater" | "less" | "two.sided";

/** Options of {@link moran}. */
export interface MoranOptions extends SpatialInputOptions {
  /** Number of random permutations for `pSim` (default 999; 0 skips the permutation test and sets `pSim` to null). */
  permutations?: number;
  /** Seed of the permutation generator ({@link rng}); default 1 (lib/random's one seed rule), reported in `seed`. */
  seed?: number;
  /** Alternative hypothesis for every p-value (default "greater", positive autocorrelation, as spdep `moran.test`). */
  alternative?: MoranAlternative;
  /** Drop islands from n as spdep's `adjust.n = TRUE` does (default true; only matters with `zeroPolicy`). */
  adjustN?: boolean;
}

/** The result of {@link moran}. */
export interface MoranResult {
  /** Moran's I = (n / S0) · z'Wz / z'z with z = x − mean(x). */
  I: number;
  /** E[I] = −1 / (n − 1) under the null of no spatial autocorrelation. */
  expectedI: number;
  /** Var[I] under the normality assumption (Cliff & Ord 1981). */
  varianceNormal: number;
  /** (I − E[I]) / √varianceNormal. */
  zNormal: number;
  /** p-value of zNormal for `alternative`. */
  pNormal: number;
  /** Var[I] under randomization (Cliff & Ord 1981; uses the sample kurtosis). */
  varianceRandom: number;
  /** (I − E[I]) / √varianceRandom. */
  zRandom: number;
  /** p-value of zRandom for `alternative`. */
  pRandom: number;
  /** Permutation p-value (1 + #{I_perm ≥ I}) / (1 + R) for "greater"; null when `permutations` is 0. */
  pSim: number | null;
  /** Number of permutations R. */
  permutations: number;
  /** Seed used for the permutations (null when none were run). */
  seed: number | null;
  /** Mean and variance of the permutation distribution (null without permutations). */
  meanSim: number | null;
  varianceSim: number | null;
  /** The R permuted values of I (empty without permutations), for histograms. */
  simulated: Float64Array;
  /** Number of regions used in the statistic (islands removed when adjustN and zeroPolicy). */
  n: number;
  /** Sum of all weights. */
  s0: number;
  /** Sample kurtosis K = n Σz⁴ / (Σz²)² used by the randomization variance. */
  kurtosis: number;
  alternative: MoranAlternative;
  /** Name of the variable (the column name, or "values"). */
  variable: string;
  /** Style of the weights used ("B", "W", "custom"). */
  weightsStyle: string;
  /** Ids of regions without neighbours that were kept (zeroPolicy). */
  islands: string[];
  /** What the shared summary prints (lib/report). */
  report: ReportParts;
  /** Plain-text report. */
  summary(): string;
  /** HTML table for notebooks. */
  toHTML(): string;
}

/** p-value of a standard normal statistic for an alternative (spdep moran.test conventions). */
export function normalPValue(z: number, alternative: MoranAlternative): number {
  if (alternative === "greater") return normalUpper(z);
  if (alternative === "less") return normalUpper(-z);
  return Math.min(1, 2 * normalUpper(Math.abs(z)));
}

/** z'Wz for CSR weights. */
function crossLag(rowPtr: Int32Array, colIdx: Int32Array, values: Float64Array, z: Float64Array): number {
  const n = rowPtr.length - 1;
  let s = 0;
  for (let i = 0; i < n; i++) {
    let l = 0;
    for (let p = rowPtr[i]; p < rowPtr[i + 1]; p++) l += values[p] * z[colIdx[p]];
    s += z[i] * l;
  }
  return s;
}

/**
 * The undirected edge list of W with weights w_ij + w_ji, so that z'Wz = Σ_edges (w_ij + w_ji) z_i z_j:
 * half the terms of the CSR product (z'Wz = z'((W + W')/2)z), which the permutation loop evaluates R times.
 */
function symmetricEdges(w: SpatialWeights): { a: Int32Array; b: Int32Array; v: Float64Array } {
  const a: number[] = [];
  const b: number[] = [];
  const v: number[] = [];
  const find = (row: number[], x: number): number => {
    let lo = 0, hi = row.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (row[mid] === x) return mid;
      if (row[mid] < x) lo = mid + 1; else hi = mid - 1;
    }
    return -1;
  };
  for (let i = 0; i < w.n; i++) {
    const nb = w.neighbors[i];
    for (let k = 0; k < nb.length; k++) {
      const j = nb[k];
      const back = find(w.neighbors[j], i);
      if (i < j) {
        a.push(i); b.push(j); v.push(w.weights[i][k] + (back >= 0 ? w.weights[j][back] : 0));
      } else if (back < 0) {
        a.push(j); b.push(i); v.push(w.weights[i][k]); // one-way link j <- i, not met from row j
      }
    }
  }
  return { a: Int32Array.from(a), b: Int32Array.from(b), v: Float64Array.from(v) };
}

function edgeCross(a: Int32Array, b: Int32Array, v: Float64Array, z: Float64Array): number {
  let s = 0;
  for (let e = 0; e < a.length; e++) s += v[e] * z[a[e]] * z[b[e]];
  return s;
}

function checkOptions(fn: string, permutations: number, alternative: string, seed: number | undefined): void {
  if (!Number.isInteger(permutations) || permutations < 0) throw new Error(`${fn}: permutations must be a non-negative integer, got ${permutations}`);
  if (!["greater", "less", "two.sided"].includes(alternative)) throw new Error(`${fn}: alternative must be "greater", "less" or "two.sided", got ${JSON.stringify(alternative)}`);
  if (seed !== undefined && !Number.isInteger(seed)) throw new Error(`${fn}: seed must be an integer, got ${seed}`);
}

/**
 * Global Moran's I with its normal-approximation and permutation tests (Moran 1950; Cliff & Ord 1981,
 * *Spatial Processes*, ch. 1–2), as spdep's `moran.test` (randomisation = FALSE / TRUE) and `moran.mc`.
 *
 * Conventions: values are centred on their mean over all regions; with `zeroPolicy` islands keep lag 0 and
 * n is reduced by the number of islands (spdep `adjust.n = TRUE`). p-values follow `alternative`
 * (default "greater", spdep's default): upper tail; "less": lower tail; "two.sided": 2·P(Z > |z|).
 * Permutation test: R random permutations of the whole vector (total randomization, as `moran.mc`);
 * pSim = (1 + #{I_perm ≥ I}) / (1 + R) for "greater", (1 + #{I_perm ≤ I}) / (1 + R) for "less", and twice the
 * smaller of the two (capped at 1) for "two.sided". spdep's `moran.mc` ranks with ties averaged and reports
 * #{I_perm ≥ I} / (1 + R) (one fewer) unless I is the largest; both estimate the same probability.
 *
 * @param values numbers in `w.ids` order (number[], Float64Array, danfo Series) — or a table, see overload
 * @param w spatial weights (usually row-standardized: `w.standardize("W")`)
 * @param options permutations (999), seed, alternative ("greater"), zeroPolicy (false), adjustN (true)
 * @throws `moran: column "CRIME" has 2 missing values (rows 3, 7)`, `moran: values are constant; Moran's I is
 *   undefined`, `moran: need at least 4 regions, got 3`, islands without zeroPolicy, ids that do not match
 * @example
 * // Columbus, CRIME, col.gal.nb row-standardized (spdep moran.test gives the same I and z)
 * const r = moran(columbus.CRIME, w.standardize("W"), { permutations: 999, seed: 1 });
 * r.I;        // 0.485770913661773
 * r.zRandom;  // 5.342713639408031
 * r.pSim;     // 0.001
 */
export function moran(values: ArrayLike<unknown> | { values: ArrayLike<unknown> }, w: SpatialWeights, options?: MoranOptions): MoranResult;
/**
 * Moran's I of a table column, rows aligned to `w` by the id column `options.id` (or in `w.ids` order).
 * @example moran(df, "lq", w, { id: "adcode", seed: 1 })
 */
export function moran(data: DataInput, column: string, w: SpatialWeights, options?: MoranOptions): MoranResult;
export function moran(a: unknown, b: unknown, c?: unknown, d?: unknown): MoranResult {
  const fn = "moran";
  const { x, w, variable, options } = resolveSpatialInput<MoranOptions>(fn, a, b, c, d,
    ["id", "zeroPolicy", "permutations", "seed", "alternative", "adjustN"]);
  const permutations = options.permutations ?? 999;
  const alternative = options.alternative ?? "greater";
  checkOptions(fn, permutations, alternative, options.seed);
  const nAll = w.n;
  const adjust = options.adjustN ?? true;
  const n = adjust ? nAll - w.islands.length : nAll;
  if (n < 4) throw new Error(`${fn}: need at least 4 regions with neighbours, got ${n} (the randomization variance divides by (n−1)(n−2)(n−3))`);

  let mean = 0;
  for (let i = 0; i < nAll; i++) mean += x[i];
  mean /= nAll;
  const z = new Float64Array(nAll);
  let zz = 0;
  let z4 = 0;
  for (let i = 0; i < nAll; i++) {
    const v = x[i] - mean;
    z[i] = v;
    zz += v * v;
    z4 += v * v * v * v;
  }
  // a constant column leaves only rounding noise after centring
  let scale = 0;
  for (let i = 0; i < nAll; i++) scale = Math.max(scale, Math.abs(x[i]));
  if (zz === 0 || Math.sqrt(zz / nAll) <= 1e-14 * scale) throw new Error(`${fn}: ${variable === "values" ? "values are" : `column "${variable}" is`} constant; Moran's I is undefined`);

  const { S0, S1, S2 } = weightsConstants(w);
  if (S0 === 0) throw new Error(`${fn}: the weights sum to 0`);
  const csr = w.toCSR();
  const I = (n / S0) * crossLag(csr.rowPtr, csr.colIdx, csr.values, z) / zz;
  const K = (nAll * z4) / (zz * zz);
  const EI = -1 / (n - 1);
  const nn = n * n;
  const S02 = S0 * S0;
  const varianceNormal = (nn * S1 - n * S2 + 3 * S02) / (S02 * (nn - 1)) - EI * EI;
  const vr = n * (S1 * (nn - 3 * n + 3) - n * S2 + 3 * S02);
  const tmp = K * (S1 * (nn - n) - 2 * n * S2 + 6 * S02);
  const varianceRandom = (vr - tmp) / ((n - 1) * (n - 2) * (n - 3) * S02) - EI * EI;
  const zNormal = (I - EI) / Math.sqrt(varianceNormal);
  const zRandom = varianceRandom > 0 ? (I - EI) / Math.sqrt(varianceRandom) : NaN;
  if (!(varianceRandom > 0)) {
    throw new Error(`${fn}: the randomization variance is not positive (${varianceRandom}); the kurtosis of "${variable}" (${K}) is too high for the normal approximation — use the permutation p-value`);
  }

  let pSim: number | null = null;
  let meanSim: number | null = null;
  let varianceSim: number | null = null;
  let seedUsed: number | null = null;
  const simulated = new Float64Array(permutations);
  if (permutations > 0) {
    seedUsed = resolveSeed(options.seed, fn);
    const r = rng(seedUsed);
    const zp = Float64Array.from(z);
    const f = n / (S0 * zz);
    const edges = symmetricEdges(w);
    // the observed I through the same edge sum, so that a permutation equal to the data counts as a tie
    const Iobs = f * edgeCross(edges.a, edges.b, edges.v, z);
    let ge = 0;
    let le = 0;
    let s = 0;
    let ss = 0;
    for (let k = 0; k < permutations; k++) {
      r.shuffle(zp);
      const Ik = f * edgeCross(edges.a, edges.b, edges.v, zp);
      simulated[k] = Ik;
      if (Ik >= Iobs) ge++;
      if (Ik <= Iobs) le++;
      s += Ik;
      ss += Ik * Ik;
    }
    const pg = (1 + ge) / (1 + permutations);
    const pl = (1 + le) / (1 + permutations);
    pSim = alternative === "greater" ? pg : alternative === "less" ? pl : Math.min(1, 2 * Math.min(pg, pl));
    meanSim = s / permutations;
    varianceSim = permutations > 1 ? (ss - permutations * meanSim * meanSim) / (permutations - 1) : 0;
  }

  const pNormal = normalPValue(zNormal, alternative), pRandom = normalPValue(zRandom, alternative);
  const altWords = alternative === "greater" ? "greater (positive autocorrelation)" : alternative === "less" ? "less (negative autocorrelation)" : "two-sided";
  const report: ReportParts = {
    title: "Global Moran's I",
    header: [
      ["Variable", variable], ["Weights style", w.style], ["n", n], ["S0", S0], ["Alternative", altWords],
      ...(w.islands.length > 0 ? [["Islands (zero lag, n reduced)", w.islands.join(", ")] as [string, string]] : []),
    ],
    statistics: [["Moran's I", I], ["E[I]", EI]],
    table: {
      caption: "Tests of I = E[I]",
      columns: ["assumption", "variance", "z", "p-value"],
      rows: [
        ["normality", varianceNormal, zNormal, pNormal],
        ["randomization", varianceRandom, zRandom, pRandom],
        permutations > 0
          ? [`permutation (${permutations} permutations, seed ${seedUsed})`, varianceSim ?? "", "", pSim ?? ""]
          : ["permutation", "not run (permutations = 0)", "", ""],
      ],
    },
  };
  return makeResult<MoranResult>({
    I, expectedI: EI, varianceNormal, zNormal, pNormal,
    varianceRandom, zRandom, pRandom,
    pSim, permutations, seed: seedUsed, meanSim, varianceSim, simulated,
    n, s0: S0, kurtosis: K, alternative, variable, weightsStyle: w.style, islands: [...w.islands],
    report,
  });
}

