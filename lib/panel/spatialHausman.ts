/**
 * Spatial Hausman test of fixed against random effects in a spatial panel model (Mutl & Pfaffermayr 2011,
 * Econometrics Journal 14, 48–76), as R's splm `sphtest(fe, re)` for models estimated by ML (Millo & Piras
 * 2012, J. Stat. Softw. 47(1), §5).
 */
import { inverseGeneral } from "../linalg";
import { chiSquaredUpper } from "../distributions/cdf";
import { varianceBlock, type ReportParts } from "../inference/fit";
import { makeResult } from "../report/modelSummary";
import type { SpatialPanelResult } from "./spatialPanel";

/** Result of {@link spatialHausman}. */
export interface SpatialHausmanResult {
  /** χ² = |d'(V_RE − V_FE)⁻¹d|, d = β_FE − β_RE. */
  statistic: number;
  df: number;
  pValue: number;
  /** Slopes compared (those both models estimate; not the spatial coefficient, phi or the intercept). */
  terms: string[];
  model: "lag" | "error";
  report: ReportParts;
  summary(): string;
  toHTML(): string;
}

/**
 * Spatial Hausman test: H = |(β_FE − β_RE)'(V_RE − V_FE)⁻¹(β_FE − β_RE)| ~ χ²(k) on the k slopes both models
 * estimate, under the null that the region effects are uncorrelated with the regressors, so that the
 * random-effects estimator is consistent and efficient. As splm 1.6-5 `sphtest.splm`: the spatial coefficient
 * (ρ of the lag model, λ of the error model) is not compared, V_FE is the fixed-effects model's variance of
 * the slopes (for the lag model its block of the full inverse information) and V_RE the random-effects
 * model's σ²(X'Σ⁻¹X)⁻¹; the absolute value is splm's (the quadratic form need not be positive when
 * V_RE − V_FE is not positive definite, which `report.notes` then says).
 * @param fe `spatialPanel(..., { effects: "entity" })` (the models may be given in either order)
 * @param re `spatialPanel(..., { effects: "random" })` of the same model ("lag" or "error")
 * @throws `spatialHausman: needs one fixed-effects (effects "entity") and one random-effects spatialPanel fit`;
 *   `spatialHausman: the models differ ("lag" and "error")`; `spatialHausman: the models share no slopes`;
 *   `spatialHausman: V_RE − V_FE is singular`
 * @example
 * // splm 1.6-5 sphtest on Produc/usaww, lag model (test/reference/spatial-panel-re.R): chisq = 83.0793000, df = 4
 * const f = "lgsp ~ lpcap + lpc + lemp + unemp", o = { id: "state", time: "year", model: "lag" } as const;
 * spatialHausman(spatialPanel(p, f, w, o), spatialPanel(p, f, w, { ...o, effects: "random" })).statistic // 83.0798690...
 */
export function spatialHausman(fe: SpatialPanelResult, re: SpatialPanelResult): SpatialHausmanResult {
  const fn = "spatialHausman";
  const isFit = (m: unknown): m is SpatialPanelResult => !!m && (m as { kind?: string }).kind === "spatialPanel";
  if (!isFit(fe) || !isFit(re)) throw new Error(`${fn}: both arguments must be spatialPanel fits`);
  let a = fe, b = re;
  if (a.effects === "random" && b.effects !== "random") [a, b] = [b, a];
  if (a.effects !== "entity" || b.effects !== "random") {
    throw new Error(`${fn}: needs one fixed-effects (effects "entity") and one random-effects spatialPanel fit (got effects "${fe.effects}" and "${re.effects}")`);
  }
  if (a.model !== b.model) throw new Error(`${fn}: the models differ ("${a.model}" and "${b.model}"); compare the same spatial model under both effects`);
  const skip = new Set(["(Intercept)", "phi", "rho", "lambda"]);
  const terms = a.coefficientNames.filter((t) => !skip.has(t) && b.coefficientNames.includes(t));
  if (terms.length === 0) throw new Error(`${fn}: the models share no slopes`);
  const k = terms.length;
  const d = terms.map((t) => a.coef(t).estimate - b.coef(t).estimate);
  const VF = varianceBlock(a, terms, fn), VR = varianceBlock(b, terms, fn);
  const V = Float64Array.from(VR, (v, i) => v - VF[i]);
  let Vi: Float64Array;
  try { Vi = inverseGeneral(V, k, fn); } catch { throw new Error(`${fn}: V_RE − V_FE is singular; the test cannot be computed`); }
  let q = 0;
  for (let r = 0; r < k; r++) for (let c = 0; c < k; c++) q += d[r] * Vi[r * k + c] * d[c];
  const statistic = Math.abs(q);
  const pValue = chiSquaredUpper(statistic, k);
  const title = `Spatial Hausman test, fixed vs random effects (spatial ${a.model} model)`;
  const notes = ["The spatial coefficient is not compared (as splm sphtest)."];
  if (q < 0) notes.push("The quadratic form is negative (V_RE − V_FE is not positive definite); its absolute value is reported, as splm does: read the test with caution.");
  return makeResult<SpatialHausmanResult>({
    statistic, df: k, pValue, terms, model: a.model,
    report: {
      title,
      header: [["Coefficients compared", terms.join(", ")]],
      statistics: [["Conclusion at 5%", pValue < 0.05 ? "one model is inconsistent (prefer fixed effects)" : "no evidence against random effects"]],
      tests: [{ name: "Hausman chi-squared", statistic, df: k, pValue }],
      notes,
    },
  });
}
