/**
 * Shared result and input types. Every estimator in `lib/` returns an object that
 * satisfies {@link ModelResult}, so `regTable`, `show` and `summary` work on all of them.
 */

/** One row of a coefficient table. `statistic` is t or z as the model's `statisticName` says. */
export interface CoefficientRow {
  term: string;
  estimate: number;
  stdError: number;
  statistic: number;
  pValue: number;
}

/**
 * The fields every fitted model exposes. Estimator-specific results extend this
 * (for example `rho`, `lambda`, `r2Within`); the flat fields below are what the
 * shared formatting (`summary()`, HTML tables, `regTable`) reads.
 */
export interface ModelResult {
  /** Long name of the method, e.g. "OLS", "Spatial lag model (ML)", "Panel within (two-way FE)". */
  method: string;
  /** Dependent variable as written in the formula. */
  dependent: string;
  /** The formula as given by the user. */
  formula: string;
  coefficients: CoefficientRow[];
  /** Number of observations used. */
  n: number;
  /** Number of estimated slope/intercept coefficients (not counting spatial parameters or absorbed effects). */
  k: number;
  /** Name of the variance estimator, e.g. "classical", "HC1", "cluster(province), Stata small-sample". */
  vcovType: string;
  /** "t" for finite-sample tests, "z" for asymptotic ones. */
  statisticName: "t" | "z";
  /** Goodness-of-fit and information criteria keyed by name (r2, adjR2, r2Within, logLik, aic, sigma2, ...). */
  fit: Record<string, number>;
  /** Absorbed fixed effects, for "Province FE: Yes" rows in regression tables. */
  fixedEffects?: { entity?: string | null; time?: string | null };
  /** Plain-text summary in the style of `summary.lm` / spreg. */
  summary(): string;
  /** HTML table for inline display in a notebook. */
  toHTML(): string;
}

/** A column of input values: plain arrays, typed arrays, or anything with `.values` (a danfo Series). */
export type ColumnLike = ArrayLike<unknown> | { values: ArrayLike<unknown> };

/**
 * Tabular input accepted by every DataFrame-facing function: a danfo-js DataFrame
 * (anything with `columns` and `column(name)`), or a plain object of equal-length columns.
 */
export type DataInput =
  | { columns: string[]; column(name: string): { values: ArrayLike<unknown> } }
  | Record<string, ArrayLike<unknown>>;
