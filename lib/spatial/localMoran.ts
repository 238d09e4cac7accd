import { resolveThreads } from "../core/threads";
import { conditionalPermutation, sharedConditionalPermutation, resolvePermutationDraws, type PermutationDraws } from "./conditionalPermutation";
import type { SpatialWeights } from "../weights/SpatialWeights";
import { rng } from "../random/rng";
import { resolveSpatialInput, type SpatialInputOptions } from "./input";
import { csrMatVec } from "../linalg/csr";
import { normalPValue, type MoranAlternative } from "./moran";
import type { DataInput } from "../core/types";
import type { ReportParts } from "../inference/fit";
import { makeResult } from "../report/modelSummary";
import { resolveSeed } from "../random/seed";

/** Moran scatterplot quadrant: value high/low (above/below the mean), then spatial lag high/low. */
export type LocalMoranQuadrant = "HH" | "LL" | "HL" | "LH";
/** LISA cluster: the quadrant when significant at `alpha`, else "ns". */
export type LocalMoranCluster = LocalMoranQuadrant | "ns";

/** Options of {@link localMoran}. */
export interface LocalMoranOptions extends SpatialInputOptions {
  /** Conditional permutations per region for `pSim` (default 999; 0 skips them and clusters use `pNormal`). */
  permutations?: number;
  /**
   * How the permutations are drawn: "per-region" (fresh draws for each region), "shared" (one set of draws shared
   * by all regions, as PySAL esda's `crand`: linear in n, for large n), or "auto" (default): per-region up to
   * 100,000 regions, shared above. Reported in the result.
   */
  permutationDraws?: "auto" | PermutationDraws;
  /**
   * Threads for the "shared" draws (default: every core, at most 8; 1 = no worker thread); the result is the
   * same on any number of threads. Per-region draws run on the calling thread.
   */
  threads?: number;
  /** Seed of the permutation generator; default 1 (lib/random's one seed rule), reported in `seed`. */
  seed?: number;
  /** Significance level for `cluster` (default 0.05). */
  alpha?: number;
  /** Control the false discovery rate (Benjamini–Hochberg) over the regions' p-values before applying `alpha` (default false). */
  fdr?: boolean;
  /** Variance of Ii: "conditional" (Sokal, Oden & Thomson 1998; spdep `localmoran` default) or "total" (Anselin 1995 randomisation). */
  variance?: "conditional" | "total";
  /** Alternative for `pNormal` (default "two.sided", as spdep `localmoran`). `pSim` is always the folded permutation p-value. */
  alternative?: MoranAlternative;
}

/** One region's local Moran statistics (from `toRecords()`). */
export interface LocalMoranRecord {
  id: string;
  Ii: number;
  EIi: number;
  varIi: number;
  zI: number;
  pNormal: number;
  pSim: number | null;
  quadrant: LocalMoranQuadrant;
  cluster: LocalMoranCluster;
}

/** The result of {@link localMoran}: one entry per region, in `ids` (= `w.ids`) order. */
export interface LocalMoranResult {
  ids: string[];
  /** Local Moran Ii = (z_i / m2) Σ_j w_ij z_j with z = x − mean(x) and m2 = Σ z² / n. */
  Ii: Float64Array;
  /** Expectation of Ii under the chosen variance assumption. */
  EIi: Float64Array;
  /** Variance of Ii under the chosen assumption. */
  varIi: Float64Array;
  /** (Ii − EIi) / √varIi (NaN for an island kept with zeroPolicy: its variance is 0). */
  zI: Float64Array;
  /** Normal p-value of zI for `alternative`. */
  pNormal: Float64Array;
  /** Folded conditional-permutation p-value (null when permutations = 0). */
  pSim: Float64Array | null;
  /** Mean and variance of each region's permutation distribution (null without permutations). */
  meanSim: Float64Array | null;
  varianceSim: Float64Array | null;
  /** (Ii − meanSim) / √varianceSim, PySAL's `z_sim` (null without permutations). */
  zSim: Float64Array | null;
  /** Benjamini–Hochberg adjusted p-values (of pSim, or pNormal without permutations) when `fdr` is set, else null. */
  pAdjusted: Float64Array | null;
  quadrant: LocalMoranQuadrant[];
  cluster: LocalMoranCluster[];
  /** The p-value the clusters were decided on. */
  clusterBasis: "pSim" | "pNormal";
  alpha: number;
  fdr: boolean;
  variance: "conditional" | "total";
  alternative: MoranAlternative;
  permutations: number;
  /** How the permutations were drawn ("per-region" or "shared"; null without permutations). */
  permutationDraws: PermutationDraws | null;
  seed: number | null;
  n: number;
  variable: string;
  islands: string[];
  /** Counts of each cluster label. */
  counts: Record<LocalMoranCluster, number>;
  /** One object per region. */
  toRecords(): LocalMoranRecord[];
  /** Columns for `new dfd.DataFrame(result.toColumns())`. */
  toColumns(): Record<string, (string | number | null)[]>;
  /** What the shared summary prints (lib/report): the settings and one table row per region. */
  report: ReportParts;
  summary(): string;
  toHTML(): string;
}

