import { resolveSpatialInput, weightsConstants, type SpatialInputOptions } from "./input";
import { normalPValue, type MoranAlternative } from "./moran";
import type { SpatialWeights } from "../weights/SpatialWeights";
import type { DataInput } from "../core/types";
import type { ReportParts } from "../inference/fit";
import { makeResult } from "../report/modelSummary";
import { resolveSeed } from "../random/seed";
import { resolveThreads } from "../core/threads";
import { globalPermutations } from "./permutationThreads";

/** Options of {@link geary}. */
export interface GearyOptions extends SpatialInputOptions {
  /** Random permutations for `pSim` (default 999; 0 skips them). */
  permutations?: number;
  /**
   * Threads for the permutations from 100,000 regions up (default: every core, at most 8): blocks of 64 seeded
   * streams as {@link moran}'s, the same values on any number of threads; below 100,000 one stream, no threads.
   */
  threads?: number;
  /** Seed of the permutation generator; default 1, reported in `seed`. */
  seed?: number;
  /** Alternative (default "greater": positive autocorrelation, C < 1, as spdep `geary.test`). */
  alternative?: MoranAlternative;
}

/** The result of {@link geary}. */
export interface GearyResult {
  /** Geary's C = (n − 1) Σ_ij w_ij (x_i − x_j)² / (2 S0 Σ (x_i − x̄)²). */
  C: number;
  /** E[C] = 1. */
  expectedC: number;
  varianceNormal: number;
  /** (1 − C) / √varianceNormal (spdep's sign: positive for positive autocorrelation). */
  zNormal: number;
  pNormal: number;
  varianceRandom: number;
  zRandom: number;
  pRandom: number;
  /** Permutation p-value (1 + #{C_perm ≤ C}) / (1 + R) for "greater" (null without permutations). */
  pSim: number | null;
  permutations: number;
  seed: number | null;
  n: number;
  s0: number;
  kurtosis: number;
  alternative: MoranAlternative;
  variable: string;
  report: ReportParts;
  summary(): string;
  toHTML(): string;
}

/** Σ_ij w_ij (z_i − z_j)² over CSR weights. */
function squaredDifferences(rowPtr: Int32Array, colIdx: Int32Array, values: Float64Array, z: Float64Array): number {
  let s = 0;
  for (let i = 0; i < rowPtr.length - 1; i++) for (let p = rowPtr[i]; p < rowPtr[i + 1]; p++) s += values[p] * (z[i] - z[colIdx[p]]) ** 2;
  return s;
}

/**
 * Global Geary's C with normal-approximation, randomization and permutation tests (Geary 1954; Cliff & Ord 1981,
 * *Spatial Processes*, ch. 1–2), as spdep's `geary.test` (randomisation = FALSE / TRUE) and `geary.mc`.
 * Var (normality) = ((2 S1 + S2)(n − 1) − 4 S0²) / (2 (n + 1) S0²); Var (randomization) with the sample kurtosis K
 * as spdep. z = (1 − C)/√Var, so "greater" tests positive autocorrelation (C below 1).
 *
 * Source: Geary, R. C. (1954) "The contiguity ratio and statistical mapping", *The Incorporated Statistician* 5(3), 115–145.
 * @param values numbers in `w.ids` order, or the table form `geary(df, "column", w, { id })`
 * @param w spatial weights
 * @param options permutations (999), seed (1), alternative ("greater"), id, zeroPolicy, threads
 * @throws `geary: column "CRIME" has 2 missing values (rows 3, 7)`; `geary: values are constant; Geary's C is undefined`;
 *   `geary: need at least 4 regions, got 3`; islands without zeroPolicy
 * @example
 * geary(columbus.CRIME, w.standardize("W"), { permutations: 0 }).C // 0.547803377167251 (spdep geary.test)
 */
