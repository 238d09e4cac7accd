import type { SpatialWeights } from "../weights/SpatialWeights";
import { resolveSpatialInput, type SpatialInputOptions } from "./input";
import { normalPValue, type MoranAlternative } from "./moran";
import { benjaminiHochberg } from "./localMoran";
import { conditionalPermutation } from "./conditionalPermutation";
import type { DataInput } from "../core/types";
import type { ReportParts } from "../inference/fit";
import { makeResult } from "../report/modelSummary";
import { resolveSeed } from "../random/seed";

/** Options of {@link localG}. */
export interface LocalGOptions extends SpatialInputOptions {
  /** Gi* (the region's own value included, Ord & Getis 1995) instead of Gi (default false). */
  star?: boolean;
  /** Conditional permutations per region for `pSim` (default 999; 0 skips them and hot spots use `pNormal`). */
  permutations?: number;
  /** Seed of the permutation generator; default 1 (lib/random's one seed rule), reported in `seed`. */
  seed?: number;
  /** Alternative for `pNormal` (default "two.sided", as spdep `localG`). */
  alternative?: MoranAlternative;
  /** Significance level for `hotSpot` (default 0.05). */
  alpha?: number;
  /** Benjamini–Hochberg FDR control over the regions' p-values before applying `alpha` (default false). */
  fdr?: boolean;
}

/** Hot spot (significant high G), cold spot (significant low G) or not significant. */
export type HotSpot = "hot" | "cold" | "ns";

/** The result of {@link localG}. */
export interface LocalGResult {
  ids: string[];
  /** G_i = Σ_j w_ij x_j / Σ_{j≠i} x_j (Gi) or G*_i = Σ_j w_ij x_j / Σ_j x_j with w_ii (Gi*). */
  G: Float64Array;
  /** E[G_i] and Var[G_i] under randomization (Getis & Ord 1992; Ord & Getis 1995). */
  EG: Float64Array;
  VG: Float64Array;
  /** (G_i − E[G_i]) / √Var[G_i]: spdep's `localG` value. */
  Z: Float64Array;
  pNormal: Float64Array;
  /** Folded conditional-permutation p-value (null without permutations). */
  pSim: Float64Array | null;
  /** Benjamini–Hochberg adjusted p-values when `fdr` (null otherwise). */
  pAdjusted: Float64Array | null;
  hotSpot: HotSpot[];
  star: boolean;
  permutations: number;
  seed: number | null;
  alpha: number;
  n: number;
  variable: string;
  report: ReportParts;
  summary(): string;
  toHTML(): string;
}

/** The weights of Gi*: the region itself added, row-standardized over k_i + 1 (style W) or with w_ii = 1 (style B). */
function starWeights(fn: string, w: SpatialWeights): { rowPtr: Int32Array; colIdx: Int32Array; values: Float64Array } {
  if (w.style !== "W" && w.style !== "B") throw new Error(`${fn}: Gi* needs weights of style "W" or "B" (the self weight is then 1/(k+1) or 1), got "${w.style}"`);
  const n = w.n;
  const rowPtr = new Int32Array(n + 1);
  const cols: number[] = [];
  const vals: number[] = [];
  for (let i = 0; i < n; i++) {
    const nb = w.neighbors[i];
    const v = w.style === "W" ? 1 / (nb.length + 1) : 1;
    const all = [...nb, i].sort((a, b) => a - b);
    for (const j of all) { cols.push(j); vals.push(v); }
    rowPtr[i + 1] = cols.length;
  }
  return { rowPtr, colIdx: Int32Array.from(cols), values: Float64Array.from(vals) };
}

/**
 * Local Getis–Ord G_i and G*_i (hot-spot analysis, 热点分析) with normal and conditional-permutation inference,
 * as spdep's `localG` (values and `return_internals`) and esda's `G_Local`.
 *
 * Moments (spdep `localG`): Gi: x̄_i and s_i² over the other n − 1 values, Var numerator
 * s_i²((n − 1) S1_i − W_i²)/(n − 2); Gi*: x̄ and s² = Σ(x − x̄)²/n over all values, s²(n S1_i − W_i²)/(n − 1), with
 * W_i = Σ_j w_ij and S1_i = Σ_j w_ij². For Gi* the region itself joins its neighbours: style "W" weights become
 * 1/(k_i + 1) (spdep `nb2listw(include.self(nb), "W")`), style "B" gets w_ii = 1. Values should be non-negative.
 * Permutations keep x_i (and its self weight) and draw the neighbours from the other regions.
 * A region is a hot spot when Z > 0 and its p-value (pSim when permutations ran, else pNormal; BH-adjusted with
 * `fdr`) is ≤ alpha; a cold spot when Z < 0.
 *
 * Source: Getis, A. & Ord, J. K. (1992) "The analysis of spatial association by use of distance statistics",
 * *Geographical Analysis* 24(3); Ord, J. K. & Getis, A. (1995) "Local spatial autocorrelation statistics:
 * distributional issues and an application", *Geographical Analysis* 27(4).
 * @param values numbers in `w.ids` order, or the table form `localG(df, "column", w, { id })`
 * @param w spatial weights
 * @param options star (false), permutations (999), seed (1), alternative ("two.sided"), alpha (0.05), fdr (false), id, zeroPolicy
 * @throws `localG: column "CRIME" has 2 missing values (rows 3, 7)`; `localG: Gi* needs weights of style "W" or "B"`;
 *   `localG: column "x" has a negative value (row 4); G statistics need non-negative values`; islands without zeroPolicy
 * @example
 * // Columbus CRIME, col.gal.nb row-standardized: spdep localG gives the same Z
 * localG(columbus.CRIME, w.standardize("W"), { permutations: 0 }).Z[0] // -0.9378076510352622
 */
