import type { DataInput } from "../core/types";
import { idColumn } from "../core/data";
import { modelMatrix, type ModelMatrix } from "../formula/modelMatrix";
import { checkFullRank } from "../linalg/qr";
import { olsFit } from "./olsCore";
import { fUpper } from "../distributions/cdf";
import { leastSquaresVcov } from "../inference/estimators";
import { coefficientRows, withVcov, type Fit } from "../inference/fit";
import type { LeastSquaresInference } from "../inference/leastSquares";
import type { VcovSpec } from "../inference/vcovSpec";
import { makeFit } from "../report/modelSummary";
import { formatNumber } from "../report/format";
import { checkOptionNames } from "../core/options";
import { checkData, checkFormula, checkOptionTypes, underName } from "../core/validate";
import { checkColumnScale, checkFiniteFit, checkResponseVaries, isEssentiallyPerfectFit } from "./degenerate";

/** Options of {@link ols}. */
export interface OlsOptions {
  /**
   * Standard errors (default "iid"): any {@link VcovSpec} — "iid" (= "classical"), "HC0", "HC1", "HC3",
   * `{ cluster: "column" }` (R sandwich `vcovCL(type = "HC1")` convention by default) or a registered estimator.
   */
  vcov?: VcovSpec;
  /** Id column kept with the fit (lmTests aligns residuals to the weights by it). */
  id?: string;
  /** Row indices to use (default: all rows). */
  rows?: ArrayLike<number>;
}

/** A fitted OLS model (flat data; `summary()`, `toHTML()`, `coef()`, `withVcov()` are the shared methods of lib/report). */
export interface OlsResult extends Fit {
  method: "OLS";
  kind: "ols";
  coefficientNames: string[];
  /** Estimates in column order (same as `coefficients[j].estimate`). */
  estimates: Float64Array;
  residuals: Float64Array;
  fitted: Float64Array;
  /** Residual variance e'e/(n − k). */
  sigma2: number;
  /** Residual standard error √sigma2. */
  sigma: number;
  r2: number;
  adjR2: number;
  /** Overall F test of all slopes = 0 (classical, as `summary.lm`); null without an intercept-only comparison. */
  fStatistic: { statistic: number; df1: number; df2: number; pValue: number } | null;
  logLik: number;
  aic: number;
  bic: number;
  dfResidual: number;
  /** Coefficient covariance (k × k, row-major) under `vcovType` (the same numbers as `variance.values`). */
  vcov: Float64Array;
  /** (X'X)^{-1}. */
  xtxInverse: Float64Array;
  /** Design (column-major n × k) and response, kept for diagnostics (lmTests). */
  X: Float64Array;
  y: Float64Array;
  /** Row ids when fitted with `{ id }`, else null. */
  ids: string[] | null;
  /** Whether the model has an intercept. */
  intercept: boolean;
  /** Warnings about the fit (an essentially perfect fit, as R's `summary.lm` warns); also printed by `summary()`. */
  warnings: string[];
}

/**
 * Ordinary least squares with a formula, and inference chosen separately from estimation.
 *
 * Long name: ordinary least squares regression (R `lm` + `sandwich::vcovHC`/`vcovCL`).
 * Coefficients by Householder QR; log-likelihood, AIC and BIC as R's `logLik.lm` (σ² = e'e/n in the
 * likelihood, k + 1 parameters). R², adjusted R² and the F test use R's definitions (centred when
 * there is an intercept, uncentred otherwise); the F test is the classical one, whatever `vcov` is.
 * @param data danfo DataFrame or object of columns
 * @param formula e.g. `"CRIME ~ INC + HOVAL"`
 * @param options `vcov`, `id`, `rows`
 * @throws missing values (`ols: column "x" has 2 missing values (rows 3, 7)`), a non-numeric column,
 *   a constant regressor, perfect collinearity (`ols: perfect collinearity: column "x3" is a linear combination of "x1", "x2"`),
 *   n ≤ k, an unknown vcov, a cluster column with missing values or a single cluster; null data or a missing formula
 *   (`ols: data must be a DataFrame or an object of columns (got null)`); a constant response with an intercept
 *   (`ols: the dependent variable "y" is constant …`: R's `lm` returns a fit whose R² is 0/0 rounding noise, with
 *   summary.lm's warning "essentially perfect fit"); a column on a scale whose squares overflow or underflow double
 *   precision (`ols: column "y" has values up to 1e+300 in magnitude; …`). An exact (non-constant) fit is returned
 *   with R's warning in `warnings` and `summary()`.
 * @example
 * const m = ols(columbus, "CRIME ~ INC + HOVAL");
 * m.coefficients[1].estimate // -1.59731 (R lm: -1.5973108)
 */
export function ols(data: DataInput, formula: string, options: OlsOptions = {}): OlsResult {
  return underName("ols", () => olsBody(data, formula, options ?? {}));
}

