/**
 * Regression-based (Mundlak / Wooldridge) Hausman test of fixed against random effects, valid
 * with cluster-robust standard errors.
 */
import type { DataInput } from "../core/types";
import { idColumn } from "../core/data";
import { crossprod, crossprodXy, cholesky, cholInverse, cholSolve, inverseGeneral } from "../linalg";
import { chiSquaredUpper } from "../distributions/cdf";
import { checkIndependent, pivotedCholesky } from "../linalg/pivotedCholesky";
import { fitRandomEffects } from "./panelRE";
import { withinTransform, type PanelEffects } from "./withinTransform";
import { sandwich, groupScores, outerSum, whiteMeat, type ScoreInputs } from "./panelVcov";

/**
 * Variance estimator of the auxiliary regression:
 * - `{ cluster: column, convention }` — cluster-robust (Liang & Zeger 1986; Arellano 1987) with
 *   `convention: "stata"` (default) G/(G−1)·(n−1)/(n−k), `"plm"` n/(n−k) (plm `vcovHC(method = "arellano",
 *   type = "HC1")`), or `"HC0"` no factor (plm `vcovHC(method = "arellano")`, its default type);
 * - `"robust"` — White HC1, n/(n−k) (plm `vcovHC(method = "white1", type = "HC1")`);
 * - `"classical"` — s²(Z'Z)⁻¹, the textbook auxiliary-regression test (plm `phtest(method = "aux")` without vcov).
 */
export type MundlakVcov = "classical" | "robust" | { cluster: string; convention?: "stata" | "plm" | "HC0" };

/** Options of {@link mundlakTest}. */
export interface MundlakTestOptions {
  entity: string;
  time: string;
  /** Effects of the two models compared (default "entity"; "twoways" needs a balanced panel). */
  effects?: PanelEffects;
  /** Default `{ cluster: <entity column> }` with the Stata convention. */
  vcov?: MundlakVcov;
}

/** Result of {@link mundlakTest}. */
export interface MundlakTestResult {
  /** Wald statistic, χ²(df) under the null that the effects are uncorrelated with the regressors. */
  statistic: number;
  df: number;
  pValue: number;
  /** Regressors whose within-transformed copies are tested (those that vary within the effects). */
  terms: string[];
  method: string;
  /** Name of the variance estimator used. */
  vcovType: string;
  /**
   * Time-varying regressors whose within copy is collinear with the columns before it in the
   * auxiliary regression (dropped as R's `lm` aliases them; e.g. `factor(year)` dummies in a
   * balanced panel, whose entity means are all equal), so they are not part of the test.
   */
  notTestable: string[];
  /** Number of clusters (clustered vcov only). */
  clusters?: number;
  /** The auxiliary regression: term names (`x` for the quasi-demeaned regressor, `x.within` for the within copy) and estimates. */
  auxiliary: { terms: string[]; coefficients: number[] };
  n: number;
  summary(): string;
}

/**
 * Regression-based Hausman test (Mundlak 1978, Econometrica 46, 69–85; Wooldridge 2010,
 * *Econometric Analysis of Cross Section and Panel Data*, 2nd ed., §10.7.3, eq. 10.88), as plm's
 * `phtest(formula, data, method = "aux", vcov = …)`. The random-effects model is fitted
 * (Swamy–Arora, {@link panelRE}); then the auxiliary pooled OLS of the quasi-demeaned response
 * y − θ ȳ on an intercept, the quasi-demeaned regressors X − θ X̄ and the within-transformed
 * time-varying regressors X − X̄ is run, and the coefficients of the within copies are tested
 * jointly zero by a Wald test with the chosen variance. Under the null (random effects
 * consistent) those coefficients are zero; unlike the classical `hausman(fe, re)`, the test stays
 * valid with heteroskedasticity and serial correlation within clusters when the vcov is
 * cluster-robust (the default here). On a balanced panel the statistic equals the Mundlak form:
 * RE with the entity means X̄ added, Wald test that their coefficients are zero.
 *
 * Time-invariant regressors stay in the auxiliary regression but are not tested (they have no
 * within copy). Within copies collinear with the columns before them are dropped in order, as R's
 * `lm` aliases them, and listed in `notTestable`: with `factor(year)` under entity effects on a
 * balanced panel every entity mean of a dummy is 1/T, so the dummies carry nothing to test (plm's
 * `phtest(method = "aux")` cannot run with factor terms at all). plm 2.6-2 reads the tested block by position, which is off when such regressors
 * are present; this function selects the within copies by name.
 * @param data danfo DataFrame or object of columns
 * @param formula `"y ~ x1 + x2"` (with intercept)
 * @param options `entity`, `time`, `effects`, `vcov` (see {@link MundlakVcov})
 * @throws everything {@link panelRE} throws; no time-varying regressor; within copies collinear;
 *   an unknown vcov or convention; a cluster column with one cluster
 * @example
 * // plm::Grunfeld inv ~ value + capital: phtest(method = "aux", vcov = function(x) vcovHC(x, method = "arellano"))
 * // gives chisq = 8.29983661683509, df = 2 (R plm 2.6-2)
 * mundlakTest(grunfeld, "inv ~ value + capital", { entity: "firm", time: "year",
 *   vcov: { cluster: "firm", convention: "HC0" } }).statistic // 8.2998366168...
 */
