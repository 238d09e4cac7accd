/**
 * Helpers shared by the policy-article notebooks (01, 02, 04, 05, 07–10): unit conversions and land-use
 * intensity, shift-share decomposition, lookup of transcribed article figures, prose-claim guards (checkClaim),
 * certification criteria from the article tables (criteriaFromTable, written by owner B).
 * Owner A writes this index; owner B asks for exports in `REQUESTS-from-B.md`.
 */
export * from "./units";
export * from "./shiftShare";
export * from "./articleFigures";
export * from "./checkClaim";
export * from "./certificationCriteria";
