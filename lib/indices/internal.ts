/**
 * Internal helpers shared by the index functions (not re-exported from the topic index).
 * Direction parsing, weight validation, ranking with documented tie handling.
 */
import { formatNumber } from "../report/format";
import { columnNames, rowCount, numericColumn, idColumn } from "../core/data";
import type { DataInput } from "../core/types";
import { checkData } from "../core/validate";

/** "+" = larger is better (benefit indicator), "-" = smaller is better (cost indicator). */
export type Direction = "+" | "-";

/** Either one direction for every column, or one per column (every column must be named). */
export type DirectionSpec = Direction | Record<string, Direction>;

/** Resolve a direction spec into one direction per column; unknown or missing names are errors. */
export function resolveDirections(fn: string, columns: string[], spec: DirectionSpec | undefined): Direction[] {
  if (spec === undefined) {
    throw new Error(`${fn}: option "direction" is required: "+" (larger is better) or "-" (smaller is better), for all columns or per column, e.g. { ${columns.map((c) => `${c}: "+"`).join(", ")} }`);
  }
  if (spec === "+" || spec === "-") return columns.map(() => spec);
  if (typeof spec !== "object" || spec === null) {
    throw new Error(`${fn}: option "direction" must be "+", "-" or an object of column → "+" | "-"`);
  }
  for (const key of Object.keys(spec)) {
    if (!columns.includes(key)) {
      throw new Error(`${fn}: direction given for "${key}", which is not one of the columns (${columns.join(", ")})`);
    }
  }
  return columns.map((c) => {
    const d = spec[c];
    if (d === undefined) throw new Error(`${fn}: no direction for column "${c}" (give "+" or "-" for every column)`);
    if (d !== "+" && d !== "-") throw new Error(`${fn}: direction for column "${c}" is ${JSON.stringify(d)}; use "+" or "-"`);
    return d;
  });
}

/** Validate the list of columns: non-empty, unique. */
export function checkColumns(fn: string, data: DataInput, columns: string[]): void {
  checkData(data, fn);
  if (!Array.isArray(columns) || columns.length === 0) throw new Error(`${fn}: give at least one column`);
  const seen = new Set<string>();
  for (const c of columns) {
    if (seen.has(c)) throw new Error(`${fn}: column "${c}" is listed twice`);
    seen.add(c);
  }
  const names = columnNames(data);
  for (const c of columns) {
    if (!names.includes(c)) throw new Error(`${fn}: no column "${c}" (columns: ${names.join(", ")})`);
  }
}

/** Read several validated numeric columns. */
export function readColumns(fn: string, data: DataInput, columns: string[]): Float64Array[] {
  checkColumns(fn, data, columns);
  rowCount(data, fn);
  return columns.map((c) => numericColumn(data, c, fn));
}

/** Tolerance used when checking that weights sum to one. */
export const WEIGHT_SUM_TOLERANCE = 1e-9;

/**
 * Validate user weights: one finite non-negative number per column, summing to one within 1e-9.
 * With `rescale: true` weights that do not sum to one are divided by their sum instead of refused.
 */
export function resolveWeights(fn: string, columns: string[], weights: Record<string, number> | number[] | undefined, rescale: boolean): Float64Array {
  if (weights === undefined) throw new Error(`${fn}: option "weights" is required (one weight per column: ${columns.join(", ")})`);
  const out = new Float64Array(columns.length);
  if (Array.isArray(weights)) {
    if (weights.length !== columns.length) throw new Error(`${fn}: ${weights.length} weights for ${columns.length} columns`);
    weights.forEach((w, j) => { out[j] = w; });
  } else {
    for (const key of Object.keys(weights)) {
      if (!columns.includes(key)) throw new Error(`${fn}: weight given for "${key}", which is not one of the columns (${columns.join(", ")})`);
    }
    columns.forEach((c, j) => {
      const w = weights[c];
      if (w === undefined) throw new Error(`${fn}: no weight for column "${c}"`);
      out[j] = w;
    });
  }
  let sum = 0;
  for (let j = 0; j < out.length; j++) {
    const w = out[j];
    if (typeof w !== "number" || !Number.isFinite(w)) throw new Error(`${fn}: weight for column "${columns[j]}" is not a finite number`);
    if (w < 0) throw new Error(`${fn}: weight for column "${columns[j]}" is negative (${w})`);
    sum += w;
  }
  if (sum <= 0) throw new Error(`${fn}: weights sum to 0`);
  if (Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE) {
    if (!rescale) {
      throw new Error(`${fn}: weights sum to ${sum}, not 1; fix them or pass { rescaleWeights: true } to divide them by their sum`);
    }
    for (let j = 0; j < out.length; j++) out[j] /= sum;
  }
  return out;
}

/** How tied scores are ranked. */
export type TieMethod = "min" | "average" | "first";

/**
 * Rank scores in descending order (rank 1 = highest score).
 * Two scores are tied when they differ by at most 1e-12 × max(|a|, |b|, 1e-300) (floating-point noise).
 * Ties: "min" gives tied items the best rank they share (competition ranking 1, 2, 2, 4; the default),
 * "average" the mean of the ranks they occupy (1, 2.5, 2.5, 4), "first" breaks ties by row order (1, 2, 3, 4).
 */
export function rankDescending(scores: Float64Array, ties: TieMethod = "min"): Float64Array {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => (scores[b] - scores[a]) || (a - b));
  const ranks = new Float64Array(n);
  const same = (a: number, b: number) => Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b), 1e-300);
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && same(scores[order[j + 1]], scores[order[i]])) j++;
    for (let k = i; k <= j; k++) {
      ranks[order[k]] = ties === "min" ? i + 1 : ties === "average" ? (i + j) / 2 + 1 : k + 1;
    }
    i = j + 1;
  }
  return ranks;
}

/** Optional id column as strings, or row numbers "1".."n". */
export function rowIds(fn: string, data: DataInput, id: string | undefined, n: number): string[] {
  if (id === undefined) return Array.from({ length: n }, (_, i) => String(i + 1));
  return idColumn(data, id, fn);
}

/** Format a number for messages without trailing noise (lib/report's `formatNumber`; integers as they are). */
export function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  return Number.isInteger(x) ? String(x) : formatNumber(x);
}
