/**
 * The one variance specification of lib/: what every estimator's `vcov` option, `vcov(fit, spec)`,
 * `summary(fit, { vcov })` and `regTable(fits, { vcov })` accept.
 *
 * Conventions follow R sandwich (Zeileis 2004, 2006; Zeileis, Köll & Graham 2020), plm (Croissant & Millo 2008)
 * and Stata, and are named in the result's `vcovType` so a reader knows which one was used.
 */

/** Small-sample convention of a cluster-robust variance. */
export type ClusterConvention =
  /** G/(G−1)·(n−1)/(n−K), K counting the absorbed effects not nested in the clusters; t(G−1) tests (Stata `vce(cluster)`). Default of panel models. */
  | "stata"
  /** n/(n−k); t(residual df) tests (plm `vcovHC(method = "arellano", type = "HC1")`). */
  | "plm"
  /** G/(G−1)·(n−1)/(n−k); t(residual df) tests (R sandwich `vcovCL(type = "HC1")` with lmtest `coeftest`). Default of `ols`. */
  | "sandwich"
  /** no small-sample factor (plm `vcovHC(method = "arellano", type = "HC0")`). */
  | "HC0";

/** Clustering by one column (or two, for two-way clustering as plm's `vcovDC`). */
export interface ClusterSpec {
  cluster: string | string[];
  convention?: ClusterConvention;
}

/** Driscoll & Kraay (1998) cross-section- and serial-correlation-robust variance (panel fits only). */
export interface DriscollKraaySpec {
  /** Bartlett lag truncation; null: floor(max T_i^(1/4)) as plm's `vcovSCC`. */
  driscollKraay: number | null;
}

/**
 * A variance specification:
 * - `"iid"` (alias `"classical"`): s²(X'X)⁻¹ for least squares; the inverse information matrix for ML fits;
 * - `"HC0"`, `"HC1"` (alias `"robust"`), `"HC3"`: heteroskedasticity-consistent (White 1980; MacKinnon & White 1985);
 * - `{ cluster: "province", convention? }`, `{ cluster: ["province", "year"] }`: cluster-robust (Liang & Zeger 1986;
 *   Cameron, Gelbach & Miller 2011);
 * - `{ driscollKraay: lag }`: Driscoll & Kraay (1998), panel fits;
 * - the name of an estimator registered with `registerVcovEstimator` (one file adds one).
 */
export type VcovSpec =
  | "iid" | "classical" | "HC0" | "HC1" | "HC3" | "robust"
  | ClusterSpec | DriscollKraaySpec
  | (string & Record<never, never>);

/**
 * A variance matrix with the names of its rows and columns: the one store for coefficient covariances in lib/.
 */
export interface VarianceMatrix {
  /** Parameter names, in row order. */
  names: string[];
  /** p × p, row-major. */
  values: Float64Array;
  /** What it is, e.g. "HC1", "cluster-robust by province (31 clusters), Stata convention …". */
  label: string;
  /** Degrees of freedom of the reference t distribution; null for z (asymptotic normal) tests. */
  dfTest: number | null;
  /** Number of clusters (one- or two-way), when clustered. */
  clusters?: number | [number, number];
  /** Extra detail for the summary's notes (e.g. the small-sample factor). */
  detail?: string;
  /** Driscoll–Kraay lag actually used. */
  maxlag?: number;
}

/** The spec as written, for error messages. */
export function specText(spec: unknown): string {
  return typeof spec === "string" ? `"${spec}"` : JSON.stringify(spec);
}
