/**
 * Regression-based (Mundlak / Wooldridge) Hausman test of fixed against random effects, valid
 * with cluster-robust standard errors.
 */
import type { DataInput } from "../core/types";
import { crossprod, crossprodXy, cholesky, cholInverse, cholSolve, inverseGeneral } from "../linalg";
import { chiSquaredUpper } from "../distributions/cdf";
import { checkIndependent, pivotedCholesky } from "../linalg/pivotedCholesky";
import { fitRandomEffects } from "./panelRE";
import { withinTransform, type PanelEffects } from "./withinTransform";
import { leastSquaresVcov } from "../inference/estimators";
import type { VcovSpec } from "../inference/vcovSpec";
import { panelOptions } from "./panelOptions";
import { checkData, checkFormula } from "../core/validate";
import { makeResult } from "../report/modelSummary";
import type { ReportParts } from "../inference/fit";

/**
 * @deprecated any {@link VcovSpec} of lib/inference applies to the auxiliary regression: `{ cluster: column,
 * convention }` — cluster-robust with `convention: "stata"` (default) G/(G−1)·(n−1)/(n−k), `"plm"` n/(n−k) (plm
 * `vcovHC(method = "arellano", type = "HC1")`), or `"HC0"` no factor (plm `vcovHC(method = "arellano")`); `"robust"`
 * (= "HC1") White n/(n−k); `"iid"` (= "classical") s²(Z'Z)⁻¹, the textbook auxiliary-regression test.
 */
export type MundlakVcov = VcovSpec;

/** Options of {@link mundlakTest}. */
export interface MundlakTestOptions {
  /** Column identifying the unit. */
  id?: string;
  /** @deprecated the same as `id`. */
  entity?: string;
  time: string;
  /** Effects of the two models compared (default "entity"; "twoways" needs a balanced panel). */
  effects?: PanelEffects;
  /** Variance of the auxiliary regression (any {@link VcovSpec}); default `{ cluster: <id column> }`, Stata convention. */
  vcov?: VcovSpec;
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
  /** What the shared summary prints. */
  report: ReportParts;
  summary(): string;
  toHTML(): string;
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
  checkData(data, fn);
  checkFormula(formula, fn);
  const norm = panelOptions(options, ["effects", "vcov"], fn);
  const fit = fitRandomEffects(data, formula, { id: norm.id, entity: norm.id, time: norm.time, effects: norm.effects }, fn);
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
  const spec: VcovSpec = norm.vcov ?? { cluster: norm.id };
  const N = ix.entityLevels.length, T = ix.timeLevels.length;
  const variance = leastSquaresVcov({
    type: "leastSquares", X: Z, residuals: resid, bread, n, k, dfResidual: n - k, sigma2: rss / (n - k), absorbed: 0, effects: "none",
    panel: { entity: ix.entity, time: ix.time, entities: N, periods: T, countsByEntity: ix.countsByEntity, idColumn: norm.id, timeColumn: norm.time },
    data, rows: null, clusterConvention: "stata", fn,
  }, spec, names);
  const V = variance.values;
  const vcovType = variance.label;
  const clusters = typeof variance.clusters === "number" ? variance.clusters : undefined;
  const idx = tested.map((_, j) => p + j);
  const Vq = new Float64Array(q * q);
  for (let a = 0; a < q; a++) for (let b = 0; b < q; b++) Vq[a * q + b] = V[idx[a] * k + idx[b]];
  let Vi: Float64Array;
  try { Vi = inverseGeneral(Vq, q, fn); } catch { throw new Error(`${fn}: the variance of the tested coefficients is singular (${vcovType}); too few clusters for ${q} restrictions?`); }
  let W = 0;
  for (let a = 0; a < q; a++) for (let b = 0; b < q; b++) W += beta[idx[a]] * Vi[a * q + b] * beta[idx[b]];
  const pValue = chiSquaredUpper(W, q);
  const method = "Regression-based Hausman test (Mundlak 1978; Wooldridge 2010, §10.7.3), fixed vs random effects";
  const report: ReportParts = {
    title: method,
    header: [["Standard errors", vcovType], ["Regressors tested (within copies)", tested.join(", ")], ["Observations", n]],
    statistics: [],
    tests: [{ name: "Wald chi-squared", statistic: W, df: q, pValue }],
    notes: [
      ...(notTestable.length > 0 ? [`Not testable (within copy collinear with the quasi-demeaned regressors, e.g. time dummies in a balanced panel): ${notTestable.join(", ")}.`] : []),
      pValue < 0.05 ? "Alternative hypothesis: the effects are correlated with the regressors (prefer fixed effects at the 5% level)."
        : "No evidence against random effects at the 5% level.",
    ],
  };
  return makeResult<MundlakTestResult>({
    statistic: W, df: q, pValue, terms: tested, notTestable, method, vcovType, clusters,
    auxiliary: { terms: names, coefficients: Array.from(beta) },
    n, report,
  });
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
