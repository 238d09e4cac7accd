/**
 * What a least-squares fit keeps for inference: the (transformed) design, residuals and bread, the degrees of
 * freedom, the absorbed effects and the panel structure, and a reference to the data for cluster columns. Every
 * variance estimator of lib/inference/estimators.ts reads only this, so one estimator serves OLS, panel within,
 * random-effects GLS and the Mundlak regression alike.
 */
import type { DataInput } from "../core/types";
import type { ClusterConvention } from "./vcovSpec";

/** Panel structure a least-squares fit carries (codes as lib/panel's `panelIndex`). */
export interface PanelStructure {
  /** Entity code of each row (0..entities−1). */
  entity: Int32Array;
  /** Period code of each row (0..periods−1). */
  time: Int32Array;
  entities: number;
  periods: number;
  /** Observations per entity (T_i). */
  countsByEntity: Int32Array;
  /** The unit and period columns' names (clustering by them reuses the codes). */
  idColumn: string;
  timeColumn: string;
}

/** Least-squares pieces of a fit (see the module comment). */
export interface LeastSquaresInference {
  type: "leastSquares";
  /** Regressors as the estimator used them (within-transformed, quasi-demeaned, or raw), column-major n × k. */
  X: Float64Array;
  residuals: Float64Array;
  /** (X'X)⁻¹, row-major k × k. */
  bread: Float64Array;
  n: number;
  k: number;
  /** Residual degrees of freedom (n − k − absorbed effects). */
  dfResidual: number;
  /** Residual variance RSS / dfResidual (the "iid" variance is sigma2 · bread). */
  sigma2: number;
  /** Number of absorbed fixed effects (0 for pooled and GLS fits). */
  absorbed: number;
  /** Which effects were absorbed. */
  effects: "none" | "entity" | "time" | "twoways";
  /** Panel structure, for panel fits. */
  panel: PanelStructure | null;
  /** The table the fit read and the rows it used (null: all), for cluster columns. */
  data: DataInput;
  rows: ArrayLike<number> | null;
  /** Cluster convention when a cluster spec does not name one. */
  clusterConvention: ClusterConvention;
  /** Name of the estimating function, for errors. */
  fn: string;
}

/** Asymptotic (ML) pieces of a fit: the inverse information matrix over all parameters. */
export interface InformationInference {
  type: "information";
  /** Inverse information (or Hessian), row-major p × p, in `names` order. */
  covariance: Float64Array;
  names: string[];
  /** e.g. "asymptotic (analytical information matrix)". */
  label: string;
  fn: string;
}

/** The inference pieces a fit carries. */
export type InferencePieces = LeastSquaresInference | InformationInference;
