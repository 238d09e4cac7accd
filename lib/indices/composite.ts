import type { DataInput } from "../core/types";
import { rowCount } from "../core/data";
import { readColumns, resolveWeights, rankDescending, rowIds, type DirectionSpec, type TieMethod } from "./internal";
import { normalizeColumns, resolveNormalizeOptions, type NormalizeMethod } from "./normalize";

/** Options of {@link composite}. */
export interface CompositeOptions {
  /** One weight per column (object keyed by column, or array in column order); must sum to 1 unless `rescaleWeights`. */
  weights: Record<string, number> | number[];
  /** "+" benefit or "-" cost, for all columns or per column. Required. */
  direction: DirectionSpec;
  /** "minmax" (default) or "zscore" ("vector" keeps cost indicators unflipped and is refused for "-"). */
  normalization?: NormalizeMethod;
  /** Constant added after normalization; default 0. */
  shift?: number;
  /** Divide weights by their sum when they do not sum to 1 (default false: that is an error). */
  rescaleWeights?: boolean;
  /** Tie handling of ranks; default "min" (1, 2, 2, 4). */
  ties?: TieMethod;
  /** Optional column naming the rows (for `ids`). */
  id?: string;
}

/** Result of {@link composite}. */
export interface CompositeResult {
  ids: string[];
  /** Σ_j w_j y_ij per row. */
  scores: Float64Array;
  /** 1 = highest score. */
  ranks: Float64Array;
  /** Normalized values by column. */
  normalized: Record<string, Float64Array>;
  /** Weights used, keyed by column. */
  weights: Record<string, number>;
}

/**
 * Weighted composite index (综合指数 / linear weighted sum): normalize each indicator by direction
 * (min–max by default), then score_i = Σ_j w_j y_ij with user weights (e.g. from {@link entropyWeights},
 * expert weights, or equal weights), and rank. Use it to see how ranks move when the weights change.
 *
 * Ties: scores within 1e-12 (relative) share a rank ("min" by default: 1, 2, 2, 4). An indicator with zero
 * range is an error (it cannot be min–max normalized). Weights must sum to 1 (within 1e-9) unless
 * `rescaleWeights: true`.
 *
 * Source: OECD/JRC (2008) *Handbook on Constructing Composite Indicators: Methodology and User Guide*, OECD
 * Publishing, §5–6 (normalization, linear aggregation).
 *
 * @param data danfo DataFrame or object of columns
 * @param columns the indicators
 * @param options `weights`, `direction` (required), `normalization`, `shift`, `rescaleWeights`, `ties`, `id`
 * @returns scores, ranks, normalized values and weights
 * @throws on absent, missing or non-numeric columns, bad weights, a missing direction, or a constant column
 * @example
 * composite({ a: [1, 2, 3], b: [3, 1, 2] }, ["a", "b"], { weights: [0.6, 0.4], direction: "+" }).scores
 * // Float64Array [0.4, 0.3, 0.8]
 */
export function composite(data: DataInput, columns: string[], options: CompositeOptions): CompositeResult {
  const fn = "composite";
  const values = readColumns(fn, data, columns);
  const n = rowCount(data, fn);
  if (n === 0) throw new Error(`${fn}: the table has no rows`);
  const settings = resolveNormalizeOptions(fn, columns, { method: options?.normalization ?? "minmax", direction: options?.direction, shift: options?.shift, constant: "error" });
  const w = resolveWeights(fn, columns, options.weights, options.rescaleWeights ?? false);
  const { normalized } = normalizeColumns(fn, columns, values, settings);
  const scores = new Float64Array(n);
  for (let j = 0; j < columns.length; j++) for (let i = 0; i < n; i++) scores[i] += w[j] * normalized[j][i];
  return {
    ids: rowIds(fn, data, options.id, n),
    scores,
    ranks: rankDescending(scores, options.ties ?? "min"),
    normalized: Object.fromEntries(columns.map((c, j) => [c, normalized[j]])),
    weights: Object.fromEntries(columns.map((c, j) => [c, w[j]])),
  };
}
