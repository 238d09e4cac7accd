import type { DataInput } from "../core/types";
import { isMissing, rawColumn, rowCount } from "../core/data";
import { parseFormula, expressionColumns, type Expr, type Formula, type Variable } from "./parseFormula";

/** Model matrix and response built from a formula. X is column-major: column j occupies `X[j*n .. j*n+n-1]`. */
export interface ModelMatrix {
  /** Response values (length n). */
  y: Float64Array;
  /** Design matrix, column-major, n × k. */
  X: Float64Array;
  n: number;
  k: number;
  /** Column names as R's `model.matrix` writes them: `(Intercept)`, `log(DIS)`, `factor(region)Central`, `x1:x2`. */
  columnNames: string[];
  /** Name of the response as written (`log(gdp)`). */
  responseName: string;
  /** Raw data columns read, response first, each once. */
  variables: string[];
  /** For each column, the index of the term it comes from: 0 for the intercept, i + 1 for `formula.terms[i]` (R's "assign"). */
  assign: number[];
  /** The parsed formula. */
  formula: Formula;
  /** Whether column 0 is the intercept. */
  intercept: boolean;
}

/** Options of {@link modelMatrix}. */
export interface ModelMatrixOptions {
  /** Name of the calling function, used in error messages (default "modelMatrix"). */
  fn?: string;
  /** Row indices (0-based) to use, in this order; default all rows. Errors still report original row numbers. */
  rows?: ArrayLike<number>;
}

function listRows(rows: number[]): string {
  const shown = rows.slice(0, 5).join(", ");
  return rows.length > 5 ? `${shown}, ...` : shown;
}

/** Numeric column restricted to `rows`, validated with original row numbers in messages. */
function columnValues(data: DataInput, name: string, fn: string, rows: ArrayLike<number> | null, nAll: number): Float64Array {
  const raw = rawColumn(data, name, fn);
  const n = rows ? rows.length : nAll;
  const out = new Float64Array(n);
  const missing: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = rows ? rows[i] : i;
    const v = raw[r];
    if (isMissing(v)) { missing.push(r); continue; }
    if (typeof v === "boolean") { out[i] = v ? 1 : 0; continue; }
    if (typeof v !== "number") throw new Error(`${fn}: column "${name}" is not numeric (row ${r} is ${JSON.stringify(v)})`);
    if (!Number.isFinite(v)) throw new Error(`${fn}: column "${name}" has an infinite value (row ${r})`);
    out[i] = v;
  }
  if (missing.length > 0) {
    const s = missing.length > 1 ? "s" : "";
    throw new Error(`${fn}: column "${name}" has ${missing.length} missing value${s} (row${s} ${listRows(missing)})`);
  }
  return out;
}

interface EvalContext { data: DataInput; fn: string; rows: ArrayLike<number> | null; nAll: number; n: number; label: string }

function rowOf(ctx: EvalContext, i: number): number { return ctx.rows ? ctx.rows[i] : i; }

function evalExpr(e: Expr, ctx: EvalContext): Float64Array {
  const n = ctx.n;
  switch (e.type) {
    case "num": return new Float64Array(n).fill(e.value);
    case "col": return columnValues(ctx.data, e.name, ctx.fn, ctx.rows, ctx.nAll);
    case "neg": { const a = evalExpr(e.arg, ctx); for (let i = 0; i < n; i++) a[i] = -a[i]; return a; }
    case "call": {
      const a = evalExpr(e.arg, ctx);
      switch (e.fn) {
        case "I": return a;
        case "log":
          for (let i = 0; i < n; i++) {
            if (!(a[i] > 0)) {
              throw new Error(`${ctx.fn}: term "${ctx.label}" takes the log of a non-positive value (${a[i]} at row ${rowOf(ctx, i)})`);
            }
            a[i] = Math.log(a[i]);
          }
          return a;
        case "sqrt":
          for (let i = 0; i < n; i++) {
            if (a[i] < 0) throw new Error(`${ctx.fn}: term "${ctx.label}" takes the square root of a negative value (${a[i]} at row ${rowOf(ctx, i)})`);
            a[i] = Math.sqrt(a[i]);
          }
          return a;
        case "exp": for (let i = 0; i < n; i++) a[i] = Math.exp(a[i]); return a;
        case "abs": for (let i = 0; i < n; i++) a[i] = Math.abs(a[i]); return a;
      }
      break;
    }
    case "bin": {
      const a = evalExpr(e.left, ctx);
      const b = evalExpr(e.right, ctx);
      switch (e.op) {
        case "+": for (let i = 0; i < n; i++) a[i] += b[i]; break;
        case "-": for (let i = 0; i < n; i++) a[i] -= b[i]; break;
        case "*": for (let i = 0; i < n; i++) a[i] *= b[i]; break;
        case "/": for (let i = 0; i < n; i++) a[i] /= b[i]; break;
        case "^": for (let i = 0; i < n; i++) a[i] = Math.pow(a[i], b[i]); break;
      }
      return a;
    }
  }
  throw new Error(`${ctx.fn}: cannot evaluate term "${ctx.label}"`);
}

