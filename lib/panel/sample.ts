/**
 * Sample helpers for panel studies: one line for "years 2014–2019 only", "East only",
 * "drop the municipalities", complete cases, and a regressor lagged within entity.
 *
 * Each returns a NEW table of the same kind as its input (a danfo DataFrame for a DataFrame,
 * through its own `iloc` / `addColumn`; an object of arrays for an object of arrays); the
 * input is never modified. Groupings (East / Central / West, municipality flags) are data
 * columns from `datasets/`; the helpers take the column name and never hard-code regions.
 */
import { panelOptions } from "./panelOptions";
import type { DataInput } from "../core/types";
import { columnNames, rawColumn, rowCount, isMissing } from "../core/data";
import { panelIndex } from "./panelIndex";

type DanfoLike = {
  columns: string[];
  column(name: string): { values: ArrayLike<unknown> };
  iloc(args: { rows: number[] }): unknown;
  addColumn(name: string, values: unknown[], options: { inplace: boolean }): unknown;
};

function isDanfo(d: unknown): d is DanfoLike {
  return typeof d === "object" && d !== null && typeof (d as DanfoLike).iloc === "function" && Array.isArray((d as DanfoLike).columns);
}

/** Rows `rows` of a table, as a new table of the same kind. */
export function takeRows<T extends DataInput>(data: T, rows: number[], fn = "takeRows"): T {
  if (isDanfo(data)) {
    if (rows.length === 0) throw new Error(`${fn}: no rows are left`);
    return data.iloc({ rows }) as T;
  }
  const out: Record<string, unknown[]> = {};
  for (const name of columnNames(data)) {
    const col = rawColumn(data, name, fn);
    out[name] = rows.map((r) => col[r]);
  }
  return out as unknown as T;
}

function withColumn<T extends DataInput>(data: T, name: string, values: unknown[], fn: string): T {
  if (columnNames(data).includes(name)) throw new Error(`${fn}: column "${name}" already exists; choose another name`);
  if (isDanfo(data)) return data.addColumn(name, values, { inplace: false }) as T;
  const out: Record<string, unknown> = {};
  for (const c of columnNames(data)) out[c] = rawColumn(data, c, fn);
  out[name] = values;
  return out as unknown as T;
}

function selectRows<T extends DataInput>(data: T, column: string, keep: (v: unknown, i: number) => boolean, fn: string, what: string): T {
  const col = rawColumn(data, column, fn);
  const rows: number[] = [];
  for (let i = 0; i < col.length; i++) if (keep(col[i], i)) rows.push(i);
  if (rows.length === 0) throw new Error(`${fn}: no rows have ${what}`);
  return takeRows(data, rows, fn);
}

/**
 * Rows whose period lies in [from, to] (inclusive): "years 2014–2019 only".
 * @throws `yearRange: column "year" is not numeric (row 3 is "2015")`; `yearRange: no rows have year in 2030–2031`
 * @example yearRange({ year: [2013, 2014, 2019, 2020], y: [1, 2, 3, 4] }, "year", 2014, 2019) // { year: [2014, 2019], y: [2, 3] }
 */
export function yearRange<T extends DataInput>(data: T, column: string, from: number, to: number): T {
  const fn = "yearRange";
  if (!(from <= to)) throw new Error(`${fn}: from (${from}) must not exceed to (${to})`);
  const col = rawColumn(data, column, fn);
  for (let i = 0; i < col.length; i++) {
    if (typeof col[i] !== "number" || Number.isNaN(col[i])) throw new Error(`${fn}: column "${column}" is not numeric (row ${i} is ${JSON.stringify(col[i])})`);
  }
  return selectRows(data, column, (v) => (v as number) >= from && (v as number) <= to, fn, `${column} in ${from}–${to}`);
}

/**
 * Rows whose `column` takes one of `values`: "East only" is `keepValues(df, "region3", ["East"])`.
 * @throws `keepValues: value "Eats" does not occur in column "region3" (values: Central, East, West)`
 * @example keepValues({ g: ["E", "W", "E"], y: [1, 2, 3] }, "g", ["E"]) // { g: ["E", "E"], y: [1, 3] }
 */
export function keepValues<T extends DataInput>(data: T, column: string, values: unknown[]): T {
  const fn = "keepValues";
  checkValuesOccur(data, column, values, fn);
  const set = new Set(values);
  return selectRows(data, column, (v) => set.has(v), fn, `${column} in {${values.map(String).join(", ")}}`);
}

