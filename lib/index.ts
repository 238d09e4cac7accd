/**
 * The workbench library as notebooks use it: `import { loadDataset, moran, ols, regTable } from "../lib"`.
 *
 * This file lists the notebook-facing names explicitly (as d3-array's `src/index.js` does), grouped by layer.
 * Everything else — numeric cores, sandwich meats, log-determinant and trace machinery, figure internals — is
 * imported by path from its topic folder (`../lib/linalg`, `../lib/spatialreg/logDeterminant`, …), so that this
 * list stays the reader's map of the library. Article-specific helpers live in `../lib/policy` (imported by path).
 */

// data in: datasets, columns, weights
export { loadDataset, loadColumns, loadGeoJSON, listDatasets, parseCsv, provinceWeights, jilinWeights, jilinCityWeights, ratioLocationQuotientByYear, featureCentroid } from "./data";
export type { DatasetInfo, LoadedColumns, FeatureCollection, GeoFeature } from "./data";
export { numbers, strings, claimChecker, checkClaim, checkClaims } from "./notebook";
export { weights, SpatialWeights } from "./weights";
export type { WeightsStyle } from "./weights";

// descriptive measures of agglomeration and coordination
export {
  locationQuotient, locationQuotientWide, hoover, locationalGini, herfindahl, krugmanSpecialization, ellisonGlaeser,
  normalize, entropyWeights, topsis, composite, couplingCoordination, couplingDegree, classifyCoordination,
  COORDINATION_CLASSES, COORDINATION_CLASSES_RIGHT_CLOSED, cagr, yearsToDouble, requiredRate, compound,
} from "./indices";

// spatial statistics
export { moran, localMoran, benjaminiHochberg } from "./spatial";
export type { MoranOptions, MoranResult, LocalMoranOptions, LocalMoranResult } from "./spatial";

// disparity and dynamics: inequality decompositions, convergence, densities, exploratory spatial statistics, Markov chains
export { dagumGini, theil, sigmaConvergence, coefficientOfVariation, betaConvergence, kernelDensity, densityByPeriod } from "./disparity";
export type { DagumGiniResult, TheilResult, SigmaConvergenceResult, BetaConvergenceResult, KernelDensityResult } from "./disparity";
export { localG, geary, localGeary, joinCounts, bivariateMoran, localBivariateMoran } from "./spatial";
export type { LocalGResult, GearyResult, LocalGearyResult, JoinCountsResult, BivariateMoranResult, LocalBivariateMoranResult } from "./spatial";
export { markov, spatialMarkov, lisaMarkov, quantileBreaks, classify } from "./dynamics";
export type { MarkovResult, SpatialMarkovResult, LisaMarkovResult } from "./dynamics";

// models
export { ols, iv, kleibergenPaap, hansenJ, wildClusterBootstrap } from "./regression";
export type { OlsOptions, OlsResult, IvOptions, IvResult } from "./regression";
export { lmTests, spatialLag, spatialError, slx, sac, spatialSAC, durbinTests, specificationTests, impacts } from "./spatialreg";
export type { LmTestsResult, SpatialLagResult, SpatialErrorResult, SpatialModelOptions, ImpactsOptions, ImpactsResult } from "./spatialreg";
export {
  panelFE, panelRE, hausman, mundlakTest, waldTest, panelLmTests, spatialPanel, spatialHausman, panelDurbinTests, eventStudy, did, mediation, panelThreshold,
  chowTest, suestDifference, groupPermutationTest, callawaySantAnna, sunAbraham, baconDecomposition,
  yearRange, keepValues, dropValues, completeCases, lagWithin, takeRows, withinDeviations, withinCorrelation,
} from "./panel";
export type { EventStudyResult, DidResult, CallawaySantAnnaResult, SunAbrahamResult, BaconDecompositionResult } from "./panel";
export type { PanelFEOptions, PanelFEResult, PanelREOptions, PanelREResult, SpatialPanelOptions, SpatialPanelResult, PanelLmTestsResult } from "./panel";
export { spatialTestSimulation, chooseSpatialModel, simulateSpatialProcess } from "./simulation";

// inference: variance of any fit, without refitting
export { vcov, withVcov, registerVcovEstimator } from "./inference";
export type { VcovSpec, VarianceMatrix, Fit, VcovEstimator } from "./inference";

// report: summaries and tables of any fit
export { summary, toHTML, regTable, formatNumber, formatPValue, escapeHtml, stars } from "./report";
export type { RegTable, RegTableOptions, SummaryOptions } from "./report";

// distributions and random numbers
export { normalQuantile, tQuantile, normalUpper, normalTwoSided, tTwoSided, chiSquaredUpper, fUpper } from "./distributions";
export { rng, DEFAULT_SEED } from "./random";

// display and figures
export { show, showTable, showMarkdown, md, showText, showHTML, choroplethFigure } from "./display";
export {
  regionMapFigure, lisaClusterMapFigure, hotSpotMapFigure, moranScatterFigure, moranScatterData, coefficientPlotFigure,
  categoricalHeatmapFigure, lineChartFigure, residualDiagnosticsFigure, groupedBarFigure, densitySurfaceFigure, ridgePlotFigure,
} from "./plots";
