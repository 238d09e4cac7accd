/**
 * Inference on any fitted model of lib/: `vcov(fit, spec)` returns the variance matrix under a spec and
 * `withVcov(fit, spec)` the same fit with its standard errors, tests and labels recomputed — no refit, as
 * fixest's `summary(est, vcov = ...)` and R's `lmtest::coeftest(m, vcov = ...)`.
 */
import type { CoefficientRow, ModelResult } from "../core/types";
import { normalTwoSided, tTwoSided } from "../distributions/cdf";
import { leastSquaresVcov } from "./estimators";
import type { InferencePieces } from "./leastSquares";
import { specText, type VarianceMatrix, type VcovSpec } from "./vcovSpec";

/** What the shared summary prints about a fit, kept on the fit as data (see lib/report `summary`). */
export interface ReportParts {
  /** Title line, e.g. "Ordinary least squares (OLS)". */
  title: string;
  /** Header facts as [label, value]; the standard-error line is added from the fit's variance. */
  header: [string, string | number][];
  /** Parameter rows shown above the coefficients (rho, lambda), same layout. */
  spatialRows?: CoefficientRow[];
  /** Fit statistics as [label, value]. */
  statistics: [string, string | number][];
  /** Test rows. */
  tests?: { name: string; statistic: number; df: number | string; pValue: number }[];
  /** Free-text notes printed at the end. */
  notes?: string[];
  /** A table printed after the tests (e.g. local statistics by region): column headings and rows. */
  table?: { caption: string; columns: string[]; rows: (string | number)[][] };
}

/**
 * A fitted model as data: the {@link ModelResult} fields plus what the shared inference and report layers read.
 * Estimators build one with lib/report's `makeFit`, which gives it `summary()`, `toHTML()`, `coef()` and
 * `withVcov()` from one shared prototype.
 */
export interface Fit extends ModelResult {
  /** Estimator, e.g. "ols", "panelFE", "spatialLag". */
  kind: string;
  /** Names of `estimates`, in order. */
  coefficientNames: string[];
  estimates: Float64Array;
  /** The pieces inference needs: least-squares bread and scores, or the inverse information matrix. */
  inference: InferencePieces;
  /** The coefficient variance under the fit's current spec (names + Float64Array). */
  variance: VarianceMatrix;
  /** The spec `variance` was computed with. */
  vcovSpec: VcovSpec;
  /** Degrees of freedom of the t tests (null: z tests). */
  dfTest: number | null;
  /** What the summary prints. */
  report: ReportParts;
  /** One coefficient row by term. @throws `coef: no term "x" (terms: a, b)` */
  coef(term: string): CoefficientRow;
  /** The same fit with another variance (no refit). */
  withVcov(spec: VcovSpec): this;
}

/**
 * Coefficient rows (estimate, standard error, t or z, p) from estimates and a variance matrix.
 * @param names terms, in estimate order
 * @param estimates values
 * @param V variance whose `names` include every term
 * @throws `coefficientRows: the variance has no row for "x"`
 * @example coefficientRows(["x"], [2], { names: ["x"], values: new Float64Array([0.25]), label: "iid", dfTest: null })[0].statistic // 4
 */
export function coefficientRows(names: string[], estimates: ArrayLike<number>, V: VarianceMatrix): CoefficientRow[] {
  const p = V.names.length;
  return names.map((term, j) => {
    const r = V.names.indexOf(term);
    if (r < 0) throw new Error(`coefficientRows: the variance has no row for "${term}"`);
    const se = Math.sqrt(V.values[r * p + r]);
    const stat = estimates[j] / se;
    return { term, estimate: estimates[j], stdError: se, statistic: stat, pValue: V.dfTest === null ? normalTwoSided(stat) : tTwoSided(stat, V.dfTest) };
  });
}

function isFit(x: unknown): x is Fit {
  return typeof x === "object" && x !== null && "inference" in x && "variance" in x && Array.isArray((x as Fit).coefficientNames);
}

/**
 * The variance matrix of a fit's coefficients, under its own spec or another one.
 *
 * Long name: variance–covariance matrix of the estimates (R `vcov`, `sandwich::vcovHC`/`vcovCL`, plm `vcovSCC`/`vcovDC`).
 * Least-squares fits (ols, panelFE, panelRE) accept every {@link VcovSpec}; maximum-likelihood fits (spatialLag,
 * spatialError, spatialPanel) have only their information-matrix variance (`"iid"`).
 * @param fit a fitted model of lib/
 * @param spec the variance to compute (default: the fit's own)
 * @returns names, row-major values, label and the t-test degrees of freedom (null for z tests)
 * @throws `vcov: not a fitted model of lib/`; `spatialLag: vcov "HC1" needs a least-squares fit; ML fits have only their information-matrix variance ("iid")`
 * @example
 * const m = ols(columbus, "CRIME ~ INC + HOVAL");
 * vcov(m, "HC3").values[0] // 90.3 (R sandwich::vcovHC(type = "HC3")[1, 1])
 */