export function geary(values: ArrayLike<unknown> | { values: ArrayLike<unknown> }, w: SpatialWeights, options?: GearyOptions): GearyResult;
/** Geary's C of a table column, rows aligned to `w` by `options.id`. */
export function geary(data: DataInput, column: string, w: SpatialWeights, options?: GearyOptions): GearyResult;
export function geary(a: unknown, b: unknown, c?: unknown, d?: unknown): GearyResult {
  const fn = "geary";
  const { x, w, variable, options } = resolveSpatialInput<GearyOptions>(fn, a, b, c, d, ["id", "zeroPolicy", "permutations", "seed", "alternative", "threads"]);
  const permutations = options.permutations ?? 999;
  const threads = resolveThreads(options.threads, fn);
  const alternative = options.alternative ?? "greater";
  if (!Number.isInteger(permutations) || permutations < 0) throw new Error(`${fn}: permutations must be a non-negative integer, got ${permutations}`);
  if (!["greater", "less", "two.sided"].includes(alternative)) throw new Error(`${fn}: alternative must be "greater", "less" or "two.sided", got ${JSON.stringify(alternative)}`);
  const seedChecked = resolveSeed(options.seed, fn);
  const n = w.n;
  if (n < 4) throw new Error(`${fn}: need at least 4 regions, got ${n}`);
  let mean = 0, scale = 0;
  for (let i = 0; i < n; i++) { mean += x[i]; scale = Math.max(scale, Math.abs(x[i])); }
  mean /= n;
  const z = new Float64Array(n);
  let zz = 0, z4 = 0;
  for (let i = 0; i < n; i++) { z[i] = x[i] - mean; zz += z[i] ** 2; z4 += z[i] ** 4; }
  if (zz === 0 || Math.sqrt(zz / n) <= 1e-14 * scale) throw new Error(`${fn}: ${variable === "values" ? "values are" : `column "${variable}" is`} constant; Geary's C is undefined`);
  const { S0, S1, S2 } = weightsConstants(w);
  const csr = w.toCSR();
  const f = (n - 1) / (2 * S0 * zz);
  const C = f * squaredDifferences(csr.rowPtr, csr.colIdx, csr.values, z);
  const K = (n * z4) / (zz * zz);
  const nn = n * n, S02 = S0 * S0;
  const varianceNormal = ((2 * S1 + S2) * (n - 1) - 4 * S02) / (2 * (n + 1) * S02);
  const varianceRandom = ((n - 1) * S1 * (nn - 3 * n + 3 - K * (n - 1)) - 0.25 * (n - 1) * S2 * (nn + 3 * n - 6 - K * (nn - n + 2)) +
    S02 * (nn - 3 - K * (n - 1) ** 2)) / (n * (n - 2) * (n - 3) * S02);
  const zNormal = (1 - C) / Math.sqrt(varianceNormal), zRandom = (1 - C) / Math.sqrt(varianceRandom);
  let pSim: number | null = null;
  let scheme = "";
  if (permutations > 0) {
    const perm = globalPermutations(z, w, f, permutations, seedChecked, threads, fn, "squaredDifferences");
    scheme = perm.scheme;
    let le = 0, ge = 0;
    for (let k = 0; k < permutations; k++) {
      if (perm.simulated[k] <= perm.observed) le++;
      if (perm.simulated[k] >= perm.observed) ge++;
    }
    const pl = (1 + le) / (1 + permutations), pg = (1 + ge) / (1 + permutations);
    // positive autocorrelation ("greater") is small C
    pSim = alternative === "greater" ? pl : alternative === "less" ? pg : Math.min(1, 2 * Math.min(pl, pg));
  }
  const pNormal = normalPValue(zNormal, alternative), pRandom = normalPValue(zRandom, alternative);
  const report: ReportParts = {
    title: "Global Geary's C",
    header: [["Variable", variable], ["Weights style", w.style], ["n", n], ["S0", S0], ["Alternative", alternative === "greater" ? "greater (positive autocorrelation, C < 1)" : alternative]],
    statistics: [["Geary's C", C], ["E[C]", 1]],
    table: { caption: "Tests of C = 1 (z = (1 − C)/sd)", columns: ["assumption", "variance", "z", "p-value"], rows: [
      ["normality", varianceNormal, zNormal, pNormal], ["randomization", varianceRandom, zRandom, pRandom],
      permutations > 0 ? [`permutation (${permutations}${scheme}, seed ${seedChecked})`, "", "", pSim ?? ""] : ["permutation", "not run", "", ""]] },
  };
  return makeResult<GearyResult>({
    C, expectedC: 1, varianceNormal, zNormal, pNormal, varianceRandom, zRandom, pRandom, pSim, permutations,
    seed: permutations > 0 ? seedChecked : null, n, s0: S0, kurtosis: K, alternative, variable, report,
  });
}
