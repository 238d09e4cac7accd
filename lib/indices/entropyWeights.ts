import type { DataInput } from "../core/types";
import { idColumn, rowCount, rawColumn } from "../core/data";
import { readColumns, type DirectionSpec } from "./internal";
import { normalizeColumns, resolveNormalizeOptions } from "./normalize";

/** Options of {@link entropyWeights}. */
export interface EntropyWeightsOptions {
  /** "+" (larger is better) or "-" (smaller is better), for all columns or per column. Required. */
  direction: DirectionSpec;
  /** Constant added after min–max normalization (e.g. 0.0001); default 0 (0·ln 0 is taken as 0). */
  shift?: number;
  /** Time column of a panel. When given, `pooled` must be given too. */
  time?: string;
  /**
   * Panel only, required with `time`: `true` normalizes and weights all region-years together
   * (one set of weights, scores comparable across years); `false` does it year by year
   * (one set of weights per year, scores comparable only within a year). See {@link entropyWeights}.
   */
  pooled?: boolean;
}

/** Weights, entropies and divergences of one normalization group. */
export interface EntropyWeightsGroup {
  /** Rows in the group. */
  n: number;
  /** w_j = d_j / Σ d, keyed by column. */
  weights: Record<string, number>;
  /** e_j = −(1/ln n) Σ_i p_ij ln p_ij, keyed by column. */
  entropy: Record<string, number>;
  /** d_j = 1 − e_j (degree of divergence, 差异系数), keyed by column. */
  divergence: Record<string, number>;
}

/** Result of {@link entropyWeights}. */
export interface EntropyWeightsResult extends EntropyWeightsGroup {
  /** "cross-section" (no time), "pooled" or "by-time". */
  mode: "cross-section" | "pooled" | "by-time";
  /** The indicator columns, in order. */
  columns: string[];
  /**
   * Composite score per input row (input order): Σ_j w_j y_ij with y the normalized (+ shift) values and the
   * weights of the row's group.
   */
  scores: Float64Array;
  /** The normalized (+ shift) values per column, input row order. */
  normalized: Record<string, Float64Array>;
  /** Columns whose values were all equal within a group: entropy 1, divergence 0, weight 0 there. */
  constantColumns: string[];
  /**
   * By-time mode: one group per period, keyed by the period as a string; in the other modes `{}`.
   * In by-time mode the top-level `weights`, `entropy`, `divergence` are `{}` and `n` is the total row count:
   * there is no single set of weights.
   */
  byTime: Record<string, EntropyWeightsGroup>;
}

/**
 * Entropy weights, pure numeric core: entropy, divergence and weights from normalized, non-negative columns
 * (one group). p_ij = y_ij / Σ_i y_ij, e_j = −(1/ln n) Σ_i p_ij ln p_ij with 0·ln 0 = 0, d_j = 1 − e_j,
 * w_j = d_j / Σ_k d_k. A column with Σ_i y_ij = 0 or flagged constant gets e_j = 1, d_j = 0.
 * Source: Shannon (1948); Zeleny (1982) — see {@link entropyWeights}.
 * @throws never (no validation; if every column is constant the weights are NaN — the wrapper refuses that)
 * @example
 * entropyCore([Float64Array.from([0, 0.5, 1]), Float64Array.from([1, 1, 1])], [false, true])
 * // { entropy: [0.579380164285695, 1], divergence: [0.42061983571430495, 0], weights: [1, 0] }
 */
export function entropyCore(y: Float64Array[], constant: boolean[]): { entropy: Float64Array; divergence: Float64Array; weights: Float64Array } {
  const m = y.length;
  const n = y[0].length;
  const k = 1 / Math.log(n);
  const entropy = new Float64Array(m);
  const divergence = new Float64Array(m);
  let dSum = 0;
  for (let j = 0; j < m; j++) {
    const col = y[j];
    let total = 0;
    for (let i = 0; i < n; i++) total += col[i];
    if (constant[j] || total === 0) {
      entropy[j] = 1;
      divergence[j] = 0;
      continue;
    }
    let s = 0;
    for (let i = 0; i < n; i++) {
      const p = col[i] / total;
      if (p > 0) s += p * Math.log(p);
    }
    entropy[j] = -k * s;
    divergence[j] = 1 - entropy[j];
    dSum += divergence[j];
  }
  const weights = new Float64Array(m);
  for (let j = 0; j < m; j++) weights[j] = divergence[j] / dSum;
  return { entropy, divergence, weights };
}

function record(columns: string[], v: Float64Array): Record<string, number> {
  const out: Record<string, number> = {};
  columns.forEach((c, j) => { out[c] = v[j]; });
  return out;
}