/**
 * Benjamini–Hochberg adjusted p-values (Benjamini & Hochberg 1995), as R's `p.adjust(p, "BH")`.
 * NaN entries are left out of the count and stay NaN.
 * @example benjaminiHochberg([0.01, 0.04, 0.03]) // Float64Array [0.03, 0.04, 0.04]
 */
export function benjaminiHochberg(p: ArrayLike<number>): Float64Array {
  const idx: number[] = [];
  for (let i = 0; i < p.length; i++) if (!Number.isNaN(p[i])) idx.push(i);
  idx.sort((a, b) => p[b] - p[a]);
  const m = idx.length;
  const out = new Float64Array(p.length).fill(NaN);
  let running = Infinity;
  for (let r = 0; r < m; r++) {
    const i = idx[r];
    const rank = m - r;
    running = Math.min(running, (p[i] * m) / rank);
    out[i] = Math.min(1, running);
  }
  return out;
}

/**
 * Local Moran's I, the LISA statistic of Anselin (1995, "Local indicators of spatial association — LISA",
 * *Geographical Analysis* 27(2)), with the moments of spdep's `localmoran` and a conditional permutation test.
 *
 * Conventions (spdep 1.2-7 `localmoran` with its defaults `mlvar = TRUE`, `adjust.x = FALSE`):
 * z = x − mean(x) over all regions, m2 = Σz²/n, Ii = (z_i/m2)·(Wz)_i. `variance: "conditional"` (default, as
 * `localmoran(conditional = TRUE)`): EIi = −z_i²·W_i / ((n−1)·m2) and
 * VarIi = (z_i/m2)²·n/(n−2)·(W_i(2) − W_i²/(n−1))·(m2 − z_i²/(n−1)); `"total"`: Anselin's randomisation
 * moments (`conditional = FALSE`). W_i = Σ_j w_ij, W_i(2) = Σ_j w_ij².
 *
 * Permutations: for each region, `permutations` draws of its k_i neighbours' values WITHOUT replacement from
 * the other n − 1 values (conditional randomization, Anselin 1995; PySAL esda `Moran_Local`). pSim is the
 * folded p-value (1 + min(#{Ii_perm ≥ Ii}, R − #{Ii_perm ≥ Ii})) / (1 + R), spdep's "Pr(folded) Sim" column
 * and PySAL's `p_sim`. spdep 1.2-7's `localmoran_perm` draws WITH replacement, so its values agree with ours
 * only within Monte Carlo error.
 *
 * Quadrants follow spdep's `quadr$pysal` (GeoDa): "H" when z_i > 0, "L" when z_i ≤ 0, likewise for the lag;
 * the first letter is the region, the second its lag. `cluster` is the quadrant when the p-value
 * (pSim, or pNormal without permutations; BH-adjusted when `fdr`) is ≤ alpha, else "ns".
 *
 * @param values numbers in `w.ids` order — or `(df, "column", w, { id })`
 * @param w spatial weights (usually row-standardized)
 * @throws as {@link moran}: missing or non-numeric values, constant values, fewer than 4 regions, islands
 *   without zeroPolicy, ids that do not match; alpha outside (0, 1)
 * @example
 * // Columbus, CRIME, col.gal.nb row-standardized
 * const lm = localMoran(columbus.CRIME, w.standardize("W"), { permutations: 999, seed: 1 });
 * lm.Ii[0];       // 0.7368184906083564 (spdep localmoran: the same)
 * lm.pSim[0];     // 0.189
 * lm.counts;      // { HH: 10, LL: 5, HL: 1, LH: 1, ns: 32 }
 */
