/**
 * Shared summary formatting: significance stars, number and p-value formatting, and the plain-text /
 * HTML model summaries used by every estimator in lib/.
 */
export { stars, starsLegend, formatSignificant, formatPValue, formatFixed } from "./format";
export { coefficientTableText, summaryText, summaryHTML } from "./summary";
export type { SummarySpec } from "./summary";
