/**
 * Shared numeric tolerances for every test that compares against a reference.
 * One place, so a reader sees what "agrees with R" means.
 */

/** Relative tolerance for estimates, statistics and log-likelihoods against R (issue contract: 6 significant figures). */
export const RTOL = 1e-6;

/** Relative tolerance for maximum-likelihood standard errors (numerical vs analytical Hessians differ in R). */
export const RTOL_ML_SE = 1e-4;

/** splm reference values: spatial coefficient and slopes. */
export const RTOL_SPLM_COEF = 1e-5;

/** splm reference values: standard errors. */
export const RTOL_SPLM_SE = 1e-3;

/** Absolute floor used when a reference value is (near) zero. */
export const ATOL = 1e-10;

/** Assert |actual - expected| <= rtol * |expected| + atol, with a message naming the quantity. */
export function expectClose(actual: number, expected: number, rtol: number = RTOL, what = "value", atol: number = ATOL): void {
  if (typeof expected !== "number" || !Number.isFinite(expected)) {
    throw new Error(`${what}: the reference value is ${String(expected)}, not a finite number (mis-keyed reference JSON?)`);
  }
  if (!Number.isFinite(actual) || !(Math.abs(actual - expected) <= rtol * Math.abs(expected) + atol)) {
    throw new Error(`${what}: got ${actual}, expected ${expected} (rtol ${rtol})`);
  }
}

/**
 * splm's standard errors of phi and of the spatial coefficient of its random-effects models: splm takes them from
 * `nlme::fdHess`, a finite-difference Hessian (step ε^(1/3) relative, one-sided cross terms) whose own error is up
 * to ~1.4e-3 relatively on test/reference/spatial-panel-re.json (against numDeriv's Richardson Hessian there).
 */
export const RTOL_SPLM_FDHESS = 5e-3;
