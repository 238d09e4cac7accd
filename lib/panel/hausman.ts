/**
 * Hausman (1978) specification test of fixed against random effects: the classical contrast
 * test, or its regression-based (Mundlak / Wooldridge) form with cluster-robust errors.
 */
import { formatNumber } from "../report/format";
import { inverseGeneral, symmetricEigenvalues } from "../linalg";
import { chiSquaredUpper } from "../distributions/cdf";
import { randomEffectsInputs } from "./panelRE";
import { mundlakTest, type MundlakVcov, type MundlakTestResult } from "./mundlakTest";
import { varianceBlock, type ReportParts } from "../inference/fit";
import { makeResult } from "../report/modelSummary";

/** A fitted model as `hausman` reads it: coefficient rows and the variance matrix in the same order. */
export interface HausmanInput {
  coefficients: { term: string; estimate: number }[];
  /** Rows of the variance matrix (plain objects); fits of lib/ are read through their variance store. */
  vcov?: unknown;
  method?: string;
}

/** Options of {@link hausman}. */
export interface HausmanOptions {
  /**
   * "chisq" (default): the classical contrast test, as plm `phtest(fe, re)`; "mundlak": the
   * regression-based test of {@link mundlakTest}, refitted from the data and formula of `re`
   * (which must be the object `panelRE` returned), as plm `phtest(formula, data, method = "aux", vcov = …)`.
   */
  method?: "chisq" | "mundlak";
  /** Variance of the regression-based test (method "mundlak" only; default cluster-robust by the entity column, Stata convention). */
  vcov?: MundlakVcov;
}

/** Result of {@link hausman}. */
export interface HausmanResult {
  statistic: number;
  df: number;
  pValue: number;
  /** Terms compared (those in both models, the intercept excluded). */
  terms: string[];
  method: string;
  /**
   * Smallest eigenvalue of V_FE − V_RE. The classical test assumes this difference is positive
   * (semi)definite; when it is not (a negative value here), the statistic is not a valid χ² and
   * `warnings` says so — as Stata's `hausman` flags "V_b-V_B is not positive definite".
   */
  minEigenvalue: number;
  /** Problems with the test in this sample (empty when none). */
  warnings: string[];
  report: ReportParts;
  summary(): string;
  toHTML(): string;
}

/**
 * Hausman test: H = (b_FE − b_RE)' [V_FE − V_RE]⁻¹ (b_FE − b_RE) ~ χ²(k) under the null that
 * the entity effects are uncorrelated with the regressors (Hausman 1978, Econometrica 46,
 * 1251–1271), as plm's `phtest(fe, re)` (method "chisq"). The coefficients compared are those
 * both models estimate (the intercept excluded). Both models should use the same kind of
 * standard errors (classical for the textbook test).
 *
 * The classical test assumes that random effects are fully efficient (homoskedastic,
 * serially uncorrelated errors); with clustered errors use `{ method: "mundlak", vcov: { cluster: entity } }`,
 * which runs {@link mundlakTest} on the random-effects model's data, formula and effects (the
 * fixed-effects model is then only checked to have the same effects).
 * @param fe fixed-effects model (`panelFE`)
 * @param re random-effects model (`panelRE`)
 * @param options `method` ("chisq" or "mundlak") and, for "mundlak", `vcov`
 * @throws `hausman: the models share no coefficients`; `hausman: V_FE − V_RE is singular`;
 *   method "mundlak" with an `re` that is not a `panelRE` result; an unknown method; vcov given for "chisq"
 * @example
 * // plm::Grunfeld inv ~ value + capital: chisq = 2.3304, df = 2, p = 0.3119 (R plm 2.6-2 phtest)
 * hausman(panelFE(g, f, { entity: "firm", time: "year" }), panelRE(g, f, { entity: "firm", time: "year" })).statistic
 * // regression-based, cluster-robust (plm phtest(method = "aux", vcov = function(x) vcovHC(x, method = "arellano"))): chisq = 8.29983661683509
 * hausman(fe, re, { method: "mundlak", vcov: { cluster: "firm", convention: "HC0" } }).statistic
 */
