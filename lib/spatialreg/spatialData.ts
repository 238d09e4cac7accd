import type { DataInput } from "../core/types";
import { idColumn, rowCount } from "../core/data";
import type { SpatialWeights } from "../weights/SpatialWeights";
import { modelMatrix, type ModelMatrix } from "../formula/modelMatrix";
import { checkFullRank } from "../linalg/qr";
import { prepareWeights, type PreparedWeights } from "./weightsInput";
import { checkOptionNames } from "../core/options";

/** The option names of the spatial ML estimators (spatialLag, spatialError). */
export const SPATIAL_MODEL_OPTIONS = ["id", "logdet", "zeroPolicy", "interval", "vcov", "se", "tol"] as const;
import type { LogdetMethod, LogdetSpec } from "./logDeterminant";

/** Options shared by the spatial ML estimators. */
export interface SpatialModelOptions {
  /** Id column matching `w.ids`; rows are aligned to the weights by it. Default: rows already in `w.ids` order. */
  id?: string;
  /**
   * Log-determinant method (see `logDeterminant`): "auto" (default), the exact "eigen", "dense", "sparse", or the
   * approximations "chebyshev" / "mc" (a method name, or `{ method, order, draws, seed, ... }`).
   */
  logdet?: LogdetMethod | LogdetSpec;
  /** Keep regions without neighbours as zero rows of W (default false: islands are an error). */
  zeroPolicy?: boolean;
  /** Search interval for the spatial parameter; default from the eigenvalue bounds (1/λmin, 1/λmax). */
  interval?: [number, number];
  /**
   * Variance of the ML estimates, the option every estimator of lib/ calls `vcov`: "information" (default; "iid"
   * is the same) inverts the expected (Fisher) information matrix, as spatialreg
   * does with method "eigen"; "hessian" inverts the observed information, the exact analytical Hessian of the
   * log-likelihood at the estimates — the quantity spatialreg's method "Matrix" approximates by finite
   * differences (`fdHess`).
   */
  vcov?: "iid" | "information" | "hessian";
  /** @deprecated the old name of `vcov` ("analytical" = "information"), kept for one release. */
  se?: "analytical" | "hessian";
  /** Optimizer tolerance on the spatial parameter (default 1e-10). */
  tol?: number;
}

/** Data aligned to the weights, with a validated full-rank design. */
export interface SpatialData {
  mm: ModelMatrix;
  pw: PreparedWeights;
  /** Data row of each region (w.ids order). */
  rows: Int32Array | null;
}

/**
 * Align data rows to the weights (by `id` or by position), build the model matrix, check rank.
 * @throws `fn: data have 48 rows but the weights have 49 regions; pass { id } to match rows by id`;
 *   id mismatches naming the ids; islands; the formula/model-matrix errors
 */
export function spatialData(data: DataInput, formula: string, w: SpatialWeights, options: SpatialModelOptions, fn: string): SpatialData {
  checkOptionNames(options, SPATIAL_MODEL_OPTIONS, fn);
  if (typeof formula !== "string") throw new Error(`${fn}: formula must be a string like "y ~ x1 + x2"`);
  const pw = prepareWeights(w, fn, options.zeroPolicy ?? false);
  let rows: Int32Array | null = null;
  const nData = rowCount(data, fn);
  if (options.id !== undefined) {
    rows = pw.weights.alignment(idColumn(data, options.id, fn), fn);
  } else if (nData !== pw.n) {
    throw new Error(`${fn}: data have ${nData} rows but the weights have ${pw.n} regions; pass { id } to match rows by id`);
  }
  const mm = modelMatrix(data, formula, { fn, rows: rows ?? undefined });
  checkFullRank(mm.X, mm.n, mm.k, mm.columnNames, fn);
  return { mm, pw, rows };
}
