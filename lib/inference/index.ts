/**
 * The inference layer: one variance specification (`VcovSpec`) for every estimator, one sandwich and its meats,
 * one list of variance estimators (extendable with `registerVcovEstimator`), and `vcov(fit, spec)` /
 * `withVcov(fit, spec)` that recompute standard errors of any fit without refitting.
 */
export type { VcovSpec, ClusterSpec, ClusterConvention, DriscollKraaySpec, VarianceMatrix } from "./vcovSpec";
export type { LeastSquaresInference, InformationInference, InferencePieces, PanelStructure } from "./leastSquares";
export { registerVcovEstimator, leastSquaresVcov, type VcovEstimator, type VcovComputation } from "./estimators";
export { sandwich, whiteMeat, hc3Meat, groupScores, outerSum, driscollKraayMeat, groupCodes, type ScoreInputs } from "./sandwich";
export { vcov, withVcov, coefficientRows, varianceBlock, type Fit, type ReportParts } from "./fit";
