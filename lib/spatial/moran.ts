import type { SpatialWeights } from "../weights/SpatialWeights";
import { rng } from "../random/rng";
import { resolveSpatialInput, weightsConstants, type SpatialInputOptions } from "./input";
import { normalUpper } from "../distributions/cdf";
import type { DataInput } from "../core/types";
import type { ReportParts } from "../inference/fit";
import { makeResult } from "../report/modelSummary";
import { resolveSeed } from "../random/seed";
import { globalPermutations } from "./permutationThreads";
import { resolveThreads } from "../core/threads";

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
  /**
   * Threads for the permutations from 100,000 regions up (default: every core, at most 8; 1 = no worker
   * thread). The permuted values are the same for any number of threads; below 100,000 regions one stream
   * on the calling thread is used and this option has no effect.
   */
  threads?: number;
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
 * Permutation test: R random permutations of the whole vector (total randomization, as `moran.mc`): below
 * 100,000 regions one stream, `rng(seed).shuffle` of the centred values once per permutation; from 100,000 up
 * blocks of 64 permutations, block b from the data order with the stream `rngStreamState(seed, b)`, taken by
 * `threads` threads (`lib/spatial/permutationThreads.ts`; the same values on any number of threads);
 * pSim = (1 + #{I_perm ≥ I}) / (1 + R) for "greater", (1 + #{I_perm ≤ I}) / (1 + R) for "less", and twice the
 * smaller of the two (capped at 1) for "two.sided". spdep's `moran.mc` ranks with ties averaged and reports
 * #{I_perm ≥ I} / (1 + R) (one fewer) unless I is the largest; both estimate the same probability.
 *
 * @param values numbers in `w.ids` order (number[], Float64Array, danfo Series) — or a table, see overload
 * @param w spatial weights (usually row-standardized: `w.standardize("W")`)
 * @param options permutations (999), seed, alternative ("greater"), zeroPolicy (false), adjustN (true), threads
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
    ["id", "zeroPolicy", "permutations", "seed", "alternative", "adjustN", "threads"]);
  const permutations = options.permutations ?? 999;
  const threads = resolveThreads(options.threads, fn);
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
  let scheme = "";
  if (permutations > 0) {
    seedUsed = resolveSeed(options.seed, fn);
    const f = n / (S0 * zz);
    const perm = globalPermutations(z, w, f, permutations, seedUsed, threads, fn, "cross");
    const Iobs = perm.observed;
    simulated.set(perm.simulated);
    scheme = perm.scheme;
    let ge = 0;
    let le = 0;
    let s = 0;
    let ss = 0;
    for (let k = 0; k < permutations; k++) {
      const Ik = simulated[k];
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
          ? [`permutation (${permutations} permutations${scheme}, seed ${seedUsed})`, varianceSim ?? "", "", pSim ?? ""]
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

