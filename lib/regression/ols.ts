import type { CoefficientRow, DataInput, ModelResult } from "../core/types";
import { idColumn, rawColumn } from "../core/data";
import { modelMatrix } from "../formula/modelMatrix";
import { checkFullRank } from "../linalg/qr";
import { olsFit } from "./olsCore";
import { sandwichVcov, vcovLabel, type VcovSpec } from "./sandwich";
import { fUpper, tTwoSided } from "../distributions/cdf";
import { summaryHTML, summaryText, type SummarySpec } from "../report/summary";

/** Options of {@link ols}. */
export interface OlsOptions {
  /** Standard errors: "classical" (default), "HC0", "HC1", "HC3" or { cluster: "column" }. */
  vcov?: VcovSpec;
  /** Id column kept with the fit (lmTests aligns residuals to the weights by it). */
  id?: string;
  /** Row indices to use (default: all rows). */
  rows?: ArrayLike<number>;
}

/** A fitted OLS model (flat, satisfies {@link ModelResult}). */
export interface OlsResult extends ModelResult {
  method: "OLS";
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
  /** Coefficient covariance (k × k, row-major) under `vcovType`. */
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
  /** Same fit with a different variance estimator (cheap: no refit). */
  withVcov(spec: VcovSpec): OlsResult;
}

function coefficientRows(names: string[], est: Float64Array, V: Float64Array, df: number): CoefficientRow[] {
  const k = names.length;
  return names.map((term, j) => {
    const se = Math.sqrt(V[j * k + j]);
    const t = est[j] / se;
    return { term, estimate: est[j], stdError: se, statistic: t, pValue: tTwoSided(t, df) };
  });
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
 *   n ≤ k, an unknown vcov, a cluster column with missing values or a single cluster
 * @example
 * const m = ols(columbus, "CRIME ~ INC + HOVAL");
 * m.coefficients[1].estimate // -1.59731 (R lm: -1.5973108)
 */
export function ols(data: DataInput, formula: string, options: OlsOptions = {}): OlsResult {
  const fn = "ols";
  const spec: VcovSpec = options.vcov ?? "classical";
  const mm = modelMatrix(data, formula, { fn, rows: options.rows });
  const { X, y, n, k, columnNames } = mm;
  if (k === 0) throw new Error(`ols: formula "${formula}" has no regressors`);
  checkFullRank(X, n, k, columnNames, fn);
  const fit = olsFit(X, y, n, k);
  const pick = <T>(col: ArrayLike<T>): T[] => {
    const r = options.rows;
    return r ? Array.from(r, (i) => col[i]) : Array.from(col);
  };
  const ids = options.id ? pick(idColumn(data, options.id, fn)) : null;
  const clusterValues = typeof spec === "object" ? clusterColumn(data, spec, fn, pick) : undefined;

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
      const f = ((tss - fit.rss) / dfModel) / sigma2;
      return { statistic: f, df1: dfModel, df2: dfResidual, pValue: fUpper(f, dfModel, dfResidual) };
    })()
    : null;
  const logLik = -0.5 * n * (Math.log(2 * Math.PI) + Math.log(fit.rss / n) + 1);
  const aic = -2 * logLik + 2 * (k + 1);
  const bic = -2 * logLik + Math.log(n) * (k + 1);

  const build = (vspec: VcovSpec, clusters: unknown[] | undefined): OlsResult => {
    const V = sandwichVcov({ X, residuals: fit.residuals, xtxInverse: fit.xtxInverse, n, k }, vspec, clusters, fn);
    const coefficients = coefficientRows(columnNames, fit.coefficients, V, dfResidual);
    const result: OlsResult = {
      method: "OLS",
      dependent: mm.responseName,
      formula,
      coefficients,
      coefficientNames: columnNames,
      estimates: fit.coefficients,
      n, k,
      vcovType: vcovLabel(vspec),
      statisticName: "t",
      fit: { r2, adjR2, sigma2, logLik, aic, bic, ...(fStatistic ? { fStatistic: fStatistic.statistic } : {}) },
      residuals: fit.residuals,
      fitted: fit.fitted,
      sigma2, sigma: Math.sqrt(sigma2), r2, adjR2, fStatistic, logLik, aic, bic, dfResidual,
      vcov: V,
      xtxInverse: fit.xtxInverse,
      X, y, ids,
      intercept: mm.intercept,
      withVcov(next: VcovSpec): OlsResult {
        return build(next, typeof next === "object" ? clusterColumn(data, next, fn, pick) : undefined);
      },
      summary: () => summaryText(olsSummarySpec(result)),
      toHTML: () => summaryHTML(olsSummarySpec(result)),
    };
    return result;
  };
  return build(spec, clusterValues);
}

function clusterColumn(data: DataInput, spec: { cluster: string }, fn: string, pick: <T>(c: ArrayLike<T>) => T[]): unknown[] {
  rawColumn(data, spec.cluster, fn);
  return pick(idColumn(data, spec.cluster, fn));
}

/**
 * Re-compute inference for a fitted OLS model with another variance estimator (no refit).
 * @example vcov(ols(df, "y ~ x"), "HC3").coefficients[1].stdError
 */
export function vcov(model: OlsResult, spec: VcovSpec): OlsResult {
  return model.withVcov(spec);
}

function olsSummarySpec(m: OlsResult): SummarySpec {
  return {
    method: "Ordinary least squares (OLS)",
    header: [
      ["Formula", m.formula],
      ["Dependent variable", m.dependent],
      ["Observations", m.n],
      ["Coefficients (k)", m.k],
      ["Residual df", m.dfResidual],
      ["Standard errors", m.vcovType],
    ],
    coefficients: m.coefficients,
    statisticName: "t",
    fit: [
      ["Residual std. error", m.sigma],
      ["R-squared", m.r2],
      ["Adjusted R-squared", m.adjR2],
      ["Log-likelihood", m.logLik],
      ["AIC", m.aic],
      ["BIC", m.bic],
    ],
    tests: m.fStatistic
      ? [{ name: "F statistic (classical)", statistic: m.fStatistic.statistic, df: `${m.fStatistic.df1} and ${m.fStatistic.df2}`, pValue: m.fStatistic.pValue }]
      : [],
  };
}
