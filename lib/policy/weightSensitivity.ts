import type { DataInput } from "../core/types";
import { topsis } from "../indices/topsis";
import type { DirectionSpec } from "../indices/internal";
import { rng as makeRng, type Rng } from "../random/rng";

/**
 * A weight vector drawn uniformly from the simplex {w : w_j ≥ 0, Σ w_j = 1}, i.e. a Dirichlet(1, …, 1) draw:
 * k independent standard exponentials E_j = −ln(1 − U_j), divided by their sum.
 *
 * Source: Devroye, L. (1986) *Non-Uniform Random Variate Generation*, Springer, ch. V.2 (uniform spacings /
 * normalised exponentials give the uniform distribution on the simplex).
 *
 * @param k number of weights, an integer ≥ 2
 * @param r a seeded generator from `lib/random` (`rng(seed)`); advanced by k draws
 * @returns `Float64Array` of k non-negative weights summing to 1
 * @throws when k is not an integer ≥ 2 or `r` is not a generator
 * @example
 * const w = uniformSimplexWeights(3, rng(1));
 * w.length // 3;  w[0] + w[1] + w[2] // 1 (to rounding)
 */
export function uniformSimplexWeights(k: number, r: Rng): Float64Array {
  const fn = "uniformSimplexWeights";
  if (!Number.isInteger(k) || k < 2) throw new Error(`${fn}: k must be an integer ≥ 2 (got ${String(k)})`);
  if (!r || typeof r.next !== "function") throw new Error(`${fn}: r must be a generator from lib/random (rng(seed))`);
  const w = new Float64Array(k);
  let s = 0;
  for (let j = 0; j < k; j++) { w[j] = -Math.log(1 - r.next()); s += w[j]; }
  for (let j = 0; j < k; j++) w[j] /= s;
  return w;
}

/** Options of {@link topsisWeightSensitivity}. */
export interface WeightSensitivityOptions {
  /** "+" (larger is better) or "-" for all columns, or per column, as in `topsis`. Required. */
  direction: DirectionSpec;
  /** Number of random weight vectors, an integer ≥ 1. Required (inference settings are explicit). */
  draws: number;
  /** Seed of the generator (`lib/random`). Required. */
  seed: number;
  /** Column naming the alternatives, as in `topsis`. */
  id?: string;
  /** Normalization of `topsis` ("vector", default, or "minmax"). */
  normalization?: "vector" | "minmax";
}

/** Result of {@link topsisWeightSensitivity}: rank statistics per alternative over the draws. */
export interface WeightSensitivityResult {
  /** Alternative names, in data order. */
  ids: string[];
  columns: string[];
  draws: number;
  seed: number;
  /** `ranks[i][d]`: rank of alternative i under draw d (1 = best; ties "min"). */
  ranks: Float64Array[];
  /** `weights[d]`: the weight vector of draw d, in column order. */
  weights: Float64Array[];
  /** Best (smallest) rank of each alternative over the draws. */
  bestRank: Float64Array;
  /** Worst (largest) rank. */
  worstRank: Float64Array;
  /** Worst − best: how many places the weights alone can move the alternative. */
  span: Float64Array;
  /** Median rank (mean of the two middle values when `draws` is even). */
  medianRank: Float64Array;
  /** Share of draws in which the alternative ranks first. */
  shareFirst: Float64Array;
}

/**
 * Sensitivity of TOPSIS ranks to the weights (权重敏感性): draw `draws` weight vectors uniformly from the simplex
 * (Dirichlet(1, …, 1), {@link uniformSimplexWeights}), rank the alternatives by TOPSIS under each, and report every
 * alternative's best, worst and median rank and how often it ranks first. A rank that stays put over all draws does
 * not depend on the weighting; a large span means the composite ranking is a choice of weights as much as a
 * property of the alternatives.
 *
 * Source: the Monte Carlo weight-space exploration of stochastic multicriteria acceptability analysis (SMAA),
 * Lahdelma, R., Hokkanen, J. & Salminen, P. (1998) "SMAA — Stochastic multiobjective acceptability analysis",
 * European Journal of Operational Research 106(1): 137–143 (uniform weights on the simplex, rank acceptability);
 * TOPSIS as in `lib/indices/topsis` (Hwang & Yoon 1981).
 *
 * @param data danfo DataFrame or object of columns, one row per alternative
 * @param columns the criteria (at least 2)
 * @param options `direction`, `draws`, `seed` (required); `id`, `normalization`
 * @returns ranks per draw and rank statistics per alternative
 * @throws when fewer than 2 columns are given, `draws` is not an integer ≥ 1, the seed is not an integer, or
 *   `topsis` rejects the data (missing values, fewer than 2 alternatives …)
 * @example
 * const s = topsisWeightSensitivity({ zone: ["a", "b", "c"], x: [3, 2, 1], y: [3, 1, 2] }, ["x", "y"],
 *   { direction: "+", draws: 200, seed: 1, id: "zone" });
 * s.bestRank  // Float64Array [1, 2, 2]  ("a" dominates: first under every weighting)
 * s.worstRank // Float64Array [1, 3, 3]
 */
export function topsisWeightSensitivity(data: DataInput, columns: string[], options: WeightSensitivityOptions): WeightSensitivityResult {
  const fn = "topsisWeightSensitivity";
  if (!Array.isArray(columns) || columns.length < 2) throw new Error(`${fn}: give at least 2 criteria columns (got ${Array.isArray(columns) ? columns.length : String(columns)})`);
  if (!options || options.direction === undefined) throw new Error(`${fn}: options.direction is required ("+" or "-", or one per column)`);
  const { draws, seed } = options;
  if (!Number.isInteger(draws) || draws < 1) throw new Error(`${fn}: draws must be an integer ≥ 1 (got ${String(draws)})`);
  if (!Number.isInteger(seed)) throw new Error(`${fn}: seed must be an integer (got ${String(seed)})`);
  const r = makeRng(seed);
  const k = columns.length;
  let ids: string[] = [];
  let ranks: Float64Array[] = [];
  const weights: Float64Array[] = [];
  for (let d = 0; d < draws; d++) {
    const w = uniformSimplexWeights(k, r);
    weights.push(w);
    const t = topsis(data, columns, { weights: Array.from(w), direction: options.direction, rescaleWeights: true, id: options.id, normalization: options.normalization });
    if (d === 0) { ids = t.ids; ranks = ids.map(() => new Float64Array(draws)); }
    for (let i = 0; i < ids.length; i++) ranks[i][d] = t.ranks[i];
  }
  const n = ids.length;
  const bestRank = new Float64Array(n), worstRank = new Float64Array(n), span = new Float64Array(n);
  const medianRank = new Float64Array(n), shareFirst = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = Float64Array.from(ranks[i]).sort();
    bestRank[i] = s[0];
    worstRank[i] = s[draws - 1];
    span[i] = worstRank[i] - bestRank[i];
    medianRank[i] = draws % 2 === 1 ? s[(draws - 1) / 2] : (s[draws / 2 - 1] + s[draws / 2]) / 2;
    let first = 0;
    for (let d = 0; d < draws; d++) if (ranks[i][d] === 1) first++;
    shareFirst[i] = first / draws;
  }
  return { ids, columns: [...columns], draws, seed, ranks, weights, bestRank, worstRank, span, medianRank, shareFirst };
}
