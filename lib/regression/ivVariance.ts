/**
 * Score covariances for the IV diagnostics (`kleibergenPaap`, `hansenJ`, `wildClusterBootstrap`): which rows form a
 * cluster under a variance spec, and the small-sample factor the library's own estimator applies to the same
 * regression, so a diagnostic under `{ cluster: "province" }` uses the convention of the fit's standard errors.
 */
import { idColumn } from "../core/data";
import { cholesky, cholInverse, crossprod } from "../linalg";
import { leastSquaresVcov } from "../inference/estimators";
import type { LeastSquaresInference } from "../inference/leastSquares";
import { groupCodes, groupScores, outerSum, sandwich, whiteMeat } from "../inference/sandwich";
import { specText, type VcovSpec } from "../inference/vcovSpec";
import type { IvDesign } from "./iv";

/** How the scores of a diagnostic are grouped: not at all (iid), one row each (robust), or by cluster. */
export type ScoreGrouping = { kind: "iid" } | { kind: "robust" } | { kind: "cluster"; column: string; codes: Int32Array; G: number };

/**
 * The grouping a variance spec asks for.
 *
 * Long name: score grouping of a variance spec.
 * @param design the fit's design
 * @param spec "iid" / "classical", "HC0", "HC1" / "robust", or `{ cluster: column, convention? }`
 * @param fn caller name
 * @throws `fn: vcov {"driscollKraay":null} is not available here (use "iid", "HC0", "HC1" or { cluster: column })`;
 *   `fn: clustered inference needs at least 2 clusters; column "region" has 1`
 * @example scoreGrouping(fit.design, { cluster: "county" }, "hansenJ").kind // "cluster"
 */
export function scoreGrouping(design: IvDesign, spec: VcovSpec, fn: string): ScoreGrouping {
  if (spec === "iid" || spec === "classical") return { kind: "iid" };
  if (spec === "HC0" || spec === "HC1" || spec === "robust") return { kind: "robust" };
  if (typeof spec === "object" && spec !== null && "cluster" in spec && typeof spec.cluster === "string") {
    const column = spec.cluster;
    const p = design.base.panel;
    let g: { codes: Int32Array; G: number };
    if (p && column === p.idColumn) g = { codes: p.entity, G: p.entities };
    else if (p && column === p.timeColumn) g = { codes: p.time, G: p.periods };
    else {
      const ids = idColumn(design.base.data, column, fn);
      if (ids.length !== design.n) throw new Error(`${fn}: cluster column "${column}" has ${ids.length} rows for ${design.n} observations`);
      g = groupCodes(ids);
    }
    if (g.G < 2) throw new Error(`${fn}: clustered inference needs at least 2 clusters; column "${column}" has ${g.G}`);
    return { kind: "cluster", column, codes: g.codes, G: g.G };
  }
  throw new Error(`${fn}: vcov ${specText(spec)} is not available here (use "iid", "HC0", "HC1" or { cluster: column, convention? })`);
}

/**
 * The small-sample factor c of the library's variance under `spec` for a least-squares regression of `v` on
 * `W` (n × kw): V_library = c · B M B with M the plain (HC0 or cluster) meat. Read off the library's own estimator,
 * so every cluster convention ("stata", "plm", "sandwich", "HC0") carries over.
 *
 * Long name: small-sample factor of a variance spec.
 * @param design the fit's design (rows, panel structure)
 * @param W regressors, column-major n × kw
 * @param kw number of columns
 * @param v a response (the first endogenous regressor in the diagnostics)
 * @param spec a robust or cluster spec (see {@link scoreGrouping})
 * @param grouping its grouping
 * @param fn caller name
 * @example smallSampleFactor(fit.design, W, 5, x, "HC1", { kind: "robust" }, "kleibergenPaap") // n / (n − 5)
 */
export function smallSampleFactor(design: IvDesign, W: Float64Array, kw: number, v: Float64Array, spec: VcovSpec, grouping: ScoreGrouping, fn: string): number {
  if (grouping.kind === "iid") return 1;
  const n = design.n;
  const L = cholesky(crossprod(W, n, kw), kw, fn);
  const bread = cholInverse(L, kw);
  const Wv = new Float64Array(kw);
  for (let j = 0; j < kw; j++) { let s = 0; for (let i = 0; i < n; i++) s += W[j * n + i] * v[i]; Wv[j] = s; }
  const beta = new Float64Array(kw);
  for (let a = 0; a < kw; a++) { let s = 0; for (let b = 0; b < kw; b++) s += bread[a * kw + b] * Wv[b]; beta[a] = s; }
  const resid = Float64Array.from(v);
  for (let j = 0; j < kw; j++) for (let i = 0; i < n; i++) resid[i] -= W[j * n + i] * beta[j];
  let rss = 0;
  for (let i = 0; i < n; i++) rss += resid[i] * resid[i];
  const dfResidual = n - kw - design.base.absorbed;
  const inf: LeastSquaresInference = { ...design.base, type: "leastSquares", X: W, residuals: resid, bread, k: kw, dfResidual, sigma2: rss / dfResidual };
  const lib = leastSquaresVcov(inf, spec, Array.from({ length: kw }, (_, j) => `w${j}`)).values;
  const inp = { X: W, resid, bread, n, k: kw };
  const meat = grouping.kind === "robust" ? whiteMeat(inp) : outerSum(groupScores(inp, grouping.codes, grouping.G), grouping.G, kw);
  const raw = sandwich(bread, meat, kw, 1);
  let j = 0;
  for (let a = 1; a < kw; a++) if (Math.abs(raw[a * kw + a]) > Math.abs(raw[j * kw + j])) j = a;
  return lib[j * kw + j] / raw[j * kw + j];
}

/** Residuals of the columns of Y (n × m) on X (n × k), column-major; X may have no columns. */
export function partialOut(Y: Float64Array, m: number, X: Float64Array, k: number, n: number, fn: string): Float64Array {
  const out = Float64Array.from(Y);
  if (k === 0) return out;
  const L = cholesky(crossprod(X, n, k), k, fn);
  const B = cholInverse(L, k);
  const xy = new Float64Array(k), b = new Float64Array(k);
  for (let c = 0; c < m; c++) {
    const o = c * n;
    for (let j = 0; j < k; j++) { let s = 0; for (let i = 0; i < n; i++) s += X[j * n + i] * Y[o + i]; xy[j] = s; }
    for (let a = 0; a < k; a++) { let s = 0; for (let j = 0; j < k; j++) s += B[a * k + j] * xy[j]; b[a] = s; }
    for (let j = 0; j < k; j++) { const bj = b[j]; for (let i = 0; i < n; i++) out[o + i] -= X[j * n + i] * bj; }
  }
  return out;
}