export function vcov(fit: Fit, spec?: VcovSpec): VarianceMatrix {
  if (!isFit(fit)) throw new Error("vcov: not a fitted model of lib/ (expected the result of ols, panelFE, panelRE, spatialLag, …)");
  if (spec === undefined) return fit.variance;
  const inf = fit.inference;
  if (inf.type === "leastSquares") return leastSquaresVcov(inf, spec, fit.coefficientNames);
  if (spec !== "iid" && spec !== "classical" && spec !== "information") {
    throw new Error(`${inf.fn}: vcov ${specText(spec)} needs a least-squares fit; maximum-likelihood fits have only their information-matrix variance ("iid")`);
  }
  return { names: inf.names, values: inf.covariance, label: inf.label, dfTest: null };
}

/**
 * The same fit with another variance: standard errors, t/z statistics, p-values, `vcovType` and `dfTest`
 * recomputed; estimates untouched; the input is not modified.
 *
 * Long name: re-inference without refitting (fixest `summary(est, vcov = ...)`).
 * @param fit a fitted model of lib/
 * @param spec the variance
 * @throws as {@link vcov}
 * @example withVcov(ols(columbus, "CRIME ~ INC + HOVAL"), { cluster: "district" }).vcovType
 */
export function withVcov<F extends Fit>(fit: F, spec: VcovSpec): F {
  const V = vcov(fit, spec);
  const coefficients = coefficientRows(fit.coefficientNames, fit.estimates, V);
  const out = Object.create(Object.getPrototypeOf(fit)) as F;
  Object.defineProperties(out, Object.getOwnPropertyDescriptors(fit));
  const k = fit.coefficientNames.length;
  const idx = fit.coefficientNames.map((t) => V.names.indexOf(t));
  const p = V.names.length;
  const square = new Float64Array(k * k);
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) square[a * k + b] = V.values[idx[a] * p + idx[b]];
  // the legacy `vcov` field keeps its shape: rows (panel fits) or a flat Float64Array (ols, ML over all parameters)
  const legacy = (fit as unknown as { vcov?: unknown }).vcov;
  const legacyValue = Array.isArray(legacy)
    ? Array.from({ length: k }, (_, i) => Array.from(square.subarray(i * k, i * k + k)))
    : legacy instanceof Float64Array && legacy.length === p * p ? V.values : square;
  Object.assign(out, { coefficients, variance: V, vcovSpec: spec, vcovType: V.label, dfTest: V.dfTest, vcov: legacyValue });
  return out;
}

/**
 * The variance block of some terms of a model: from the variance store of a fit (under `spec` if given), or from the
 * row arrays `vcov` of a plain model object with `coefficients` (legacy input, kept for hand-built models).
 *
 * Long name: variance submatrix by term.
 * @param model a fit of lib/, or `{ coefficients, vcov: number[][] }`
 * @param terms the terms, in the order wanted
 * @param fn the calling function's name, for errors
 * @param spec recompute under this variance first (fits only)
 * @returns row-major q × q values
 * @throws `fn: the model has no variance for "x"`; `fn: the model has no coefficients and vcov`
 * @example varianceBlock(m, ["INC", "HOVAL"], "waldTest") // Float64Array(4)
 */
export function varianceBlock(model: unknown, terms: string[], fn: string, spec?: VcovSpec): Float64Array {
  const q = terms.length;
  const out = new Float64Array(q * q);
  if (isFit(model)) {
    const V = spec === undefined ? model.variance : vcov(model, spec);
    const p = V.names.length;
    const idx = terms.map((t) => {
      const i = V.names.indexOf(t);
      if (i < 0) throw new Error(`${fn}: the model has no variance for "${t}"`);
      return i;
    });
    for (let a = 0; a < q; a++) for (let b = 0; b < q; b++) out[a * q + b] = V.values[idx[a] * p + idx[b]];
    return out;
  }
  const m = model as { coefficients?: { term: string }[]; vcov?: unknown };
  if (!m || !Array.isArray(m.coefficients) || !Array.isArray(m.vcov)) throw new Error(`${fn}: the model has no coefficients and vcov`);
  if (spec !== undefined) throw new Error(`${fn}: { vcov } needs a fitted model of lib/ (this object carries no inference pieces)`);
  const rows = m.vcov as number[][];
  const idx = terms.map((t) => {
    const i = m.coefficients!.findIndex((c) => c.term === t);
    if (i < 0) throw new Error(`${fn}: the model has no variance for "${t}"`);
    return i;
  });
  for (let a = 0; a < q; a++) for (let b = 0; b < q; b++) out[a * q + b] = rows[idx[a]][idx[b]];
  return out;
}
