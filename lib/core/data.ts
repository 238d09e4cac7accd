import type { DataInput } from "./types";

/**
 * Tabular access shared by every DataFrame-facing wrapper: column names, raw columns,
 * and validated numeric columns as Float64Array. Errors name the calling function, the
 * column and the problem, e.g. `ols: column "lnfin" has 3 missing values (rows 4, 9, 12)`.
 */

function isDanfoLike(data: unknown): data is { columns: string[]; column(name: string): { values: ArrayLike<unknown> } } {
  return typeof data === "object" && data !== null && Array.isArray((data as { columns?: unknown }).columns) &&
    typeof (data as { column?: unknown }).column === "function";
}

/**
 * The values of a danfo DataFrame's column without building a Series. danfo-js 1.2.0 keeps the columns of a
 * DataFrame in `$dataIncolumnFormat` (one array per column, in `columns` order) beside the row-major `$data`, and
 * updates both on every mutation; `df.column(name)` copies that array into a new Series each call (about 50 ms for a
 * 500,000-row column). This is the one place in lib/ that reads danfo internals (pinned by test/notebook.test.ts);
 * when they are absent or inconsistent it falls back to the public `column(name).values`. The returned array is
 * the frame's own storage: callers must not modify it.
 */
function danfoColumnValues(data: { columns: string[]; column(name: string): { values: ArrayLike<unknown> } }, name: string): ArrayLike<unknown> {
  const internal = (data as unknown as { $dataIncolumnFormat?: unknown; $index?: unknown; $isSeries?: unknown });
  const cols = internal.$dataIncolumnFormat;
  const index = internal.$index;
  if (internal.$isSeries === false && Array.isArray(cols) && Array.isArray(index) && cols.length === data.columns.length) {
    const col = cols[data.columns.indexOf(name)];
    if (Array.isArray(col) && col.length === index.length) return col;
  }
  return data.column(name).values;
}

/**
 * Column names of a table.
 * @param data danfo DataFrame or object of columns
 * @example columnNames({ a: [1, 2], b: [3, 4] }) // ["a", "b"]
 */
export function columnNames(data: DataInput): string[] {
  if (isDanfoLike(data)) return [...data.columns];
  return Object.keys(data);
}

/**
 * Number of rows of a table.
 * @throws when the columns of a plain object differ in length
 */
export function rowCount(data: DataInput, fn = "rowCount"): number {
  const names = columnNames(data);
  if (names.length === 0) return 0;
  const n = rawColumn(data, names[0], fn).length;
  for (const name of names) {
    const len = rawColumn(data, name, fn).length;
    if (len !== n) throw new Error(`${fn}: column "${name}" has ${len} rows, column "${names[0]}" has ${n}`);
  }
  return n;
}

/**
 * The values of one column as they are (no conversion).
 * @throws `fn: no column "x" (columns: a, b, c)` when absent
 */
export function rawColumn(data: DataInput, name: string, fn = "column"): ArrayLike<unknown> {
  if (isDanfoLike(data)) {
    if (!data.columns.includes(name)) {
      throw new Error(`${fn}: no column "${name}" (columns: ${data.columns.join(", ")})`);
    }
    return danfoColumnValues(data, name);
  }
  const col = (data as Record<string, ArrayLike<unknown>>)[name];
  if (col === undefined) {
    throw new Error(`${fn}: no column "${name}" (columns: ${Object.keys(data).join(", ")})`);
  }
  return col;
}

/** True for null, undefined, NaN and empty strings: the values treated as missing. */
export function isMissing(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === "number" && Number.isNaN(v)) || v === "";
}

function listRows(rows: number[]): string {
  const shown = rows.slice(0, 5).join(", ");
  return rows.length > 5 ? `${shown}, ...` : shown;
}

/**
 * Convert values to a Float64Array, refusing missing and non-numeric entries.
 * Numeric strings ("3.5") are not accepted: a CSV column read as text is a mistake to surface.
 * @param values the values
 * @param name the column name used in errors
 * @param fn the calling function's name used in errors
 * @throws `fn: column "x" has 2 missing values (rows 3, 7)`; `fn: column "x" is not numeric (row 0 is "abc")`;
 *   `fn: column "x" has an infinite value (row 5)`
 * @example toFloat64([1, 2, 3], "x", "demo") // Float64Array [1, 2, 3]
 */
export function toFloat64(values: ArrayLike<unknown>, name: string, fn: string): Float64Array {
  const n = values.length;
  const out = new Float64Array(n);
  const missing: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (isMissing(v)) { missing.push(i); continue; }
    if (typeof v === "boolean") { out[i] = v ? 1 : 0; continue; }
    if (typeof v !== "number") {
      throw new Error(`${fn}: column "${name}" is not numeric (row ${i} is ${JSON.stringify(v)})`);
    }
    if (!Number.isFinite(v)) throw new Error(`${fn}: column "${name}" has an infinite value (row ${i})`);
    out[i] = v;
  }
  if (missing.length > 0) {
    throw new Error(`${fn}: column "${name}" has ${missing.length} missing value${missing.length > 1 ? "s" : ""} (row${missing.length > 1 ? "s" : ""} ${listRows(missing)})`);
  }
  return out;
}

/**
 * A validated numeric column as Float64Array (see {@link toFloat64} for the rules).
 * @example numericColumn({ y: [1, 2] }, "y", "ols") // Float64Array [1, 2]
 */
export function numericColumn(data: DataInput, name: string, fn: string): Float64Array {
  return toFloat64(rawColumn(data, name, fn), name, fn);
}

/**
 * A column of identifiers as strings (numbers are converted with String()).
 * @throws `fn: id column "city" has 1 missing value (row 4)`
 */
export function idColumn(data: DataInput, name: string, fn: string): string[] {
  const raw = rawColumn(data, name, fn);
  const out: string[] = new Array(raw.length);
  const missing: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    const v = raw[i];
    if (isMissing(v)) missing.push(i);
    else out[i] = String(v);
  }
  if (missing.length > 0) {
    throw new Error(`${fn}: id column "${name}" has ${missing.length} missing value${missing.length > 1 ? "s" : ""} (rows ${listRows(missing)})`);
  }
  return out;
}

/**
 * Values of a "column-like" argument (array, typed array or danfo Series).
 */
export function valuesOf(x: ArrayLike<unknown> | { values: ArrayLike<unknown> }): ArrayLike<unknown> {
  if (typeof x === "object" && x !== null && "values" in x && !(ArrayBuffer.isView(x)) && !Array.isArray(x)) {
    return (x as { values: ArrayLike<unknown> }).values;
  }
  return x as ArrayLike<unknown>;
}