function checkFinite(v: Float64Array, ctx: EvalContext): Float64Array {
  for (let i = 0; i < v.length; i++) {
    if (!Number.isFinite(v[i])) {
      throw new Error(`${ctx.fn}: term "${ctx.label}" is not finite at row ${rowOf(ctx, i)} (${v[i]}; division by zero or overflow?)`);
    }
  }
  return v;
}

/**
 * Sorted levels of a categorical column. Numbers sort numerically, text by code point
 * (R's `factor()` sorts by the locale's collation; for ASCII/Chinese names the code-point order is used here).
 */
function factorLevels(data: DataInput, column: string, fn: string, rows: ArrayLike<number> | null, nAll: number): { codes: Int32Array; levels: string[] } {
  const raw = rawColumn(data, column, fn);
  const n = rows ? rows.length : nAll;
  const strs: string[] = new Array(n);
  const missing: number[] = [];
  let allNumeric = true;
  for (let i = 0; i < n; i++) {
    const r = rows ? rows[i] : i;
    const v = raw[r];
    if (isMissing(v)) { missing.push(r); continue; }
    if (typeof v !== "number") allNumeric = false;
    strs[i] = String(v);
  }
  if (missing.length > 0) {
    const s = missing.length > 1 ? "s" : "";
    throw new Error(`${fn}: column "${column}" has ${missing.length} missing value${s} (row${s} ${listRows(missing)})`);
  }
  const uniq = [...new Set(strs)];
  if (allNumeric) uniq.sort((a, b) => Number(a) - Number(b));
  else uniq.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const index = new Map(uniq.map((l, i) => [l, i]));
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) codes[i] = index.get(strs[i])!;
  return { codes, levels: uniq };
}

function termKey(vars: Variable[]): string { return vars.map((v) => v.label).sort().join("\u0000"); }

/**
 * Build the response vector and design matrix of a formula from a table.
 *
 * Long name: model matrix (R `model.matrix` with treatment contrasts).
 * Factors use R's rule: `factor(g)` in a term is coded by treatment contrasts (first level
 * dropped) when the term without it is also in the model (the intercept counts as the empty
 * term), and by one indicator per level otherwise — so `y ~ factor(g)` gets k−1 dummies,
 * `y ~ factor(g) - 1` all k, and `y ~ x + x:factor(g)` one slope per level.
 * Missing values are never dropped silently: they are an error naming the column and rows.
 * @param data danfo DataFrame or object of equal-length columns
 * @param formula formula text or a parsed {@link Formula}
 * @param options `fn` (caller name for errors), `rows` (row indices to use)
 * @throws `fn: column "x" has 2 missing values (rows 3, 7)`; `fn: column "x" is not numeric (row 0 is "a")`;
 *   `fn: term "log(x)" takes the log of a non-positive value (0 at row 4)`; `fn: no column "x" (...)`
 * @example
 * const mm = modelMatrix({ y: [1, 2, 4], x: [1, 2, 3] }, "y ~ log(x)");
 * mm.columnNames // ["(Intercept)", "log(x)"]
 * mm.X           // Float64Array [1, 1, 1, 0, 0.6931471805599453, 1.0986122886681096]
 */
