/**
 * Panel-data estimators: fixed effects (within), random effects (Swamy–Arora), the Hausman
 * test (classical and regression-based), spatial panel fixed- and random-effects models by maximum
 * likelihood with the spatial Hausman test, and sample helpers.
 */
export { panelFE } from "./panelFE";
export type { PanelFEOptions, PanelFEResult, EffectsFTest } from "./panelFE";
export type { VcovSpec as PanelVcovSpec } from "../inference/vcovSpec";
export type { PanelEffects } from "./withinTransform";
export { panelIndex } from "./panelIndex";
export type { PanelIndex } from "./panelIndex";
export { spatialPanel } from "./spatialPanel";
export type { SpatialPanelOptions, SpatialPanelResult } from "./spatialPanel";
export { spatialHausman } from "./spatialHausman";
export { panelDurbinTests } from "./panelDurbinTests";
export type { PanelDurbinTestsOptions, PanelDurbinTestsResult, PanelDurbinTest } from "./panelDurbinTests";
export type { SpatialHausmanResult } from "./spatialHausman";
export { panelRE } from "./panelRE";
export type { PanelREOptions, PanelREResult } from "./panelRE";
export { hausman } from "./hausman";
export type { HausmanInput, HausmanResult, HausmanOptions } from "./hausman";
export { mundlakTest } from "./mundlakTest";
export type { MundlakTestOptions, MundlakTestResult, MundlakVcov } from "./mundlakTest";
export { yearRange, keepValues, dropValues, completeCases, lagWithin, takeRows } from "./sample";
export { waldTest } from "./waldTest";
export { withinCorrelation, withinDeviations } from "./withinCorrelation";
export type { WithinOptions, WithinCorrelationResult } from "./withinCorrelation";
export type { WaldInput, WaldResult } from "./waldTest";
export { panelLmTests, type PanelLmTestsOptions, type PanelLmTestsResult, type PanelLmEffects, type PanelLmDecision } from "./panelLmTests";
export { eventStudy, did } from "./eventStudy";
export type { EventStudyOptions, EventStudyResult, EventCoefficient, DidResult, PolicyPanelOptions } from "./eventStudy";
export { mediation } from "./mediation";
export type { MediationOptions, MediationResult, MediationTest } from "./mediation";
export { panelThreshold } from "./panelThreshold";
export type { PanelThresholdOptions, PanelThresholdResult, ThresholdTest } from "./panelThreshold";
export { chowTest } from "./chowTest";
export type { ChowTestResult } from "./chowTest";
export type { GroupDifferenceOptions } from "./groupInteraction";
export { suestDifference } from "./suestDifference";
export type { SuestDifferenceOptions, SuestDifferenceResult } from "./suestDifference";
export { groupPermutationTest } from "./groupPermutationTest";
export type { GroupPermutationOptions, GroupPermutationResult } from "./groupPermutationTest";
export { callawaySantAnna } from "./callawaySantAnna";
export type { CallawaySantAnnaOptions, CallawaySantAnnaResult, Aggregation, AggregateRow, GroupTimeEffect } from "./callawaySantAnna";
export { sunAbraham } from "./sunAbraham";
export type { SunAbrahamOptions, SunAbrahamResult, SunAbrahamEffect } from "./sunAbraham";
export { baconDecomposition } from "./baconDecomposition";
export type { BaconDecompositionOptions, BaconDecompositionResult, BaconRow, BaconComparison } from "./baconDecomposition";
export { drdidPanel, type DrdidMethod } from "./drdidPanel";
export { staggeredPanel } from "./staggeredPanel";
export type { StaggeredPanel, UnbalancedPolicy } from "./staggeredPanel";