export function hausman(fe: HausmanInput, re: HausmanInput, options: HausmanOptions & { method: "mundlak" }): MundlakTestResult;
export function hausman(fe: HausmanInput, re: HausmanInput, options?: HausmanOptions): HausmanResult;
export function hausman(fe: HausmanInput, re: HausmanInput, options: HausmanOptions = {}): HausmanResult | MundlakTestResult {
  const fn = "hausman";
  for (const [m, name] of [[fe, "first"], [re, "second"]] as const) {
    if (!m || !Array.isArray(m.coefficients) || (!Array.isArray(m.vcov) && !("variance" in m))) throw new Error(`${fn}: the ${name} argument is not a fitted panel model with coefficients and vcov`);
  }
  const method = options.method ?? "chisq";
  if (method === "mundlak") {
    const inputs = randomEffectsInputs(re);
    if (!inputs) throw new Error(`${fn}: method "mundlak" refits the random-effects model, so the second argument must be the object panelRE returned (not a copy); or call mundlakTest(data, formula, options) directly`);
    const feEffects = (fe as { effects?: unknown }).effects;
    if (typeof feEffects === "string" && feEffects !== inputs.options.effects) {
      throw new Error(`${fn}: the fixed-effects model has effects "${feEffects}" but the random-effects model "${inputs.options.effects}"; the regression-based test compares models with the same effects`);
    }
    return mundlakTest(inputs.data, inputs.formula, { ...inputs.options, vcov: options.vcov });
  }
  if (method !== "chisq") throw new Error(`${fn}: method must be "chisq" or "mundlak" (got ${JSON.stringify(method)})`);
  if (options.vcov !== undefined) throw new Error(`${fn}: vcov applies to method "mundlak"; the classical test (method "chisq") uses each model's own variance matrix`);
  const terms = fe.coefficients.map((c) => c.term).filter((t) => t !== "(Intercept)" && re.coefficients.some((c) => c.term === t));
  if (terms.length === 0) throw new Error(`${fn}: the models share no coefficients`);
  const k = terms.length;
  const iF = terms.map((t) => fe.coefficients.findIndex((c) => c.term === t));
  const iR = terms.map((t) => re.coefficients.findIndex((c) => c.term === t));
  const d = terms.map((_, j) => fe.coefficients[iF[j]].estimate - re.coefficients[iR[j]].estimate);
  const VF = varianceBlock(fe, terms, fn), VR = varianceBlock(re, terms, fn);
  const V = Float64Array.from(VF, (v, i) => v - VR[i]);
  let Vi: Float64Array;
  try { Vi = inverseGeneral(V, k, fn); } catch { throw new Error(`${fn}: V_FE − V_RE is singular; the test cannot be computed`); }
  let stat = 0;
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) stat += d[a] * Vi[a * k + b] * d[b];
  const pValue = chiSquaredUpper(stat, k);
  const minEigenvalue = symmetricEigenvalues(V, k)[0];
  const scale = Math.max(...terms.map((_, a) => Math.abs(V[a * k + a])));
  const warnings: string[] = [];
  if (minEigenvalue < -1e-12 * scale) {
    warnings.push(`V_FE − V_RE is not positive semi-definite (smallest eigenvalue ${formatNumber(minEigenvalue, 3)}): the statistic is not a valid chi-squared; prefer { method: "mundlak" }`);
  }
  const title = "Hausman test, fixed vs random effects";
  return makeResult<HausmanResult>({
    statistic: stat, df: k, pValue, terms, method: title, minEigenvalue, warnings,
    report: {
      title,
      header: [["Coefficients compared", terms.join(", ")]],
      statistics: [["Conclusion at 5%", pValue < 0.05 ? "one model is inconsistent (prefer fixed effects)" : "no evidence against random effects"]],
      tests: [{ name: "Hausman chi-squared", statistic: stat, df: k, pValue }],
      notes: warnings.map((w) => `warning: ${w}`),
    },
  });
}
