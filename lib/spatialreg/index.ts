/**
 * Spatial regression: LM diagnostics for OLS residuals, spatial lag and spatial error models by
 * maximum likelihood, log-determinants, and impacts.
 */
export { lmTests } from "./lmTests";
export type { LmTest, LmTestsResult, LmTestsOptions } from "./lmTests";
export { spatialLag } from "./spatialLag";
export type { SpatialLagResult, SpatialMLResult, SpatialTest } from "./spatialLag";
export { spatialError } from "./spatialError";
export type { SpatialErrorResult } from "./spatialError";
export type { SpatialModelOptions } from "./spatialData";
export { logDeterminant, denseLogAbsDet, AUTO_EIGEN_MAX_N } from "./logDeterminant";
export type { LogDeterminant, LogdetMethod } from "./logDeterminant";
export { weightsEigenvalues, logdetFromEigenvalues, similarityScaling } from "./weightsEigenvalues";
export type { WeightsSpectrum } from "./weightsEigenvalues";
export { inverseTraces, EXACT_TRACES_MAX_N, SPARSE_EXACT_TRACES_MAX_N, SPARSE_TRACE_PROBES } from "./traces";
export type { InverseTraces, InverseTracesOptions } from "./traces";
export { impacts } from "./impacts";
export { powerTraces } from "./traces";
export type { ImpactsOptions, ImpactsResult, ImpactRow, ImpactsInference, ImpactsGradient } from "./impacts";
export { DEFAULT_IMPACT_SIMULATIONS } from "./impacts";
export { AUTO_GENERAL_EIGEN_MAX_N, APPROXIMATE_LOGDET_INTERVAL, LU_EXACT_TRACES_MAX_N } from "./logDeterminant";
export type { LogdetOptions, LogdetSpec } from "./logDeterminant";
export { chebyshevLogdet, chebyshevCoefficients, exactWeightsTraces } from "./chebyshevLogdet";
export type { ChebyshevLogdet, ChebyshevLogdetOptions } from "./chebyshevLogdet";
export { monteCarloLogdet, hutchinsonInverseTraces } from "./monteCarloLogdet";
export type { MonteCarloLogdet, MonteCarloLogdetOptions } from "./monteCarloLogdet";
export { slx } from "./slx";
export type { SlxOptions, SlxResult, SlxEffect } from "./slx";
export { durbinTests, specificationTests } from "./durbinTests";
export type { DurbinTestsResult, DurbinTest } from "./durbinTests";
export { sac, spatialSAC } from "./sac";
export type { SacResult } from "./sac";