/**
 * Rows whose `column` takes none of `values`: "drop the municipalities" is
 * `dropValues(df, "municipality", [true])`.
 * @throws `dropValues: value "x" does not occur in column "g" (...)` (a typo would otherwise drop nothing)
 * @example dropValues({ m: [true, false, false], y: [1, 2, 3] }, "m", [true]) // { m: [false, false], y: [2, 3] }
 */
export function dropValues<T extends DataInput>(data: T, column: string, values: unknown[]): T {
  const fn = "dropValues";
  checkValuesOccur(data, column, values, fn);
  const set = new Set(values);
  return selectRows(data, column, (v) => !set.has(v), fn, `${column} outside {${values.map(String).join(", ")}}`);
}

function checkValuesOccur(data: DataInput, column: string, values: unknown[], fn: string): void {
  if (!Array.isArray(values) || values.length === 0) throw new Error(`${fn}: give at least one value`);
  const col = rawColumn(data, column, fn);
  const present = new Set<unknown>();
  for (let i = 0; i < col.length; i++) present.add(col[i]);
  for (const v of values) {
    if (!present.has(v)) {
      const shown = [...present].slice(0, 10).map(String).sort().join(", ");
      throw new Error(`${fn}: value ${JSON.stringify(v)} does not occur in column "${column}" (values: ${shown}${present.size > 10 ? ", ..." : ""})`);
    }
  }
}

/**
 * Rows with no missing value (null, undefined, NaN, "") in `columns` (default: all columns),
 * e.g. after `lagWithin`, whose first period has no lag. The number of rows dropped is up to
 * the caller to report: compare row counts.
 * @example completeCases({ x: [1, null, 3], y: [1, 2, 3] }, ["x"]) // { x: [1, 3], y: [1, 3] }
 */
export function completeCases<T extends DataInput>(data: T, columns?: string[]): T {
  const fn = "completeCases";
  const cols = (columns ?? columnNames(data)).map((c) => rawColumn(data, c, fn));
  const n = rowCount(data, fn);
  const rows: number[] = [];
  for (let i = 0; i < n; i++) if (cols.every((c) => !isMissing(c[i]))) rows.push(i);
  if (rows.length === 0) throw new Error(`${fn}: every row has a missing value`);
  return takeRows(data, rows, fn);
}

/**
 * Add a regressor lagged within entity: the value of `column` for the same entity `lag`
 * periods earlier (for numeric periods, period − lag must exist; for text periods, `lag`
 * positions earlier in the sorted periods). Where it does not exist the lag is missing
 * (null), so a model using it will stop with an error until `completeCases` removes those rows.
 * @param data table with entity, time and `column`
 * @param column the variable to lag
 * @param options `entity`, `time`, `lag` (default 1, may be negative for a lead), `name`
 *   (default `${column}_lag${lag}`)
 * @throws duplicate entity–time rows; an existing column with the new name; a non-integer lag
 * @example
 * lagWithin({ unit: [1, 1, 2, 2], year: [2000, 2001, 2000, 2001], x: [5, 6, 7, 8] }, "x", { id: "unit", time: "year" })
 * // adds x_lag1: [null, 5, null, 7]
 */
export function lagWithin<T extends DataInput>(data: T, column: string, options: { id?: string; entity?: string; time: string; lag?: number; name?: string }): T {
  const fn = "lagWithin";
  const opts = panelOptions(options, ["lag", "name"], fn);
  const lag = options.lag ?? 1;
  if (!Number.isInteger(lag) || lag === 0) throw new Error(`${fn}: lag must be a non-zero integer (got ${lag})`);
  const ent = rawColumn(data, opts.id, fn);
  const tim = rawColumn(data, opts.time, fn);
  const ix = panelIndex(ent, tim, opts, fn);
  const values = rawColumn(data, column, fn);
  const numericTime = typeof tim[0] === "number";
  const rowOf = new Map<string, number>();
  for (let i = 0; i < ix.n; i++) {
    const tk = numericTime ? Number(tim[i]) : ix.time[i];
    rowOf.set(`${ix.entity[i]}|${tk}`, i);
  }
  const out: unknown[] = new Array(ix.n);
  for (let i = 0; i < ix.n; i++) {
    const tk = numericTime ? Number(tim[i]) - lag : ix.time[i] - lag;
    const r = rowOf.get(`${ix.entity[i]}|${tk}`);
    out[i] = r === undefined || isMissing(values[r]) ? null : values[r];
  }
  return withColumn(data, options.name ?? `${column}_lag${lag}`, out, fn);
}