export function localMoran(values: ArrayLike<unknown> | { values: ArrayLike<unknown> }, w: SpatialWeights, options?: LocalMoranOptions): LocalMoranResult;
/** Local Moran's I of a table column aligned to `w` by `options.id`. */
export function localMoran(data: DataInput, column: string, w: SpatialWeights, options?: LocalMoranOptions): LocalMoranResult;
export function localMoran(a: unknown, b: unknown, c?: unknown, d?: unknown): LocalMoranResult {
  const fn = "localMoran";
  const { x, w, variable, options } = resolveSpatialInput<LocalMoranOptions>(fn, a, b, c, d,
    ["id", "zeroPolicy", "permutations", "permutationDraws", "seed", "alpha", "fdr", "variance", "alternative", "threads"]);
  const threads = resolveThreads(options.threads, fn);
  const permutations = options.permutations ?? 999;
  const alpha = options.alpha ?? 0.05;
  const variance = options.variance ?? "conditional";
  const alternative = options.alternative ?? "two.sided";
  if (!Number.isInteger(permutations) || permutations < 0) throw new Error(`${fn}: permutations must be a non-negative integer, got ${permutations}`);
  if (!(alpha > 0 && alpha < 1)) throw new Error(`${fn}: alpha must be in (0, 1), got ${alpha}`);
  if (variance !== "conditional" && variance !== "total") throw new Error(`${fn}: variance must be "conditional" or "total", got ${JSON.stringify(variance)}`);
  if (!["greater", "less", "two.sided"].includes(alternative)) throw new Error(`${fn}: alternative must be "greater", "less" or "two.sided", got ${JSON.stringify(alternative)}`);
  resolveSeed(options.seed, fn);
  const n = w.n;
  if (n < 4) throw new Error(`${fn}: need at least 4 regions, got ${n}`);
  const draws = resolvePermutationDraws(options.permutationDraws, n, fn);

  let mean = 0;
  let scale = 0;
  for (let i = 0; i < n; i++) { mean += x[i]; scale = Math.max(scale, Math.abs(x[i])); }
  mean /= n;
  const z = new Float64Array(n);
  let zz = 0;
  let z4 = 0;
  for (let i = 0; i < n; i++) {
    const v = x[i] - mean;
    z[i] = v;
    zz += v * v;
    z4 += v ** 4;
  }
  if (zz === 0 || Math.sqrt(zz / n) <= 1e-14 * scale) throw new Error(`${fn}: ${variable === "values" ? "values are" : `column "${variable}" is`} constant; local Moran's I is undefined`);
  const m2 = zz / n;
  const csr = w.toCSR();
  const lz = csrMatVec(csr, z);
  const Ii = new Float64Array(n);
  const EIi = new Float64Array(n);
  const varIi = new Float64Array(n);
  const zI = new Float64Array(n);
  const pNormal = new Float64Array(n);
  const b2 = (z4 / n) / (m2 * m2);
  const A = (n - b2) / (n - 1);
  const B = (2 * b2 - n) / ((n - 1) * (n - 2));
  for (let i = 0; i < n; i++) {
    let Wi = 0;
    let Wi2 = 0;
    for (let p = csr.rowPtr[i]; p < csr.rowPtr[i + 1]; p++) { Wi += csr.values[p]; Wi2 += csr.values[p] ** 2; }
    Ii[i] = (z[i] / m2) * lz[i];
    if (variance === "conditional") {
      EIi[i] = -(z[i] * z[i] * Wi) / ((n - 1) * m2);
      varIi[i] = (z[i] / m2) ** 2 * (n / (n - 2)) * (Wi2 - (Wi * Wi) / (n - 1)) * (m2 - (z[i] * z[i]) / (n - 1));
    } else {
      EIi[i] = -Wi / (n - 1);
      varIi[i] = A * Wi2 + B * (Wi * Wi - Wi2) - EIi[i] * EIi[i];
    }
    zI[i] = (Ii[i] - EIi[i]) / Math.sqrt(varIi[i]);
    pNormal[i] = Number.isNaN(zI[i]) ? NaN : normalPValue(zI[i], alternative);
  }

  let pSim: Float64Array | null = null;
  let meanSim: Float64Array | null = null;
  let varianceSim: Float64Array | null = null;
  let zSim: Float64Array | null = null;
  let seedUsed: number | null = null;
  if (permutations > 0) {
    seedUsed = resolveSeed(options.seed, fn);
    ({ pSim, meanSim, varianceSim, zSim } = draws === "shared"
      ? sharedConditionalPermutation(csr.rowPtr, csr.values, z, z.map((v) => v / m2), Ii, permutations, seedUsed, threads, fn)
      : localMoranPermutation(z, m2, csr.rowPtr, csr.values, Ii, permutations, seedUsed));
  }

  const quadrant: LocalMoranQuadrant[] = new Array(n);
  for (let i = 0; i < n; i++) quadrant[i] = ((z[i] > 0 ? "H" : "L") + (lz[i] > 0 ? "H" : "L")) as LocalMoranQuadrant;
  const basis = pSim ?? pNormal;
  const pAdjusted = options.fdr ? benjaminiHochberg(basis) : null;
  const decide = pAdjusted ?? basis;
  const cluster: LocalMoranCluster[] = quadrant.map((q, i) => (decide[i] <= alpha ? q : "ns"));
  const counts: Record<LocalMoranCluster, number> = { HH: 0, LL: 0, HL: 0, LH: 0, ns: 0 };
  for (const c2 of cluster) counts[c2]++;

  const ids = [...w.ids];
  const report: ReportParts = {
    title: "Local Moran's I (LISA)",
    header: [
      ["Variable", variable], ["n", n], ["Variance", variance], ["Alternative (pNormal)", alternative],
      ["Permutations", permutations > 0 ? `${permutations} conditional permutations per region (${draws === "shared" ? "draws shared by all regions, as esda" : "drawn per region"}), seed ${seedUsed}; pSim folded` : "none: clusters use pNormal"],
      ["Clusters", `at alpha = ${alpha}${options.fdr ? " after Benjamini–Hochberg FDR" : ""}: HH ${counts.HH}, LL ${counts.LL}, HL ${counts.HL}, LH ${counts.LH}, ns ${counts.ns}`],
    ],
    statistics: [],
    table: {
      caption: "Local statistics by region",
      columns: ["id", "Ii", "zI", "pNormal", "pSim", "quadrant", "cluster"],
      rows: ids.map((id, i) => [id, Ii[i], zI[i], pNormal[i], pSim ? pSim[i] : "—", quadrant[i], cluster[i]]),
    },
  };
  const res: LocalMoranResult = makeResult<LocalMoranResult>({
    ids, Ii, EIi, varIi, zI, pNormal, pSim, meanSim, varianceSim, zSim, pAdjusted, quadrant, cluster,
    clusterBasis: pSim ? "pSim" : "pNormal", alpha, fdr: !!options.fdr, variance, alternative, permutations, permutationDraws: permutations > 0 ? draws : null,
    seed: seedUsed, n, variable, islands: [...w.islands], counts, report,
    toRecords: () => res.ids.map((id, i) => ({
      id, Ii: Ii[i], EIi: EIi[i], varIi: varIi[i], zI: zI[i], pNormal: pNormal[i], pSim: pSim ? pSim[i] : null,
      quadrant: quadrant[i], cluster: cluster[i],
    })),
    toColumns: () => ({
      id: [...res.ids], Ii: Array.from(Ii), EIi: Array.from(EIi), varIi: Array.from(varIi), zI: Array.from(zI),
      pNormal: Array.from(pNormal), pSim: pSim ? Array.from(pSim) : res.ids.map(() => null),
      quadrant: [...quadrant], cluster: [...cluster],
    }),
  });
  return res;
}

/**
 * Conditional randomization of local Moran's I (lib/spatial/conditionalPermutation.ts: for region i, R samples of
 * k_i values without replacement from the other n − 1 values, from one shared index pool, seeded).
 */
function localMoranPermutation(z: Float64Array, m2: number, rowPtr: Int32Array, values: Float64Array,
  Ii: Float64Array, R: number, seed: number) {
  const { pSim, meanSim, varianceSim, zSim } = conditionalPermutation(rowPtr, Ii, R, seed, (i, picks, k) => {
    let lag = 0;
    const start = rowPtr[i];
    for (let t = 0; t < k; t++) lag += values[start + t] * z[picks[t]];
    return (z[i] / m2) * lag;
  });
  return { pSim, meanSim, varianceSim, zSim };
}
