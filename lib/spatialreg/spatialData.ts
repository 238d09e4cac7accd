import type { DataInput } from "../core/types";
import { idColumn, rowCount } from "../core/data";
import type { SpatialWeights } from "../weights/SpatialWeights";
import { modelMatrix, type ModelMatrix } from "../formula/modelMatrix";
import { checkFullRank, type QRDecomposition } from "../linalg/qr";
import { prepareWeights, type PreparedWeights } from "./weightsInput";
import { checkOptionNames } from "../core/options";
import { csrMatMulColMajor, type CSR } from "../linalg/csr";
import { checkData, checkFormula, checkOptionTypes } from "../core/validate";

/**
 * Default absolute tolerance of the line search for the spatial parameter of spatialLag / spatialError:
 * √ε ≈ 1.49e-8, spatialreg's `tol.opt = .Machine$double.eps^0.5` for lagsarlm / errorsarlm. (Brent adds √ε |x|;
 * a finer absolute tolerance only matters near 0, where 1e-10 took 30 evaluations instead of 12 at n = 50,600 with
 * ρ ≈ 0.003, all below the log-likelihood's rounding.)
 */
export const SPATIAL_ML_TOL = Math.sqrt(Number.EPSILON);

/** The option names of the spatial ML estimators (spatialLag, spatialError). */
export const SPATIAL_MODEL_OPTIONS = ["id", "logdet", "zeroPolicy", "interval", "vcov", "se", "tol", "durbin"] as const;
import type { LogdetMethod, LogdetSpec } from "./logDeterminant";

/** Options shared by the spatial ML estimators. */
export interface SpatialModelOptions {
  /** Id column matching `w.ids`; rows are aligned to the weights by it. Default: rows already in `w.ids` order. */
  id?: string;
  /**
   * Log-determinant method (see `logDeterminant`): "auto" (default), the exact "eigen", "dense", "sparse", "lu", or the
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
  /** Optimizer tolerance on the spatial parameter (default {@link SPATIAL_ML_TOL}, spatialreg's `tol.opt`). */
  tol?: number;
  /**
   * Spatial Durbin terms: `true` adds WX for every regressor except the intercept (spatialLag → SDM, spatialError →
   * SDEM, as spatialreg's `Durbin = TRUE`), or a list of model-matrix column names to lag (spatialreg's
   * `Durbin = ~ x1 + x2`). The lagged columns are named `lag.<column>`, as spatialreg names them.
   */
  durbin?: boolean | string[];
}

/** Data aligned to the weights, with a validated full-rank design. */
export interface SpatialData {
  /** The model matrix in `w.ids` order, with the Durbin columns WX appended when asked. */
  mm: ModelMatrix;
  /** For each column of `mm.X`, the column holding its spatial lag, or −1 (all −1 without Durbin terms). */
  lagOf: number[];
  pw: PreparedWeights;
  /** Data row of each region (w.ids order). */
  rows: Int32Array | null;
  /** The QR decomposition of `mm.X` from the rank check (what `olsFit` on `mm.X` would compute again). */
  qr: QRDecomposition;
}

/**
 * Align data rows to the weights (by `id` or by position), build the model matrix, check rank.
 * @throws `fn: data have 48 rows but the weights have 49 regions; pass { id } to match rows by id`;
 *   id mismatches naming the ids; islands; the formula/model-matrix errors
 */
export function spatialData(data: DataInput, formula: string, w: SpatialWeights, options: SpatialModelOptions, fn: string): SpatialData {
  checkData(data, fn);
  checkFormula(formula, fn);
  checkOptionNames(options, SPATIAL_MODEL_OPTIONS, fn);
  checkOptionTypes(options, { id: "string", zeroPolicy: "boolean", interval: "number[]", vcov: "string", se: "string", tol: "number", logdet: ["string", "object"] }, fn);
  if (options.interval !== undefined && options.interval.length !== 2) throw new Error(`${fn}: option "interval" must be [lower, upper]`);
  const pw = prepareWeights(w, fn, options.zeroPolicy ?? false);
  let rows: Int32Array | null = null;
  const nData = rowCount(data, fn);
  if (options.id !== undefined) {
    rows = pw.weights.alignment(idColumn(data, options.id, fn), fn);
  } else if (nData !== pw.n) {
    throw new Error(`${fn}: data have ${nData} rows but the weights have ${pw.n} regions; pass { id } to match rows by id`);
  }
  const mm0 = modelMatrix(data, formula, { fn, rows: rows ?? undefined });
  const { mm, lagOf } = durbinColumns(mm0, pw.csr, options.durbin, fn);
  const qr = checkFullRank(mm.X, mm.n, mm.k, mm.columnNames, fn);
  return { mm, pw, rows, lagOf, qr };
}

function durbinColumns(mm: ModelMatrix, W: CSR, durbin: boolean | string[] | undefined, fn: string): { mm: ModelMatrix; lagOf: number[] } {
  const none = { mm, lagOf: mm.columnNames.map(() => -1) };
  if (durbin === undefined || durbin === false) return none;
  let chosen: number[];
  if (durbin === true) chosen = mm.columnNames.map((nm, j) => (nm === "(Intercept)" ? -1 : j)).filter((j) => j >= 0);
  else if (Array.isArray(durbin)) {
    chosen = durbin.map((nm) => {
      const j = mm.columnNames.indexOf(nm);
      if (j < 0) throw new Error(`${fn}: durbin term "${nm}" is not a column of the model (columns: ${mm.columnNames.join(", ")})`);
      if (nm === "(Intercept)") throw new Error(`${fn}: the intercept has no spatial lag term (W·1 is constant for row-standardized W)`);
      return j;
    });
  } else throw new Error(`${fn}: durbin must be true or a list of column names (got ${JSON.stringify(durbin)})`);
  if (chosen.length === 0) throw new Error(`${fn}: durbin: the model has no regressor to lag`);
  const { n, k } = mm;
  const sel = new Float64Array(n * chosen.length);
  chosen.forEach((j, c) => sel.set(mm.X.subarray(j * n, j * n + n), c * n));
  const WX = csrMatMulColMajor(W, sel, chosen.length);
  const X = new Float64Array(n * (k + chosen.length));
  X.set(mm.X, 0);
  X.set(WX, k * n);
  const lagOf = mm.columnNames.map(() => -1);
  chosen.forEach((j, c) => { lagOf[j] = k + c; });
  for (let c = 0; c < chosen.length; c++) lagOf.push(-1);
  return { mm: { ...mm, X, k: k + chosen.length, columnNames: [...mm.columnNames, ...chosen.map((j) => `lag.${mm.columnNames[j]}`)] }, lagOf };
}
