/**
 * Wald test that several coefficients are jointly zero, with the model's own variance matrix
 * (so a clustered or Driscoll–Kraay vcov carries into the test).
 */
import { inverseGeneral } from "../linalg";
import { fUpper, chiSquaredUpper } from "../distributions/cdf";
import { varianceBlock, vcov as vcovOf, type Fit } from "../inference/fit";
import type { VcovSpec } from "../inference/vcovSpec";
import { makeResult } from "../report/modelSummary";
import type { ReportParts } from "../inference/fit";

/** What `waldTest` reads from a fitted model: a fit of lib/, or a plain object with coefficient rows and `vcov` rows. */
export interface WaldInput {
  coefficients: { term: string; estimate: number }[];
  vcov?: unknown;
  statisticName: "t" | "z";
  /** Denominator degrees of freedom of the model's t tests (F form); absent or Infinity gives χ². */
  dfTest?: number;
}

/** Result of {@link waldTest}. */
export interface WaldResult {
  /** F = W/q for t-based models, W for z-based models. */
  statistic: number;
  /** "F" or "chisq". */
  distribution: "F" | "chisq";
  df1: number;
  /** Denominator df of the F form (Infinity for χ²). */
  df2: number;
  pValue: number;
  terms: string[];
  /** Label of the variance the test used. */
  vcovType: string;
  report: ReportParts;
  summary(): string;
  toHTML(): string;
}

/** Options of {@link waldTest}. */
export interface WaldTestOptions {
  /** Test under this variance instead of the model's own (least-squares fits; see lib/inference `vcov`). */
  vcov?: VcovSpec;
}

/**
 * Joint Wald test of H0: β_j = 0 for the selected terms, W = b' V⁻¹ b (Greene 2018,
 * *Econometric Analysis*, 8th ed., §5.3). For models with t tests it is reported as F = W/q on
 * (q, dfTest) degrees of freedom — with Stata-convention clustered errors dfTest = G − 1, as
 * Stata's `test` after `xtreg, vce(cluster)`; for z-based (ML) models as χ²(q).
 * Typical use: do the interaction terms `lnfin:factor(region)…` differ from zero?
 * @param model a fitted model with `coefficients`, `vcov`, `statisticName` (e.g. `panelFE`)
 * @param terms term names, or a regular expression selecting them
 * @param options `vcov`: test under another variance (no refit)
 * @throws `waldTest: no terms match /x/`; `waldTest: unknown term "x" (terms: ...)`; singular vcov block
 * @example
 * // plm::Grunfeld with grp = firm %% 3, two-way FE, clustered by firm (plm convention):
 * const m = panelFE(d, "inv ~ value + capital + value:factor(grp)", { entity: "firm", time: "year",
 *   effects: "twoways", vcov: { cluster: "firm", convention: "plm" } });
 * waldTest(m, /^value:/) // { statistic: 7.61509..., distribution: "F", df1: 2, df2: 167, pValue: 0.000683956..., ... }
 */
export function waldTest(model: WaldInput | Fit, terms: string[] | RegExp, options: WaldTestOptions = {}): WaldResult {
  const fn = "waldTest";
  const isFit = !!model && "inference" in model && "variance" in model;
  if (!model || !Array.isArray(model.coefficients) || (!isFit && !Array.isArray(model.vcov))) {
    throw new Error(`${fn}: the model has no coefficients and vcov`);
  }
  const all = model.coefficients.map((c) => c.term);
  let sel: string[];
  if (terms instanceof RegExp) {
    sel = all.filter((t) => terms.test(t));
    if (sel.length === 0) throw new Error(`${fn}: no terms match ${terms} (terms: ${all.join(", ")})`);
  } else {
    if (!Array.isArray(terms) || terms.length === 0) throw new Error(`${fn}: give at least one term`);
    for (const t of terms) if (!all.includes(t)) throw new Error(`${fn}: unknown term "${t}" (terms: ${all.join(", ")})`);
    sel = terms;
  }
  const idx = sel.map((t) => all.indexOf(t));
  const q = idx.length;
  const V = varianceBlock(model, sel, fn, options.vcov);
  const Vi = inverseGeneral(V, q, fn);
  const b = idx.map((i) => model.coefficients[i].estimate);
  let W = 0;
  for (let a = 0; a < q; a++) for (let c = 0; c < q; c++) W += b[a] * Vi[a * q + c] * b[c];
  const variance = isFit ? (options.vcov === undefined ? (model as Fit).variance : vcovOf(model as Fit, options.vcov)) : null;
  const df2 = (variance ? variance.dfTest : model.dfTest) ?? Infinity;
  const vcovType = variance?.label ?? String((model as { vcovType?: string }).vcovType ?? "the model's own");
  const useF = model.statisticName === "t" && Number.isFinite(df2);
  const statistic = useF ? W / q : W;
  const pValue = useF ? fUpper(statistic, q, df2) : chiSquaredUpper(W, q);
  const report: ReportParts = {
    title: "Wald test of joint significance",
    header: [["H0", `${sel.join(" = ")} = 0`], ["Standard errors", vcovType]],
    statistics: [],
    tests: [{ name: useF ? "F" : "Wald chi-squared", statistic, df: useF ? `${q} and ${df2}` : q, pValue }],
  };
  return makeResult<WaldResult>({
    statistic, distribution: useF ? "F" : "chisq", df1: q, df2: useF ? df2 : Infinity, pValue, terms: sel, vcovType, report,
  });
}
