/**
 * Response and regressors of a panel formula (private to lib/panel): lib/formula's
 * `modelMatrix`, with a fast path when every term is a plain column name (the common
 * `y ~ x1 + x2` of large panels), read straight from the validated columns. Both give the
 * same names, values and error messages; the intercept column is left out (fixed effects absorb it).
 */
import type { DataInput } from "../core/types";
import { numericColumn, rowCount } from "../core/data";
import { parseFormula, modelMatrix } from "../formula";

/** Response, regressors without the intercept (column-major), and names. */
export interface PanelDesign {
  y: Float64Array;
  X: Float64Array;
  n: number;
  k: number;
  names: string[];
  responseName: string;
  intercept: boolean;
}

/** Build the design of a panel formula. */
export function panelDesign(data: DataInput, formula: string, fn: string): PanelDesign {
  const f = parseFormula(formula);
  const plain = (t: { variables: { kind: string; expr?: { type: string } }[] }) =>
    t.variables.length === 1 && t.variables[0].kind === "numeric" && t.variables[0].expr?.type === "col";
  if (plain(f.response) && f.terms.every(plain)) {
    const colName = (t: (typeof f.terms)[number]) => {
      const v = t.variables[0];
      return v.kind === "numeric" && v.expr.type === "col" ? v.expr.name : "";
    };
    const n = rowCount(data, fn);
    const y = numericColumn(data, colName(f.response), fn);
    const k = f.terms.length;
    const X = new Float64Array(n * k);
    f.terms.forEach((t, j) => X.set(numericColumn(data, colName(t), fn), j * n));
    return { y, X, n, k, names: f.terms.map((t) => t.name), responseName: f.response.name, intercept: f.intercept };
  }
  const mm = modelMatrix(data, f, { fn });
  const keep: number[] = [];
  for (let j = 0; j < mm.k; j++) if (mm.columnNames[j] !== "(Intercept)") keep.push(j);
  const n = mm.n;
  const X = new Float64Array(n * keep.length);
  keep.forEach((j, c) => X.set(mm.X.subarray(j * n, j * n + n), c * n));
  return { y: mm.y, X, n, k: keep.length, names: keep.map((j) => mm.columnNames[j]), responseName: mm.responseName, intercept: mm.intercept };
}
