/**
 * The report layer: every number, p-value, star and HTML escape of lib/ (format.ts), the model summaries shared by
 * all fits and test results (`summary`, `toHTML`, built from the data a fit carries), and side-by-side regression
 * tables (`regTable`).
 */
export { stars, starsLegend, formatNumber, formatSignificant, formatPValue, formatFixed, escapeHtml } from "./format";
export { coefficientTableText, summaryText, summaryHTML } from "./summary";
export type { SummarySpec } from "./summary";
export { summary, toHTML, makeFit, makeResult, type SummaryOptions, type Reportable, type ResultMethods } from "./modelSummary";
export { regTable } from "./regTable";
export type { RegTable, RegTableOptions, RegTableRow } from "./regTable";
