/**
 * Helpers shared by the policy-article notebooks (01, 02, 04, 05, 07–10): unit conversions and land-use
 * intensity, shift-share decomposition, lookup of transcribed article figures, prose-claim guards (checkClaim),
 * certification criteria from the article tables (criteriaFromTable, scaleCriteria), year-over-year growth series,
 * TOPSIS rank sensitivity to random weights, figure layout tweaks (whole-year ticks, room for labels).
 */
export * from "./units";
export * from "./shiftShare";
export * from "./articleFigures";
export * from "../notebook/claims";
export * from "./certificationCriteria";
export * from "./growthSeries";
export * from "./weightSensitivity";
export * from "./figureLayout";
export * from "./employmentByOwnership";
