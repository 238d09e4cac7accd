/**
 * Regression tables (esttab-style) for any fitted model in lib.
 */
export { regTable } from "./regTable";
export type { RegTable, RegTableOptions, RegTableRow } from "./regTable";
