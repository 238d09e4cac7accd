import type { DataInput } from "../core/types";
import { rowCount } from "../core/data";
import { readColumns, resolveDirections, resolveWeights, rankDescending, rowIds, type DirectionSpec, type TieMethod } from "./internal";
import { normalizeCore } from "./normalize";

/** Options of {@link topsis}. */
export interface TopsisOptions {
  /** One weight per column (object keyed by column, or array in column order); must sum to 1 unless `rescaleWeights`. */
  weights: Record<string, number> | number[];
  /** "+" benefit (larger is better) or "-" cost, for all columns or per column. Required. */
  direction: DirectionSpec;
  /** "vector" (x / √Σx², Hwang & Yoon's choice; default) or "minmax" ((x − min)/(max − min)). */
  normalization?: "vector" | "minmax";
  /** Divide weights by their sum when they do not sum to 1 (default false: that is an error). */
  rescaleWeights?: boolean;
  /** Tie handling of ranks; default "min" (1, 2, 2, 4). */
  ties?: TieMethod;
  /** Optional column naming the alternatives (for `ids`). */
  id?: string;
}

/** Result of {@link topsis}. */
export interface TopsisResult {
  /** Alternative names (the `id` column) or "1", "2", … */
  ids: string[];
  /** Relative closeness to the ideal solution C_i = S⁻_i / (S⁺_i + S⁻_i), in [0, 1]; higher is better. */
  scores: Float64Array;
  /** Rank by score, 1 = best; ties as `ties` says. */
  ranks: Float64Array;
  /** Euclidean distance S⁺_i to the positive ideal solution. */
  distanceBest: Float64Array;
  /** Euclidean distance S⁻_i to the negative ideal solution. */
  distanceWorst: Float64Array;
  /** Positive ideal solution (weighted normalized), keyed by column. */
  idealBest: Record<string, number>;
  /** Negative ideal solution (weighted normalized), keyed by column. */
  idealWorst: Record<string, number>;
  /** The weights used (after any rescaling), keyed by column. */
  weights: Record<string, number>;
  normalization: "vector" | "minmax";
}

/**
 * TOPSIS — Technique for Order Preference by Similarity to Ideal Solution (逼近理想解排序法).
 * Steps: normalize each column (vector x/√Σx² by default, or min–max); weight, v_ij = w_j r_ij; the positive ideal
 * takes the best v of each column (max for "+", min for "-") and the negative ideal the worst; S⁺_i and S⁻_i are the
 * Euclidean distances to them; the score is the relative closeness C_i = S⁻_i / (S⁺_i + S⁻_i).
 *
 * Ties: scores within 1e-12 (relative) are tied and get the same rank ("min": 1, 2, 2, 4 by default; "average"
 * and "first" on request). A column whose values are all equal does not separate the alternatives: it adds 0 to
 * every distance (its normalized values are taken as 0 when its norm or range is 0). Weights must sum to 1
 * (within 1e-9) unless `rescaleWeights: true`.
 *
 * Source: Hwang, C.-L. & Yoon, K. (1981) *Multiple Attribute Decision Making: Methods and Applications*,
 * Springer, pp. 128–140; the test reproduces their fighter-aircraft example.
 *
 * @param data danfo DataFrame or object of columns, one row per alternative
 * @param columns the criteria
 * @param options `weights`, `direction` (required), `normalization`, `rescaleWeights`, `ties`, `id`
 * @returns scores (closeness), ranks, distances, ideal solutions and weights
 * @throws on absent, missing or non-numeric columns; missing, negative or non-finite weights; weights not summing
 *   to 1 without `rescaleWeights`; a missing direction; fewer than 2 alternatives; all alternatives identical
 * @example
 * const r = topsis({ a: [1, 2, 3], b: [3, 2, 1] }, ["a", "b"], { weights: { a: 0.5, b: 0.5 }, direction: { a: "+", b: "-" } });
 * r.scores // Float64Array [0, 0.5, 1];  r.ranks // Float64Array [3, 2, 1]
 */
export function topsis(data: DataInput, columns: string[], options: TopsisOptions): TopsisResult {
  const fn = "topsis";
  const values = readColumns(fn, data, columns);
  const n = rowCount(data, fn);
  if (n < 2) throw new Error(`${fn}: ${n} alternative${n === 1 ? "" : "s"}; ranking needs at least 2`);
  const directions = resolveDirections(fn, columns, options?.direction);
  const w = resolveWeights(fn, columns, options.weights, options.rescaleWeights ?? false);
  const normalization = options.normalization ?? "vector";
  if (normalization !== "vector" && normalization !== "minmax") throw new Error(`${fn}: normalization must be "vector" or "minmax" (got ${JSON.stringify(normalization)})`);
  const ids = rowIds(fn, data, options.id, n);
  const m = columns.length;
  const v = values.map((x, j) => {
    const r = new Float64Array(n);
    normalizeCore(x, normalization, "+", r); // constant column: r stays 0
    for (let i = 0; i < n; i++) r[i] *= w[j];
    return r;
  });
  const best = new Float64Array(m);
  const worst = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    let max = -Infinity;
    let min = Infinity;
    for (let i = 0; i < n; i++) { if (v[j][i] > max) max = v[j][i]; if (v[j][i] < min) min = v[j][i]; }
    best[j] = directions[j] === "+" ? max : min;
    worst[j] = directions[j] === "+" ? min : max;
  }
  const dBest = new Float64Array(n);
  const dWorst = new Float64Array(n);
  const scores = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sp = 0;
    let sm = 0;
    for (let j = 0; j < m; j++) {
      sp += (v[j][i] - best[j]) ** 2;
      sm += (v[j][i] - worst[j]) ** 2;
    }
    dBest[i] = Math.sqrt(sp);
    dWorst[i] = Math.sqrt(sm);
    if (dBest[i] + dWorst[i] === 0) throw new Error(`${fn}: all alternatives are identical on the weighted criteria; closeness is 0/0`);
    scores[i] = dWorst[i] / (dBest[i] + dWorst[i]);
  }
  const rec = (a: Float64Array) => Object.fromEntries(columns.map((c, j) => [c, a[j]]));
  return {
    ids, scores, ranks: rankDescending(scores, options.ties ?? "min"), distanceBest: dBest, distanceWorst: dWorst,
    idealBest: rec(best), idealWorst: rec(worst), weights: rec(w), normalization,
  };
}
