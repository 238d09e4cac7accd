/**
 * Degenerate least-squares problems, found before their statistics turn into NaN, −Inf or rounding noise:
 * columns whose squares overflow or underflow double precision, a constant response, and an exact fit.
 */
import { formatNumber } from "../report/format";

/** Largest magnitude whose squares, summed over n rows, stay finite and normal in double precision. */
const TOO_LARGE = 1e150;
/** Smallest non-zero magnitude whose square is still a normal double (1e-308). */
const TOO_SMALL = 1e-150;

/**
 * Refuse columns on a scale where sums of squares overflow (|x|·√n > 1e150) or squares underflow
 * (0 < max |x| < 1e-150): QR norms, R², variances and the likelihood would be Inf, 0 or NaN, and the rank test
 * would call a tiny column collinear. Rescaling (dividing by a power of ten) changes no test statistic.
 *
 * Long name: floating-point range check of a least-squares problem.
 * @param columns the response and regressor columns (each length n)
 * @param names their names, same order
 * @param fn the public function's name
 * @throws `ols: column "y" has values up to 1e+300 in magnitude; sums of squares overflow double precision — rescale it (e.g. divide by 1e+300)`;
 *   `ols: column "x" has values of at most 1e-300 in magnitude; squares underflow double precision — rescale it (e.g. multiply by 1e+300)`
 * @example checkColumnScale([new Float64Array([1, 2])], ["y"], "ols") // passes
 */
export function checkColumnScale(columns: ArrayLike<number>[], names: string[], fn: string): void {
  columns.forEach((col, j) => {
    let max = 0;
    for (let i = 0; i < col.length; i++) { const a = Math.abs(col[i]); if (a > max) max = a; }
    const power = `1e${max >= 1 ? "+" : ""}${Math.round(Math.log10(max))}`;
    if (max * Math.sqrt(col.length) > TOO_LARGE) {
      throw new Error(`${fn}: column "${names[j]}" has values up to ${formatNumber(max, 3)} in magnitude; sums of squares overflow double precision — rescale it (e.g. divide by ${power})`);
    }
    if (max > 0 && max < TOO_SMALL) {
      throw new Error(`${fn}: column "${names[j]}" has values of at most ${formatNumber(max, 3)} in magnitude; squares underflow double precision — rescale it (e.g. multiply by ${power.replace("e-", "e+")})`);
    }
  });
}

/**
 * Refuse a response that does not vary (relative variance below 1e-30, R's "essentially perfect fit" scale): R²,
 * the F test and every t test would be 0/0 rounding noise.
 *
 * Long name: constant-response check.
 * @param y the response
 * @param name its name
 * @param fn the public function's name
 * @param what what is constant ("" or " within every entity")
 * @throws `ols: the dependent variable "y" is constant (every value is 3), so there is nothing to explain: R² and the tests are undefined`
 * @example checkResponseVaries(new Float64Array([1, 2]), "y", "ols") // passes
 */
export function checkResponseVaries(y: ArrayLike<number>, name: string, fn: string): void {
  const n = y.length;
  let m = 0;
  for (let i = 0; i < n; i++) m += y[i];
  m /= n;
  let v = 0;
  for (let i = 0; i < n; i++) v += (y[i] - m) ** 2;
  v /= n;
  if (n > 0 && v <= m * m * 1e-30) {
    throw new Error(`${fn}: the dependent variable "${name}" is constant (every value is ${formatNumber(y[0])}), so there is nothing to explain: R² and the tests are undefined`);
  }
}

/**
 * Whether a least-squares fit is exact up to rounding, by R's `summary.lm` criterion: residual variance below
 * 1e-30 × (mean(fitted)² + var(fitted)).
 *
 * Long name: essentially-perfect-fit test (R `summary.lm`, "essentially perfect fit: summary may be unreliable").
 * @param rss residual sum of squares
 * @param fitted fitted values
 * @param dfResidual residual degrees of freedom
 * @example isEssentiallyPerfectFit(0, new Float64Array([1, 2, 3]), 1) // true
 */
export function isEssentiallyPerfectFit(rss: number, fitted: ArrayLike<number>, dfResidual: number): boolean {
  const n = fitted.length;
  let m = 0;
  for (let i = 0; i < n; i++) m += fitted[i];
  m /= n;
  let v = 0;
  for (let i = 0; i < n; i++) v += (fitted[i] - m) ** 2;
  v /= Math.max(n - 1, 1);
  return rss / dfResidual < (m * m + v) * 1e-30;
}

/**
 * Refuse a fit whose estimates or variances are not finite (columns on scales so different that a coefficient or
 * its variance overflows), instead of reporting NaN or Inf.
 *
 * Long name: finite-result check.
 * @param values every number the fit reports
 * @param fn the public function's name
 * @throws `ols: the estimates or their variances overflow double precision (the columns are on very different scales); rescale the variables`
 * @example checkFiniteFit([1, 2], "ols") // passes
 */
export function checkFiniteFit(values: ArrayLike<number>, fn: string): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw new Error(`${fn}: the estimates or their variances overflow double precision (the columns are on very different scales); rescale the variables`);
    }
  }
}

/**
 * Refuse a spatial model (or a test of OLS residuals) when y is an exact linear function of the regressors: the
 * residuals are rounding noise, so the spatial parameter, its LR test and the LM tests would measure noise
 * (R spatialreg `lagsarlm` stops with "system is exactly singular"; `errorsarlm` returns an arbitrary lambda).
 *
 * Long name: exact-fit check for spatial models.
 * @param fit the OLS fit of y on X (residuals, fitted, rss)
 * @param n rows
 * @param k regressors
 * @param parameter what is not identified ("rho", "lambda" or "the LM tests")
 * @param fn the public function's name
 * @throws `spatialLag: y is an exact linear function of the regressors (OLS residual variance 1.2e-30 is rounding noise), so rho is not identified`
 * @example checkNotExactFit({ rss: 1, fitted: new Float64Array([1, 2, 3]) }, 3, 1, "rho", "spatialLag") // passes
 */
export function checkNotExactFit(fit: { rss: number; fitted: ArrayLike<number> }, n: number, k: number, parameter: string, fn: string): void {
  if (isEssentiallyPerfectFit(fit.rss, fit.fitted, n - k)) {
    const what = parameter.startsWith("the ") ? `${parameter} are undefined` : `${parameter} is not identified`;
    throw new Error(`${fn}: y is an exact linear function of the regressors (OLS residual variance ${formatNumber(fit.rss / (n - k), 3)} is rounding noise), so ${what}`);
  }
}
