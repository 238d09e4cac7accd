export { parseFormula, deparse, expressionColumns } from "./parseFormula";
export type { Formula, Term, Variable, Expr } from "./parseFormula";
export { modelMatrix } from "./modelMatrix";
export type { ModelMatrix, ModelMatrixOptions } from "./modelMatrix";