function olsBody(data: DataInput, formula: string, options: OlsOptions): OlsResult {
  const fn = "ols";
  checkData(data, fn);
  checkFormula(formula, fn);
  checkOptionNames(options, ["vcov", "id", "rows"], fn);
  checkOptionTypes(options, { id: "string", rows: "number[]", vcov: ["string", "object"] }, fn);
  const mm = modelMatrix(data, formula, { fn, rows: options.rows });
  const rows = options.rows ?? null;
  const ids = options.id ? (rows ? Array.from(rows, (i) => idColumn(data, options.id!, fn)[i]) : idColumn(data, options.id, fn)) : null;
  return olsOnDesign(mm, { data, formula, spec: options.vcov ?? "iid", rows, ids, fn, title: "Ordinary least squares (OLS)" });
}

/**
 * @internal OLS on a built model matrix (used by `ols` and `slx`): fit, inference pieces and report.
 */
export function olsOnDesign(mm: ModelMatrix, args: { data: DataInput; formula: string; spec: VcovSpec; rows: ArrayLike<number> | null; ids: string[] | null; fn: string; title: string }): OlsResult {
  const { data, formula, spec, rows, ids, fn } = args;
  const { X, y, n, k, columnNames } = mm;
  if (k === 0) throw new Error(`${fn}: formula "${formula}" has no regressors`);
  checkColumnScale([y, ...columnNames.map((_, j) => X.subarray(j * n, (j + 1) * n))], [mm.responseName, ...columnNames], fn);
  if (mm.intercept) checkResponseVaries(y, mm.responseName, fn);
  checkFullRank(X, n, k, columnNames, fn);
  const fit = olsFit(X, y, n, k);
  const warnings = isEssentiallyPerfectFit(fit.rss, fit.fitted, n - k)
    ? [`essentially perfect fit (residual variance ${formatNumber(fit.rss / (n - k), 3)} is rounding noise): standard errors and tests are unreliable (R summary.lm gives the same warning)`]
    : [];

  const dfResidual = n - k;
  const sigma2 = fit.rss / dfResidual;
  let tss = 0;
  if (mm.intercept) {
    let m = 0;
    for (let i = 0; i < n; i++) m += y[i];
    m /= n;
    for (let i = 0; i < n; i++) tss += (y[i] - m) ** 2;
  } else {
    for (let i = 0; i < n; i++) tss += y[i] * y[i];
  }
  const r2 = 1 - fit.rss / tss;
  const dfModel = mm.intercept ? k - 1 : k;
  const adjR2 = 1 - (1 - r2) * ((n - (mm.intercept ? 1 : 0)) / dfResidual);
  const fStatistic = dfModel > 0
    ? (() => {
      const f = Math.max(0, ((tss - fit.rss) / dfModel) / sigma2);
      return { statistic: f, df1: dfModel, df2: dfResidual, pValue: fUpper(f, dfModel, dfResidual) };
    })()
    : null;
  const logLik = -0.5 * n * (Math.log(2 * Math.PI) + Math.log(fit.rss / n) + 1);
  const aic = -2 * logLik + 2 * (k + 1);
  const bic = -2 * logLik + Math.log(n) * (k + 1);

  const inference: LeastSquaresInference = {
    type: "leastSquares", X, residuals: fit.residuals, bread: fit.xtxInverse, n, k, dfResidual, sigma2,
    absorbed: 0, effects: "none", panel: null, data, rows, clusterConvention: "sandwich", fn,
  };
  const variance = leastSquaresVcov(inference, spec, columnNames);
  checkFiniteFit([...fit.coefficients, ...variance.values, sigma2, logLik], fn);
  const sigma = Math.sqrt(sigma2);
  return makeFit<OlsResult>({
    kind: "ols",
    method: "OLS",
    dependent: mm.responseName,
    formula,
    coefficients: coefficientRows(columnNames, fit.coefficients, variance),
    coefficientNames: columnNames,
    estimates: fit.coefficients,
    n, k,
    vcovType: variance.label,
    vcovSpec: spec,
    variance,
    dfTest: variance.dfTest,
    inference,
    statisticName: "t",
    fit: { r2, adjR2, sigma2, logLik, aic, bic, ...(fStatistic ? { fStatistic: fStatistic.statistic } : {}) },
    residuals: fit.residuals,
    fitted: fit.fitted,
    sigma2, sigma, r2, adjR2, fStatistic, logLik, aic, bic, dfResidual,
    vcov: variance.values,
    xtxInverse: fit.xtxInverse,
    X, y, ids,
    intercept: mm.intercept,
    warnings,
    report: {
      title: args.title,
      header: [["Formula", formula], ["Dependent variable", mm.responseName], ["Observations", n], ["Coefficients (k)", k], ["Residual df", dfResidual]],
      statistics: [["Residual std. error", sigma], ["R-squared", r2], ["Adjusted R-squared", adjR2], ["Log-likelihood", logLik], ["AIC", aic], ["BIC", bic]],
      tests: fStatistic
        ? [{ name: "F statistic (classical)", statistic: fStatistic.statistic, df: `${fStatistic.df1} and ${fStatistic.df2}`, pValue: fStatistic.pValue }]
        : [],
      notes: warnings.map((w) => `Warning: ${w}`),
    },
  });
}

/** @deprecated use `withVcov(model, spec)` (lib/inference); `vcov(fit, spec)` there returns the variance matrix itself. */
export function olsWithVcov(model: OlsResult, spec: VcovSpec): OlsResult {
  return withVcov(model, spec);
}
