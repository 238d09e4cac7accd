/**
 * Probability distributions used for inference: upper-tail and two-sided p-values (normal, t, chi-squared, F),
 * and the normal and t quantiles (confidence intervals, Q–Q plots).
 */
export { logGamma, incompleteBeta, upperIncompleteGamma, normalUpper, normalTwoSided, tTwoSided, chiSquaredUpper, fUpper } from "./cdf";
export { normalQuantile } from "./normalQuantile";
export { tQuantile } from "./tQuantile";
