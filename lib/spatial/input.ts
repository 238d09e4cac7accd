/**
 * Shared input handling for the spatial statistics (`moran`, `localMoran`): the two call forms
 * `(values, w, options)` and `(df, "column", w, options)`, validation of values, ids and islands.
 */
import { checkOptionNames } from "../core/options";
import { SpatialWeights } from "../weights/SpatialWeights";
import { idColumn, rawColumn, rowCount, toFloat64, valuesOf } from "../core/data";
import type { ColumnLike, DataInput } from "../core/types";
import { checkData } from "../core/validate";
import { checkColumnScale } from "../regression/degenerate";

/** Options every spatial statistic accepts for its input. */
export interface SpatialInputOptions {
  /** With the table form: the id column used to align rows to `w.ids` (else rows must be in `w.ids` order). */
  id?: string;
  /** Keep regions without neighbours (their spatial lag is 0), like spdep's `zero.policy = TRUE`. Default false: error. */
  zeroPolicy?: boolean;
}

/** Values in `w.ids` order plus the name used for them in output. */
export interface ResolvedInput<O> {
  x: Float64Array;
  w: SpatialWeights;
  variable: string;
  options: O;
}

function isWeights(x: unknown): x is SpatialWeights {
  return x instanceof SpatialWeights;
}

/**
 * Resolve `(values, w, options)` or `(df, column, w, options)` into a Float64Array in `w.ids` order.
 * @throws when `w` is not a SpatialWeights, values are missing / non-numeric, lengths differ, ids do not
 *   match, or `w` has islands and `zeroPolicy` is not set.
 */
export function resolveSpatialInput<O extends SpatialInputOptions>(fn: string, a: unknown, b: unknown, c: unknown, d: unknown, allowed: readonly string[]): ResolvedInput<O> {
  let x: Float64Array;
  let w: SpatialWeights;
  let options: O;
  let variable: string;
  if (typeof b === "string") {
    checkData(a, fn);
    if (!isWeights(c)) throw new Error(`${fn}: the third argument must be a SpatialWeights (call as ${fn}(df, "column", w, options))`);
    w = c;
    options = (d ?? {}) as O;
    variable = b;
    const data = a as DataInput;
    const raw = rawColumn(data, b, fn);
    if (options.id !== undefined) {
      const ids = idColumn(data, options.id, fn);
      rowCount(data, fn);
      const perm = w.alignment(ids, fn);
      const all = toFloat64(raw, b, fn);
      x = new Float64Array(w.n);
      for (let i = 0; i < w.n; i++) x[i] = all[perm[i]];
    } else {
      if (raw.length !== w.n) {
        throw new Error(`${fn}: column "${b}" has ${raw.length} rows but the weights have ${w.n} regions (give { id } to align by id)`);
      }
      x = toFloat64(raw, b, fn);
    }
  } else {
    if (!isWeights(b)) throw new Error(`${fn}: the second argument must be a SpatialWeights (call as ${fn}(values, w, options))`);
    w = b;
    options = (c ?? {}) as O;
    if (options.id !== undefined) {
      throw new Error(`${fn}: option "id" needs the table form ${fn}(df, "column", w, { id })`);
    }
    const maybeName = (a as { name?: unknown } | null)?.name;
    variable = typeof maybeName === "string" && !Array.isArray(a) && !ArrayBuffer.isView(a) ? maybeName : "values";
    if (a === null || a === undefined || typeof a !== "object") throw new Error(`${fn}: values must be an array, a Float64Array or a Series`);
    const raw = valuesOf(a as ColumnLike);
    if (raw.length !== w.n) throw new Error(`${fn}: ${raw.length} values but the weights have ${w.n} regions`);
    x = toFloat64(raw, variable, fn);
  }
  if (options === null || typeof options !== "object") throw new Error(`${fn}: options must be an object`);
  checkOptionNames(options, allowed, fn);
  // squares of values beyond 1e150 overflow (local variances turn NaN); below 1e-150 they underflow
  checkColumnScale([x], [variable], fn);
  if (w.islands.length > 0 && !options.zeroPolicy) {
    const shown = w.islands.slice(0, 10).join(", ");
    throw new Error(`${fn}: ${w.islands.length} region${w.islands.length > 1 ? "s have" : " has"} no neighbours (${shown}${w.islands.length > 10 ? ", ..." : ""}); link them (w.withLinks, w.nearestForIslands) or pass { zeroPolicy: true }`);
  }
  return { x, w, variable, options };
}

/**
 * The weights constants S0, S1, S2 of Cliff & Ord (1981, *Spatial Processes*, ch. 1):
 * S0 = Σ_ij w_ij, S1 = ½ Σ_ij (w_ij + w_ji)², S2 = Σ_i (w_i· + w_·i)². Same as spdep `spweights.constants`.
 * @example weightsConstants(new SpatialWeights(["a","b"], [[1],[0]])) // { S0: 2, S1: 4, S2: 8 }
 */
export function weightsConstants(w: SpatialWeights): { S0: number; S1: number; S2: number } {
  const n = w.n;
  let S0 = 0;
  let S1 = 0;
  const rowSum = new Float64Array(n);
  const colSum = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const nb = w.neighbors[i];
    const wt = w.weights[i];
    for (let k = 0; k < nb.length; k++) {
      const j = nb[k];
      const wij = wt[k];
      S0 += wij;
      rowSum[i] += wij;
      colSum[j] += wij;
      // w_ji by binary search in the sorted row j
      const row = w.neighbors[j];
      let lo = 0, hi = row.length - 1, found = false, wji = 0;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (row[mid] === i) { wji = w.weights[j][mid]; found = true; break; }
        if (row[mid] < i) lo = mid + 1; else hi = mid - 1;
      }
      // a pair stored both ways is visited twice, each adding half of (w_ij + w_ji)²; a one-way link is
      // visited once and adds the whole of its two ordered terms, ½·2·w_ij²
      if (found) S1 += 0.5 * (wij + wji) * (wij + wji);
      else S1 += wij * wij;
    }
  }
  let S2 = 0;
  for (let i = 0; i < n; i++) S2 += (rowSum[i] + colSum[i]) ** 2;
  return { S0, S1, S2 };
}


