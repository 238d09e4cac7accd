/**
 * Hansen's J test of the overidentifying restrictions of an IV fit, robust to heteroskedasticity or clustering
 * (Sargan's n·R² when the errors are iid).
 */
import { checkOptionNames } from "../core/options";
import { chiSquaredUpper } from "../distributions/cdf";
import { cholesky, cholSolve, inverseGeneral } from "../linalg";
import type { ReportParts } from "../inference/fit";
import type { VcovSpec } from "../inference/vcovSpec";
import { makeResult } from "../report/modelSummary";
import type { IvResult } from "./iv";
import { scoreGrouping } from "./ivVariance";

/** Options of {@link hansenJ}. */
export interface HansenJOptions {
  /** "iid" (Sargan), "HC0"/"HC1"/"robust" (heteroskedastic J) or `{ cluster }` (cluster-robust J); default: the fit's spec. */
  vcov?: VcovSpec;
}

/** Result of {@link hansenJ}. */
export interface HansenJResult {
  name: "Hansen J" | "Sargan";
  statistic: number;
  /** L − K: excluded instruments minus endogenous regressors. */
  df: number;
  pValue: number;
  /** Two-step efficient GMM coefficients at which J is evaluated (null for Sargan). */
  gmmEstimates: number[] | null;
  coefficientNames: string[];
  vcovType: string;
  report: ReportParts;
  summary(): string;
  toHTML(): string;
}

/**
 * Hansen's J statistic of overidentifying restrictions.
 *
 * Long name: Hansen (1982, Econometrica 50, 1029–1054) J test; Sargan (1958) n·R² when iid — as Stata `ivreg2`'s
 * "Hansen J statistic (overidentification test of all instruments)" with `robust` or `cluster()`. With W the
 * instruments (exogenous regressors and excluded instruments, effects absorbed), u the 2SLS residuals and
 * S = Σ_g (W_g'u_g)(W_g'u_g)' (Σ_i w_i w_i' u_i² without clusters; no small-sample factor, as ivreg2), the two-step
 * efficient GMM estimate β̃ = (X'W S⁻¹ W'X)⁻¹ X'W S⁻¹ W'y gives e = y − Xβ̃ and J = (W'e)' S⁻¹ (W'e) ~ χ²(L − K).
 * With "iid" the statistic is the fit's Sargan test (AER's n·R² of u on W).
 * @param fit an {@link iv} fit
 * @param options `vcov` (default: the fit's spec)
 * @throws `hansenJ: the model is exactly identified (1 excluded instrument for 1 endogenous regressor): no
 *   overidentifying restrictions to test`; `hansenJ: needs an iv() fit`; unsupported vcov; too few clusters
 * @example
 * // plm::Crime, county FE, lprbarr ~ ltaxpc + lmix + lwcon, clustered by county: R by hand J = 2.9728522748816
 * hansenJ(iv(crime, "lcrmrte ~ lprbconv + ldensity | lprbarr ~ ltaxpc + lmix + lwcon",
 *   { id: "county", time: "year", vcov: { cluster: "county" } })).statistic // 2.97285227…
 */
