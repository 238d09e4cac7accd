import { checkOptionNames } from "../core/options";
import { checkOptionTypes, underName } from "../core/validate";
import { checkNotExactFit } from "../regression/degenerate";
import type { SpatialWeights } from "../weights/SpatialWeights";
import type { OlsResult } from "../regression/ols";
import { chiSquaredUpper } from "../distributions/cdf";
import { prepareWeights } from "./weightsInput";
import { csrMatVec, traceWtWplusWW } from "../linalg/csr";
import type { ReportParts } from "../inference/fit";
import { makeResult } from "../report/modelSummary";

/** One Lagrange multiplier test. */
export interface LmTest {
  statistic: number;
  df: number;
  pValue: number;
}

/** The five LM diagnostics of an OLS fit for spatial dependence. */
export interface LmTestsResult {
  /** LM test for spatial error dependence (Burridge 1980). spdep: LMerr. */
  lmError: LmTest;
  /** LM test for a spatially lagged dependent variable (Anselin 1988). spdep: LMlag. */
  lmLag: LmTest;
  /** Robust LM error, robust to a local lag (Anselin, Bera, Florax & Yoon 1996). spdep: RLMerr. */
  robustLmError: LmTest;
  /** Robust LM lag, robust to local error dependence (Anselin et al. 1996). spdep: RLMlag. */
  robustLmLag: LmTest;
  /** Joint test of lag and error (SARMA), 2 df. spdep: SARMA. */
  sarma: LmTest;
  n: number;
  /** Style of the weights used ("W" after row-standardizing binary weights). */
  weightsStyle: string;
  /** What the shared summary prints (lib/report). */
  report: ReportParts;
  summary(): string;
  toHTML(): string;
}

/** Options of {@link lmTests}. */
export interface LmTestsOptions {
  /** Keep regions without neighbours as zero rows of W (default false: islands are an error). */
  zeroPolicy?: boolean;
}

function test(statistic: number, df: number): LmTest {
  return { statistic, df, pValue: chiSquaredUpper(statistic, df) };
}

/**
 * Lagrange multiplier diagnostics for spatial dependence in OLS residuals.
 *
 * Long name: LM error, LM lag, robust LM error, robust LM lag and SARMA tests
 * (Anselin 1988; Anselin, Bera, Florax & Yoon 1996), as spdep's `lm.LMtests(test = "all")`.
 * With e the OLS residuals, σ² = e'e/n, T = tr(W'W + WW) and
 * nJ = ((WXβ)'M(WXβ) + Tσ²)/σ² (M the residual maker):
 * LMerr = (e'We/σ²)²/T; LMlag = (e'Wy/σ²)²/nJ; RLMerr = (e'We/σ² − T/nJ · e'Wy/σ²)²/(T − T²/nJ);
 * RLMlag = (e'Wy/σ² − e'We/σ²)²/(nJ − T); SARMA = RLMlag + LMerr.
 * Rows of the model are matched to `w` by the model's ids when it was fitted with `{ id }`,
 * otherwise they must already be in `w.ids` order. Binary weights are row-standardized first.
 * @param model an `ols()` result
 * @param w spatial weights
 * @param options `zeroPolicy`
 * @throws `lmTests: the model has 48 rows but the weights have 49 regions`; id mismatches naming the ids; islands
 * @example
 * const t = lmTests(ols(columbus, "CRIME ~ INC + HOVAL"), colGal);
 * t.lmError.statistic // 4.611126 (spdep LMerr 4.6111)
 */
export function lmTests(model: OlsResult, w: SpatialWeights, options: LmTestsOptions = {}): LmTestsResult {
  return underName("lmTests", () => lmTestsBody(model, w, options ?? {}));
}

function lmTestsBody(model: OlsResult, w: SpatialWeights, options: LmTestsOptions): LmTestsResult {
  const fn = "lmTests";
  if (!model || model.method !== "OLS" || !(model.X instanceof Float64Array)) {
    throw new Error(`${fn}: model must be a result of ols()`);
  }
  checkOptionNames(options, ["zeroPolicy"], fn);
  checkOptionTypes(options, { zeroPolicy: "boolean" }, fn);
  checkNotExactFit({ rss: model.residuals.reduce((s, e) => s + e * e, 0), fitted: model.fitted }, model.n, model.k, "the LM tests", fn);
  const pw = prepareWeights(w, fn, options.zeroPolicy ?? false);
  const { n, k } = model;
  if (pw.n !== n) throw new Error(`${fn}: the model has ${n} rows but the weights have ${pw.n} regions`);
  // order: position i of the weights takes model row perm[i]
  let perm: Int32Array | null = null;
  if (model.ids) perm = w.alignment(model.ids, fn);
  const reorder = (v: Float64Array): Float64Array => (perm ? Float64Array.from(perm, (r) => v[r]) : v);
  const e = reorder(model.residuals);
  const y = reorder(model.y);
  const Xb = reorder(model.fitted);
  const X = new Float64Array(n * k);
  for (let j = 0; j < k; j++) for (let i = 0; i < n; i++) X[j * n + i] = model.X[j * n + (perm ? perm[i] : i)];

  const W = pw.csr;
  let ee = 0;
  for (let i = 0; i < n; i++) ee += e[i] * e[i];
  const s2 = ee / n;
  const We = csrMatVec(W, e);
  const Wy = csrMatVec(W, y);
  const WXb = csrMatVec(W, Xb);
  let eWe = 0, eWy = 0;
  for (let i = 0; i < n; i++) { eWe += e[i] * We[i]; eWy += e[i] * Wy[i]; }
  const T = traceWtWplusWW(W);
  // (WXb)' M (WXb) = ||WXb||² − (WXb)'X (X'X)^{-1} X'(WXb)
  const XtWXb = new Float64Array(k);
  for (let j = 0; j < k; j++) { let s = 0; for (let i = 0; i < n; i++) s += X[j * n + i] * WXb[i]; XtWXb[j] = s; }
  let quad = 0;
  for (let i = 0; i < n; i++) quad += WXb[i] * WXb[i];
  const B = model.xtxInverse;
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) quad -= XtWXb[a] * B[a * k + b] * XtWXb[b];
  const nJ = (quad + T * s2) / s2;
  const dE = eWe / s2;
  const dL = eWy / s2;
  const lmError = test((dE * dE) / T, 1);
  const lmLag = test((dL * dL) / nJ, 1);
  const robustLmError = test((dE - (T / nJ) * dL) ** 2 / (T - (T * T) / nJ), 1);
  const robustLmLag = test((dL - dE) ** 2 / (nJ - T), 1);
  const sarma = test(robustLmLag.statistic + lmError.statistic, 2);
  const rows: [string, string, LmTest][] = [
    ["LM error", "LMerr", lmError], ["LM lag", "LMlag", lmLag], ["Robust LM error", "RLMerr", robustLmError],
    ["Robust LM lag", "RLMlag", robustLmLag], ["SARMA", "SARMA", sarma],
  ];
  return makeResult<LmTestsResult>({
    lmError, lmLag, robustLmError, robustLmLag, sarma, n, weightsStyle: pw.style,
    report: {
      title: "Lagrange multiplier diagnostics for spatial dependence",
      header: [["Model", model.formula], ["Observations", n], ["Weights", `style "${pw.style}"`]],
      statistics: [],
      tests: rows.map(([name, short, t]) => ({ name: `${name} (${short})`, statistic: t.statistic, df: t.df, pValue: t.pValue })),
    },
  });
}