export function localG(values: ArrayLike<unknown> | { values: ArrayLike<unknown> }, w: SpatialWeights, options?: LocalGOptions): LocalGResult;
/** Local G of a table column, rows aligned to `w` by `options.id`. */
export function localG(data: DataInput, column: string, w: SpatialWeights, options?: LocalGOptions): LocalGResult;
export function localG(a: unknown, b: unknown, c?: unknown, d?: unknown): LocalGResult {
  const fn = "localG";
  const { x, w, variable, options } = resolveSpatialInput<LocalGOptions>(fn, a, b, c, d,
    ["id", "zeroPolicy", "star", "permutations", "seed", "alternative", "alpha", "fdr"]);
  const star = options.star ?? false;
  const permutations = options.permutations ?? 999;
  const alternative = options.alternative ?? "two.sided";
  const alpha = options.alpha ?? 0.05;
  if (!Number.isInteger(permutations) || permutations < 0) throw new Error(`${fn}: permutations must be a non-negative integer, got ${permutations}`);
  if (!["greater", "less", "two.sided"].includes(alternative)) throw new Error(`${fn}: alternative must be "greater", "less" or "two.sided", got ${JSON.stringify(alternative)}`);
  if (!(alpha > 0 && alpha < 1)) throw new Error(`${fn}: alpha must be in (0, 1), got ${alpha}`);
  const seedChecked = resolveSeed(options.seed, fn);
  const n = w.n;
  if (n < 3) throw new Error(`${fn}: need at least 3 regions, got ${n}`);
  for (let i = 0; i < n; i++) if (x[i] < 0) throw new Error(`${fn}: ${variable === "values" ? "values have" : `column "${variable}" has`} a negative value (row ${i}); G statistics need non-negative values`);
  const csr = star ? starWeights(fn, w) : w.toCSR();
  let sum = 0, sum2 = 0;
  for (let i = 0; i < n; i++) { sum += x[i]; sum2 += x[i] * x[i]; }
  const mean = sum / n;
  let ssd = 0;
  for (let i = 0; i < n; i++) ssd += (x[i] - mean) ** 2;
  const G = new Float64Array(n), EG = new Float64Array(n), VG = new Float64Array(n), Z = new Float64Array(n), pNormal = new Float64Array(n);
  const lag = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let l = 0, Wi = 0, S1i = 0;
    for (let p = csr.rowPtr[i]; p < csr.rowPtr[i + 1]; p++) { l += csr.values[p] * x[csr.colIdx[p]]; Wi += csr.values[p]; S1i += csr.values[p] ** 2; }
    lag[i] = l;
    let xibar: number, si2: number, V: number, denom: number;
    if (star) {
      xibar = mean; si2 = ssd / n; V = si2 * ((n * S1i - Wi * Wi) / (n - 1)); denom = sum;
    } else {
      xibar = (sum - x[i]) / (n - 1); si2 = (sum2 - x[i] * x[i]) / (n - 1) - xibar * xibar;
      V = si2 * (((n - 1) * S1i - Wi * Wi) / (n - 2)); denom = sum - x[i];
    }
    Z[i] = (l - Wi * xibar) / Math.sqrt(V);
    G[i] = l / denom; EG[i] = (Wi * xibar) / denom; VG[i] = V / (denom * denom);
    pNormal[i] = Number.isFinite(Z[i]) ? normalPValue(Z[i], alternative) : NaN;
  }
  let pSim: Float64Array | null = null;
  if (permutations > 0) {
    const { rowPtr, colIdx, values } = csr;
    // Gi*: the self slot keeps x_i; the other slots are permuted. Slot order follows the CSR row.
    const res = conditionalPermutation(w.toCSR().rowPtr, lag, permutations, seedChecked, (i, picks) => {
      let l = 0, t = 0;
      for (let p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
        if (colIdx[p] === i) l += values[p] * x[i];
        else l += values[p] * x[picks[t++]];
      }
      return l;
    });
    pSim = res.pSim;
  }
  const basis = pSim ?? pNormal;
  const pAdjusted = options.fdr ? benjaminiHochberg(basis) : null;
  const decide = pAdjusted ?? basis;
  const hotSpot: HotSpot[] = Array.from(Z, (z, i) => (decide[i] <= alpha ? (z > 0 ? "hot" : "cold") : "ns"));
  const counts = { hot: 0, cold: 0, ns: 0 };
  for (const h of hotSpot) counts[h]++;
  const ids = [...w.ids];
  const name = star ? "Gi*" : "Gi";
  const report: ReportParts = {
    title: `Local Getis–Ord ${name}`,
    header: [["Variable", variable], ["n", n], ["Weights style", w.style + (star ? " (self included)" : "")], ["Alternative (pNormal)", alternative],
      ["Permutations", permutations > 0 ? `${permutations} conditional permutations per region, seed ${seedChecked}; pSim folded` : "none: hot spots use pNormal"],
      ["Hot spots", `at alpha = ${alpha}${options.fdr ? " after Benjamini–Hochberg FDR" : ""}: hot ${counts.hot}, cold ${counts.cold}, ns ${counts.ns}`]],
    statistics: [],
    table: { caption: "Local statistics by region", columns: ["id", name, "z", "pNormal", "pSim", "hot spot"],
      rows: ids.map((id, i) => [id, G[i], Z[i], pNormal[i], pSim ? pSim[i] : "—", hotSpot[i]]) },
  };
  return makeResult<LocalGResult>({
    ids, G, EG, VG, Z, pNormal, pSim, pAdjusted, hotSpot, star, permutations, seed: permutations > 0 ? seedChecked : null,
    alpha, n, variable, report,
  });
}