export function mundlakTest(data: DataInput, formula: string, options: MundlakTestOptions): MundlakTestResult {
  const fn = "mundlakTest";
  const fit = fitRandomEffects(data, formula, { entity: options?.entity, time: options?.time, effects: options?.effects }, fn);
  const { ix, mm, effects } = fit;
  const n = mm.n, p = mm.k;
  const ys = fit.quasiDemean(mm.y);
  const wt = withinTransform(ix, effects);
  const cols: Float64Array[] = [new Float64Array(n).fill(1)];
  const names: string[] = ["(Intercept)"];
  for (let c = 1; c < p; c++) { cols.push(fit.quasiDemean(mm.X.subarray(c * n, c * n + n))); names.push(mm.columnNames[c]); }
  const tested: string[] = [];
  for (let c = 1; c < p; c++) {
    const col = mm.X.subarray(c * n, c * n + n);
    const d = wt.apply(col);
    let m = 0; for (let i = 0; i < n; i++) m += col[i]; m /= n;
    let ss = 0, sd = 0; for (let i = 0; i < n; i++) { ss += (col[i] - m) ** 2; sd += d[i] * d[i]; }
    if (sd > 1e-20 * Math.max(ss, 1e-300) && sd > 1e-300) { cols.push(d); names.push(`${mm.columnNames[c]}.within`); tested.push(mm.columnNames[c]); }
  }
  // within copies collinear with the columns before them carry nothing to test (e.g. time dummies
  // in a balanced panel: their entity means are constant); drop them in order, as R's lm aliases
  const base = p;
  const all = cols.length;
  const ZZall = crossprod(packColumns(cols, n), n, all);
  const block = (idx: number[]) => {
    const m = idx.length, B = new Float64Array(m * m);
    for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) B[a * m + b] = ZZall[idx[a] * all + idx[b]];
    return B;
  };
  const keep = Array.from({ length: base }, (_, j) => j);
  checkIndependent(block(keep), base, names.slice(0, base), fn, " (after the random-effects transformation)");
  const notTestable: string[] = [];
  for (let j = base; j < all; j++) {
    const trial = [...keep, j];
    if (rankOf(block(trial), trial.length) < trial.length) notTestable.push(tested[j - base]);
    else keep.push(j);
  }
  if (notTestable.length > 0) {
    const kept = keep.slice(base);
    const c2 = keep.map((j) => cols[j]), n2 = keep.map((j) => names[j]), t2 = kept.map((j) => tested[j - base]);
    cols.length = 0; cols.push(...c2); names.length = 0; names.push(...n2); tested.length = 0; tested.push(...t2);
  }
  const q = tested.length;
  if (q === 0) throw new Error(`${fn}: no regressor varies within the ${effects === "entity" ? "entities" : effects === "time" ? "periods" : "two-way effects"}${notTestable.length > 0 ? ` in a way that is not collinear with the quasi-demeaned regressors (${notTestable.join(", ")})` : ""}, so there is nothing to test`);
  const k = cols.length;
  if (n - k <= 0) throw new Error(`${fn}: the auxiliary regression has ${k} columns but only ${n} observations`);
  const Z = packColumns(cols, n);
  const ZZ = crossprod(Z, n, k);
  const L = cholesky(ZZ, k, fn);
  const beta = cholSolve(L, crossprodXy(Z, ys, n, k), k);
  const bread = cholInverse(L, k);
  const resid = ys.slice();
  for (let c = 0; c < k; c++) { const b = beta[c], o = c * n; for (let i = 0; i < n; i++) resid[i] -= Z[o + i] * b; }
  let rss = 0;
  for (let i = 0; i < n; i++) rss += resid[i] * resid[i];
  const inp: ScoreInputs = { X: Z, resid, bread, n, k };

  const spec: MundlakVcov = options.vcov ?? { cluster: options.entity };
  let V: Float64Array, vcovType: string, clusters: number | undefined;
  if (spec === "classical") {
    const s2 = rss / (n - k);
    V = Float64Array.from(bread, (b) => b * s2);
    vcovType = "classical";
  } else if (spec === "robust") {
    V = sandwich(bread, whiteMeat(inp), k, n / (n - k));
    vcovType = "heteroskedasticity-robust (White HC1, n/(n−k); plm vcovHC white1)";
  } else if (typeof spec === "object" && spec !== null && typeof spec.cluster === "string") {
    const convention = spec.convention ?? "stata";
    if (!["stata", "plm", "HC0"].includes(convention)) throw new Error(`${fn}: cluster convention must be "stata", "plm" or "HC0" (got ${JSON.stringify(convention)})`);
    const name = spec.cluster;
    let codes: Int32Array, G: number;
    if (name === options.entity) { codes = ix.entity; G = ix.entityLevels.length; }
    else if (name === options.time) { codes = ix.time; G = ix.timeLevels.length; }
    else {
      const ids = idColumn(data, name, fn);
      const map = new Map<string, number>();
      codes = new Int32Array(n);
      for (let i = 0; i < n; i++) { let c = map.get(ids[i]); if (c === undefined) { c = map.size; map.set(ids[i], c); } codes[i] = c; }
      G = map.size;
    }
    if (G < 2) throw new Error(`${fn}: cluster column "${name}" has only one cluster`);
    const factor = convention === "HC0" ? 1 : convention === "plm" ? n / (n - k) : (G / (G - 1)) * ((n - 1) / (n - k));
    V = sandwich(bread, outerSum(groupScores(inp, codes, G), G, k), k, factor);
    clusters = G;
    vcovType = `cluster-robust by ${name} (${G} clusters), ${convention === "HC0" ? "no small-sample factor (plm vcovHC arellano, HC0)"
      : convention === "plm" ? "plm convention n/(n−k) (vcovHC arellano HC1)" : "Stata convention G/(G−1)·(n−1)/(n−k)"}`;
  } else {
    throw new Error(`${fn}: unknown vcov ${JSON.stringify(spec)}; use "classical", "robust" or { cluster: column, convention?: "stata" | "plm" | "HC0" }`);
  }
  const idx = tested.map((_, j) => p + j);
  const Vq = new Float64Array(q * q);
  for (let a = 0; a < q; a++) for (let b = 0; b < q; b++) Vq[a * q + b] = V[idx[a] * k + idx[b]];
  let Vi: Float64Array;
  try { Vi = inverseGeneral(Vq, q, fn); } catch { throw new Error(`${fn}: the variance of the tested coefficients is singular (${vcovType}); too few clusters for ${q} restrictions?`); }
  let W = 0;
  for (let a = 0; a < q; a++) for (let b = 0; b < q; b++) W += beta[idx[a]] * Vi[a * q + b] * beta[idx[b]];
  const pValue = chiSquaredUpper(W, q);
  const method = "Regression-based Hausman test (Mundlak 1978; Wooldridge 2010, §10.7.3), fixed vs random effects";
  return {
    statistic: W, df: q, pValue, terms: tested, notTestable, method, vcovType, clusters,
    auxiliary: { terms: names, coefficients: Array.from(beta) },
    n,
    summary: () => [
      method,
      `chisq = ${W.toPrecision(6)}, df = ${q}, p-value = ${pValue.toPrecision(4)}`,
      `standard errors: ${vcovType}`,
      `regressors tested (within copies): ${tested.join(", ")}`,
    ...(notTestable.length > 0 ? [`not testable (within copy collinear with the quasi-demeaned regressors, e.g. time dummies in a balanced panel): ${notTestable.join(", ")}`] : []),
      pValue < 0.05 ? "alternative hypothesis: the effects are correlated with the regressors (prefer fixed effects at the 5% level)"
        : "no evidence against random effects at the 5% level",
    ].join("\n"),
  };
}

function packColumns(cols: Float64Array[], n: number): Float64Array {
  const X = new Float64Array(n * cols.length);
  cols.forEach((c, j) => X.set(c, j * n));
  return X;
}

/** Numerical rank of a cross-product matrix (unit-scaled, pivoted Cholesky, tolerance 1e-10 on the squared scale). */
function rankOf(XtX: Float64Array, k: number): number {
  const d = new Float64Array(k);
  for (let j = 0; j < k; j++) d[j] = Math.sqrt(XtX[j * k + j]);
  const C = new Float64Array(k * k);
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) C[a * k + b] = d[a] > 0 && d[b] > 0 ? XtX[a * k + b] / (d[a] * d[b]) : 0;
  return pivotedCholesky(C, k, 1e-10).rank;
}