export function hansenJ(fit: IvResult, options: HansenJOptions = {}): HansenJResult {
  const fn = "hansenJ";
  if (!fit || fit.kind !== "iv" || !fit.design) throw new Error(`${fn}: needs an iv() fit`);
  checkOptionNames(options, ["vcov"], fn);
  const d = fit.design;
  const { n, kx, ke, kz } = d;
  const dfJ = kz - ke;
  if (dfJ <= 0) throw new Error(`${fn}: the model is exactly identified (${kz} excluded instrument${kz > 1 ? "s" : ""} for ${ke} endogenous regressor${ke > 1 ? "s" : ""}): no overidentifying restrictions to test`);
  const spec = options.vcov ?? fit.vcovSpec;
  const grouping = scoreGrouping(d, spec, fn);
  const header: [string, string | number][] = [["Endogenous", fit.endogenous.join(", ")], ["Excluded instruments", fit.instruments.join(", ")]];
  if (grouping.kind === "iid") {
    const s = fit.sargan as NonNullable<IvResult["sargan"]>;
    return makeResult<HansenJResult>({
      name: "Sargan", statistic: s.statistic, df: s.df1, pValue: s.pValue, gmmEstimates: null, coefficientNames: fit.coefficientNames, vcovType: "classical",
      report: { title: "Sargan test of overidentifying restrictions", header, statistics: [], tests: [{ name: "Sargan", statistic: s.statistic, df: s.df1, pValue: s.pValue }], notes: ["Homoskedastic form (n·R² of the 2SLS residuals on the instruments); use vcov \"HC1\" or { cluster } for Hansen's J."] },
    });
  }
  const k = kx + ke, kw = kx + kz;
  const X = new Float64Array(n * k), W = new Float64Array(n * kw);
  X.set(d.exogenous, 0); X.set(d.endogenous, kx * n);
  W.set(d.exogenous, 0); W.set(d.instruments, kx * n);
  const u = fit.residuals;
  const G = grouping.kind === "cluster" ? grouping.G : n;
  const H = new Float64Array(G * kw);
  for (let j = 0; j < kw; j++) for (let i = 0; i < n; i++) H[(grouping.kind === "cluster" ? grouping.codes[i] : i) * kw + j] += W[j * n + i] * u[i];
  const S = new Float64Array(kw * kw);
  for (let g = 0; g < G; g++) for (let a = 0; a < kw; a++) { const h = H[g * kw + a]; if (h !== 0) for (let b = 0; b < kw; b++) S[a * kw + b] += h * H[g * kw + b]; }
  let LS: Float64Array;
  try { LS = cholesky(S, kw, fn); } catch {
    throw new Error(`${fn}: the score covariance S is singular (${G} ${grouping.kind === "cluster" ? "clusters" : "observations"} for ${kw} instruments): J is not defined`);
  }
  // W'X (kw × k) and W'y
  const WX = new Float64Array(kw * k), Wy = new Float64Array(kw);
  for (let a = 0; a < kw; a++) {
    const wa = W.subarray(a * n, a * n + n);
    for (let c = 0; c < k; c++) { let s = 0; const xc = X.subarray(c * n, c * n + n); for (let i = 0; i < n; i++) s += wa[i] * xc[i]; WX[a * k + c] = s; }
    let s = 0; for (let i = 0; i < n; i++) s += wa[i] * d.y[i]; Wy[a] = s;
  }
  // S⁻¹W'X and S⁻¹W'y
  const SiWX = new Float64Array(kw * k);
  for (let c = 0; c < k; c++) { const col = cholSolve(LS, Array.from({ length: kw }, (_, a) => WX[a * k + c]), kw); for (let a = 0; a < kw; a++) SiWX[a * k + c] = col[a]; }
  const A = new Float64Array(k * k), bvec = new Float64Array(k);
  for (let r = 0; r < k; r++) {
    for (let c = 0; c < k; c++) { let s = 0; for (let a = 0; a < kw; a++) s += WX[a * k + r] * SiWX[a * k + c]; A[r * k + c] = s; }
    let s = 0; for (let a = 0; a < kw; a++) s += SiWX[a * k + r] * Wy[a]; bvec[r] = s;
  }
  const Ai = inverseGeneral(A, k, fn);
  const beta = Array.from({ length: k }, (_, r) => { let s = 0; for (let c = 0; c < k; c++) s += Ai[r * k + c] * bvec[c]; return s; });
  const e = Float64Array.from(d.y);
  for (let c = 0; c < k; c++) for (let i = 0; i < n; i++) e[i] -= X[c * n + i] * beta[c];
  const g = new Float64Array(kw);
  for (let a = 0; a < kw; a++) { let s = 0; for (let i = 0; i < n; i++) s += W[a * n + i] * e[i]; g[a] = s; }
  const Sig = cholSolve(LS, g, kw);
  let J = 0;
  for (let a = 0; a < kw; a++) J += g[a] * Sig[a];
  const pValue = chiSquaredUpper(J, dfJ);
  const vcovType = grouping.kind === "robust" ? "heteroskedasticity-robust" : `cluster-robust by ${grouping.column} (${grouping.G} clusters)`;
  return makeResult<HansenJResult>({
    name: "Hansen J", statistic: J, df: dfJ, pValue, gmmEstimates: beta, coefficientNames: fit.coefficientNames, vcovType,
    report: {
      title: "Hansen J test of overidentifying restrictions",
      header: [...header, ["Score covariance", vcovType]],
      statistics: [],
      tests: [{ name: "Hansen J", statistic: J, df: dfJ, pValue }],
      notes: ["J evaluated at the two-step efficient GMM estimate with the 2SLS-residual score covariance (ivreg2's convention; no small-sample factor). H0: the excluded instruments are uncorrelated with the error."],
    },
  });
}