export function modelMatrix(data: DataInput, formula: string | Formula, options: ModelMatrixOptions = {}): ModelMatrix {
  const fn = options.fn ?? "modelMatrix";
  const f = typeof formula === "string" ? parseFormula(formula) : formula;
  const nAll = rowCount(data, fn);
  const rows = options.rows ?? null;
  if (rows) {
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      if (!Number.isInteger(r) || r < 0 || r >= nAll) throw new Error(`${fn}: row index ${r} is out of range (table has ${nAll} rows)`);
    }
  }
  const n = rows ? rows.length : nAll;

  const variables: string[] = [];
  const addVar = (v: Variable) => {
    const cols = v.kind === "factor" ? [v.column] : expressionColumns(v.expr);
    for (const c of cols) if (!variables.includes(c)) variables.push(c);
  };

  const respVar = f.response.variables[0];
  addVar(respVar);
  const ctxBase = { data, fn, rows, nAll, n };
  const y = respVar.kind === "numeric"
    ? checkFinite(evalExpr(respVar.expr, { ...ctxBase, label: respVar.label }), { ...ctxBase, label: respVar.label })
    : (() => { throw new Error(`${fn}: the response cannot be a factor`); })();

  const presentKeys = new Set(f.terms.map((t) => termKey(t.variables)));
  if (f.intercept) presentKeys.add("");

  const cache = new Map<string, Float64Array | { codes: Int32Array; levels: string[] }>();
  const columns: Float64Array[] = [];
  const columnNames: string[] = [];
  const assign: number[] = [];
  if (f.intercept) { columns.push(new Float64Array(n).fill(1)); columnNames.push("(Intercept)"); assign.push(0); }

  f.terms.forEach((term, ti) => {
    // per variable: list of (name suffix, column values)
    const parts: { names: string[]; cols: Float64Array[] }[] = [];
    for (const v of term.variables) {
      addVar(v);
      if (v.kind === "numeric") {
        let col = cache.get(v.label) as Float64Array | undefined;
        if (!col) {
          const ctx = { ...ctxBase, label: v.label };
          col = checkFinite(evalExpr(v.expr, ctx), ctx);
          cache.set(v.label, col);
        }
        parts.push({ names: [v.label], cols: [col] });
      } else {
        let fl = cache.get(v.label) as { codes: Int32Array; levels: string[] } | undefined;
        if (!fl) { fl = factorLevels(data, v.column, fn, rows, nAll); cache.set(v.label, fl); }
        if (fl.levels.length < 2) {
          throw new Error(`${fn}: ${v.label} has a single level ("${fl.levels[0] ?? ""}"); a factor needs at least two`);
        }
        const rest = term.variables.filter((u) => u !== v);
        const contrasts = presentKeys.has(termKey(rest));
        const levels = contrasts ? fl.levels.slice(1) : fl.levels;
        const cols = levels.map((lev) => {
          const li = fl!.levels.indexOf(lev);
          const c = new Float64Array(n);
          for (let i = 0; i < n; i++) c[i] = fl!.codes[i] === li ? 1 : 0;
          return c;
        });
        parts.push({ names: levels.map((l) => `${v.label}${l}`), cols });
      }
    }
    // product over combinations, first variable varying fastest (R's order)
    let combos: { name: string[]; col: Float64Array }[] = [{ name: [], col: new Float64Array(n).fill(1) }];
    for (const p of parts) {
      const next: { name: string[]; col: Float64Array }[] = [];
      for (let j = 0; j < p.cols.length; j++) {
        for (const c of combos) {
          const col = new Float64Array(n);
          const pc = p.cols[j];
          for (let i = 0; i < n; i++) col[i] = c.col[i] * pc[i];
          next.push({ name: [...c.name, p.names[j]], col });
        }
      }
      combos = next; // outer loop over this variable's columns: earlier variables vary fastest
    }
    for (const c of combos) { columns.push(c.col); columnNames.push(c.name.join(":")); assign.push(ti + 1); }
  });

  const k = columns.length;
  const X = new Float64Array(n * k);
  for (let j = 0; j < k; j++) X.set(columns[j], j * n);
  return { y, X, n, k, columnNames, responseName: respVar.label, variables, assign, formula: f, intercept: f.intercept };
}