/**
 * Entropy weight method (熵值法 / 熵权法): objective indicator weights from the dispersion of each
 * indicator, and the weighted composite score of every row.
 * Steps: min–max normalization by direction (benefit "+" (x − min)/(max − min), cost "-" (max − x)/(max − min)),
 * plus `shift`; p_ij = y_ij / Σ_i y_ij; e_j = −k Σ_i p_ij ln p_ij with k = 1/ln n and 0·ln 0 = 0;
 * d_j = 1 − e_j; w_j = d_j / Σ d; score_i = Σ_j w_j y_ij.
 *
 * Constant indicators (all values equal in a group, zero variance): they carry no information, so their entropy
 * is 1, divergence 0 and weight 0 (listed in `constantColumns`); if every indicator is constant it is an error.
 * Negative raw values are fine (min–max maps them into [0, 1]).
 *
 * Panels — pooled versus year by year. With `time`, you must choose:
 * - `pooled: true`: min and max are taken over all region-years and one set of weights is estimated, so a
 *   score measures a level on one fixed scale and its change over time means something.
 * - `pooled: false`: min, max and the weights are recomputed in every year. Every year the best region scores
 *   (near) 1 on each indicator and the worst 0, whatever happened to the levels: a region whose indicators all
 *   double, as everybody's do, keeps the same score; and the index itself changes weights from year to year.
 *   Such scores rank regions within a year and nothing else.
 * A panel study that normalizes year by year and then reads the time path of the scores — or of a
 * coupling-coordination D built on them — as development or "improving coordination" draws a conclusion the
 * method cannot support; pooled normalization is the one consistent with a time trend. Its price: pooled scores
 * depend on the whole window (adding a year can move every score), so state the window with the results.
 *
 * Source: Shannon, C. E. (1948) "A mathematical theory of communication", *Bell System Technical Journal*
 * 27: 379–423 (entropy); Zeleny, M. (1982) *Multiple Criteria Decision Making*, McGraw-Hill (entropy weights);
 * Hwang, C.-L. & Yoon, K. (1981) *Multiple Attribute Decision Making*, Springer, §2.4.
 *
 * @param data danfo DataFrame or object of columns
 * @param columns the indicator columns (at least one)
 * @param options `direction` (required), `shift`, `time` and `pooled` for panels
 * @returns weights, entropy, divergence (keyed by column), per-row `scores` and `normalized` values,
 *   `constantColumns`, and per-period results in `byTime` when `pooled` is false
 * @throws on absent, missing or non-numeric columns; a missing direction; `time` without `pooled` (or
 *   `pooled: false` without `time`); a group with fewer than 2 rows; every indicator constant
 * @example
 * const r = entropyWeights({ x: [1, 2, 3, 4], y: [4, 3, 3, 1] }, ["x", "y"], { direction: { x: "+", y: "-" } });
 * r.weights // { x: 0.46230566272537366, y: 0.5376943372746263 }
 * r.scores  // Float64Array [0, 0.3333333333333333, 0.48743522090845787, 1]
 */
export function entropyWeights(data: DataInput, columns: string[], options: EntropyWeightsOptions): EntropyWeightsResult {
  const fn = "entropyWeights";
  const values = readColumns(fn, data, columns);
  const n = rowCount(data, fn);
  const settings = resolveNormalizeOptions(fn, columns, { method: "minmax", direction: options?.direction, shift: options?.shift, constant: "zero" });
  if (options.time !== undefined && options.pooled === undefined) {
    throw new Error(`${fn}: with a time column ("${options.time}") choose { pooled: true } (one normalization and one set of weights over all periods) or { pooled: false } (year by year); see the documentation for why it matters`);
  }
  if (options.time === undefined && options.pooled === false) {
    throw new Error(`${fn}: { pooled: false } (year by year) needs a time column: pass { time: "year" }`);
  }
  // group rows
  let groupKeys: string[] = [""];
  let groupRows: number[][] = [Array.from({ length: n }, (_, i) => i)];
  const mode: EntropyWeightsResult["mode"] = options.time === undefined ? "cross-section" : options.pooled ? "pooled" : "by-time";
  if (mode === "by-time") {
    rawColumn(data, options.time!, fn);
    const t = idColumn(data, options.time!, fn);
    const pos = new Map<string, number>();
    groupKeys = [];
    groupRows = [];
    for (let i = 0; i < n; i++) {
      let g = pos.get(t[i]);
      if (g === undefined) { g = groupKeys.length; pos.set(t[i], g); groupKeys.push(t[i]); groupRows.push([]); }
      groupRows[g].push(i);
    }
  } else if (mode === "pooled") {
    idColumn(data, options.time!, fn); // validates the time column has no missing values
  }
  const scores = new Float64Array(n);
  const normalized: Record<string, Float64Array> = {};
  columns.forEach((c) => { normalized[c] = new Float64Array(n); });
  const constantSet = new Set<string>();
  const byTime: Record<string, EntropyWeightsGroup> = {};
  let single: EntropyWeightsGroup | undefined;
  for (let g = 0; g < groupKeys.length; g++) {
    const rows = groupRows[g];
    const where = mode === "by-time" ? ` in ${options.time} ${groupKeys[g]}` : "";
    if (rows.length < 2) throw new Error(`${fn}: ${rows.length} row${rows.length === 1 ? "" : "s"}${where}; the entropy needs at least 2 (k = 1/ln n)`);
    const sub = values.map((x) => Float64Array.from(rows, (i) => x[i]));
    const { normalized: y, constantColumns } = normalizeColumns(fn, columns, sub, settings);
    const constant = columns.map((c) => constantColumns.includes(c));
    if (constant.every(Boolean)) throw new Error(`${fn}: every indicator is constant${where}: no weights can be derived`);
    constantColumns.forEach((c) => constantSet.add(c));
    const core = entropyCore(y, constant);
    rows.forEach((i, r) => {
      let s = 0;
      for (let j = 0; j < columns.length; j++) {
        normalized[columns[j]][i] = y[j][r];
        s += core.weights[j] * y[j][r];
      }
      scores[i] = s;
    });
    const group: EntropyWeightsGroup = { n: rows.length, weights: record(columns, core.weights), entropy: record(columns, core.entropy), divergence: record(columns, core.divergence) };
    if (mode === "by-time") byTime[groupKeys[g]] = group;
    else single = group;
  }
  return {
    mode,
    columns: [...columns],
    n,
    weights: single ? single.weights : {},
    entropy: single ? single.entropy : {},
    divergence: single ? single.divergence : {},
    scores,
    normalized,
    constantColumns: columns.filter((c) => constantSet.has(c)),
    byTime,
  };
}
