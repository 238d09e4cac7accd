import { toFloat64, valuesOf } from "../core/data";
import type { ColumnLike } from "../core/types";
import { fmt } from "./internal";

/**
 * Coupling-degree formulas:
 * - `"standard"`: C = n·(Π U_i)^{1/n} / Σ U_i, i.e. [Π U_i / (Σ U_i / n)^n]^{1/n}; for two subsystems
 *   C = 2√(U1·U2)/(U1 + U2). Range [0, 1].
 * - `"adjusted"`: C = [Π U_i / (Σ U_i / n)^n]^k with an adjustment exponent k (option `k`, required), the form
 *   with k ≥ 2 used after Liao Chongbin (1999). k = 1/n gives "standard".
 * - `"missing-coefficient"`: C = (Π U_i)^{1/n} / Σ U_i — the standard formula with the factor n lost, a
 *   misuse listed by Wang Shujia et al. (2021); its maximum is 1/n (0.5 for two subsystems). Offered only to
 *   reproduce published numbers that used it.
 * - `"wang2021"`: the corrected coupling degree of Wang Shujia et al. (2021),
 *   C = √{ [1 − Σ_{i<j} |U_i − U_j| / Σ_{m=1}^{n−1} m] · (Π_i U_i / max U)^{1/(n−1)} }; for two subsystems
 *   C = √[(1 − |U1 − U2|) · min(U1, U2)/max(U1, U2)]. Needs every U in [0, 1].
 */
export type CouplingVariant = "standard" | "adjusted" | "missing-coefficient" | "wang2021";

/** Two-subsystem input of {@link couplingCoordination}. */
export interface CouplingTwoInput {
  /** Scores of subsystem 1 (e.g. financial agglomeration), one per row; ≥ 0. */
  u1: ColumnLike;
  /** Scores of subsystem 2 (e.g. economic growth), one per row; ≥ 0. */
  u2: ColumnLike;
  /** Weight of U1 in T = αU1 + βU2; default 0.5. α + β must be 1. */
  alpha?: number;
  /** Weight of U2; default 0.5. */
  beta?: number;
  /** Coupling formula; default "standard". */
  variant?: CouplingVariant;
  /** Exponent for `variant: "adjusted"`. */
  k?: number;
}

/** n-subsystem input of {@link couplingCoordination}. */
export interface CouplingManyInput {
  /** Scores of n ≥ 2 subsystems, each one value per row; ≥ 0. */
  subsystems: ColumnLike[];
  /** Weights of the subsystems in T = Σ w_i U_i; default equal (1/n). Must sum to 1. */
  weights?: number[];
  /** Coupling formula; default "standard". */
  variant?: CouplingVariant;
  /** Exponent for `variant: "adjusted"`. */
  k?: number;
}

/** Result of {@link couplingCoordination}: one value per row. */
export interface CouplingCoordinationResult {
  /** Coupling degree C (耦合度). */
  C: Float64Array;
  /** Comprehensive coordination index T = Σ w_i U_i (综合协调指数). */
  T: Float64Array;
  /** Coupling coordination degree D = √(C·T) (耦合协调度). */
  D: Float64Array;
  /** The coupling formula used. */
  variant: CouplingVariant;
  /** The subsystem weights used in T. */
  weights: number[];
  /** Number of subsystems. */
  subsystems: number;
}

/**
 * Coupling degree C, pure numeric core, for one row of subsystem scores (formulas: see {@link CouplingVariant}).
 * Assumes validated input (U ≥ 0, not all 0; U ≤ 1; k > 0 for "adjusted").
 * Source: Wang Shujia et al. (2021), 自然资源学报 36(3): 793–810 — see {@link couplingCoordination}.
 * @throws never (no validation: see {@link couplingCoordination})
 * @example
 * couplingDegree([0.2, 0.8], "standard") // 0.8
 * couplingDegree([0.2, 0.8], "wang2021") // 0.3162277660168379
 */
export function couplingDegree(u: ArrayLike<number>, variant: CouplingVariant, k = NaN): number {
  const n = u.length;
  if (variant === "wang2021") {
    let max = 0;
    for (let i = 0; i < n; i++) if (u[i] > max) max = u[i];
    let gaps = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) gaps += Math.abs(u[i] - u[j]);
    const pairs = (n * (n - 1)) / 2; // Σ_{m=1}^{n−1} m
    let prod = 1;
    for (let i = 0; i < n; i++) prod *= u[i] / max;
    return Math.sqrt((1 - gaps / pairs) * Math.pow(prod, 1 / (n - 1)));
  }
  let sum = 0;
  let logProd = 0;
  let anyZero = false;
  for (let i = 0; i < n; i++) {
    sum += u[i];
    if (u[i] === 0) anyZero = true; else logProd += Math.log(u[i]);
  }
  if (anyZero) return 0;
  const geo = Math.exp(logProd / n); // (Π U)^{1/n}
  if (variant === "standard") return (n * geo) / sum;
  if (variant === "missing-coefficient") return geo / sum;
  // adjusted: [Π U / (Σ U / n)^n]^k = (n·geo/sum)^{n·k}
  return Math.pow((n * geo) / sum, n * k);
}

/**
 * Coupling coordination degree model (耦合协调度模型): coupling degree C, comprehensive coordination index
 * T and coupling coordination degree D = √(C·T) for two or more subsystems, row by row.
 * Two subsystems (集聚区范文篇3): C = 2√(U1·U2)/(U1 + U2), T = αU1 + βU2 with α = β = 0.5, D = √(C·T).
 * n subsystems: C = n·(Π U_i)^{1/n} / Σ U_i, T = Σ w_i U_i.
 *
 * What goes wrong in published work (Wang Shujia, Kong Wei, Ren Liang, Zhi Dandan & Dai Binting, 2021,
 * "国内耦合协调度模型的误区及修正 / Research on misuses and modification of coupling coordination degree
 * model in China", 自然资源学报 Journal of Natural Resources 36(3): 793–810, doi:10.31497/zrzyxb.20210319):
 * they classify the misuses as writing errors, lost coefficients (e.g. the factor 2 dropped, which caps C at 0.5 —
 * `variant: "missing-coefficient"`), misused weights, and the model's failure of validity, and propose a
 * corrected coupling degree (`variant: "wang2021"`). The validity problem is easy to see: with two subsystems the
 * standard C depends only on the ratio r = min(U1, U2)/max(U1, U2), C = 2√r/(1 + r), so it is crowded toward 1 —
 * C ≥ 0.9 whenever the weaker subsystem is at least 39.3% of the stronger (r ≥ 0.3929), C ≥ 0.8 for r ≥ 0.25 —
 * and it ignores the absolute gap: (0.01, 0.02) and (0.5, 1) get the same C = 0.9428. "Every region has C above
 * 0.90" (as 篇3 reports) is therefore close to automatic, not evidence of a tight relationship. The corrected C
 * multiplies in (1 − |U1 − U2|) and spreads over [0, 1]. The n-subsystem form of the correction follows the
 * formula as given in the R package `coupling` (Lyu, vignette "Coupling Coordination Degree Model").
 *
 * @param input `{ u1, u2, alpha?, beta?, variant?, k? }` or `{ subsystems: [u1, u2, …], weights?, variant?, k? }`;
 *   columns are arrays, typed arrays or danfo Series of equal length
 * @returns `{ C, T, D }` as Float64Array (input order), with the variant, weights and number of subsystems
 * @throws when a column is missing values, non-numeric, of unequal length or negative; when all subsystem
 *   scores of a row are 0 (C is 0/0 — shift the normalized indicators); when weights do not sum to 1 or are
 *   negative; when a score exceeds 1 (every variant: T and D are defined on normalized scores in [0, 1]); for `"adjusted"` without a positive `k`
 * @example
 * const r = couplingCoordination({ u1: [0.2, 0.5], u2: [0.8, 0.5] });
 * r.C // Float64Array [0.8, 1];  r.T // [0.5, 0.5];  r.D // [0.6324555320336759, 0.7071067811865476]
 */
export function couplingCoordination(input: CouplingTwoInput | CouplingManyInput): CouplingCoordinationResult {
  const fn = "couplingCoordination";
  if (input === undefined || input === null || typeof input !== "object") throw new Error(`${fn}: give { u1, u2 } or { subsystems: [...] }`);
  let cols: Float64Array[];
  let names: string[];
  let weights: number[];
  const many = "subsystems" in input;
  if (many) {
    const inp = input as CouplingManyInput;
    if (!Array.isArray(inp.subsystems) || inp.subsystems.length < 2) throw new Error(`${fn}: "subsystems" must list at least 2 columns of scores`);
    names = inp.subsystems.map((_, i) => `u${i + 1}`);
    cols = inp.subsystems.map((c, i) => toFloat64(valuesOf(c), names[i], fn));
    weights = inp.weights ?? cols.map(() => 1 / cols.length);
    if (weights.length !== cols.length) throw new Error(`${fn}: ${weights.length} weights for ${cols.length} subsystems`);
  } else {
    const inp = input as CouplingTwoInput;
    if (inp.u1 === undefined || inp.u2 === undefined) throw new Error(`${fn}: give both u1 and u2 (or { subsystems: [...] })`);
    names = ["u1", "u2"];
    cols = [toFloat64(valuesOf(inp.u1), "u1", fn), toFloat64(valuesOf(inp.u2), "u2", fn)];
    const alpha = inp.alpha ?? (inp.beta !== undefined ? 1 - inp.beta : 0.5);
    const beta = inp.beta ?? 1 - alpha;
    weights = [alpha, beta];
  }
  const variant: CouplingVariant = input.variant ?? "standard";
  if (!["standard", "adjusted", "missing-coefficient", "wang2021"].includes(variant)) {
    throw new Error(`${fn}: unknown variant ${JSON.stringify(variant)}; use "standard", "adjusted", "missing-coefficient" or "wang2021"`);
  }
  const k = input.k ?? NaN;
  if (variant === "adjusted" && !(typeof k === "number" && Number.isFinite(k) && k > 0)) {
    throw new Error(`${fn}: variant "adjusted" needs a positive exponent k (e.g. { k: 2 })`);
  }
  let wSum = 0;
  weights.forEach((w, i) => {
    if (typeof w !== "number" || !Number.isFinite(w) || w < 0) throw new Error(`${fn}: weight of ${names[i]} must be a finite number ≥ 0 (got ${w})`);
    wSum += w;
  });
  if (Math.abs(wSum - 1) > 1e-9) {
    throw new Error(`${fn}: subsystem weights ${many ? "" : "(alpha + beta) "}sum to ${fmt(wSum)}, not 1`);
  }
  const n = cols[0].length;
  cols.forEach((c, i) => { if (c.length !== n) throw new Error(`${fn}: ${names[i]} has ${c.length} values, ${names[0]} has ${n}`); });
  const m = cols.length;
  const C = new Float64Array(n);
  const T = new Float64Array(n);
  const D = new Float64Array(n);
  const row = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    let any = false;
    for (let j = 0; j < m; j++) {
      const v = cols[j][i];
      if (v < 0) throw new Error(`${fn}: ${names[j]} is negative (${fmt(v)}) at row ${i}; subsystem scores must be ≥ 0`);
      if (variant === "wang2021" && v > 1) throw new Error(`${fn}: ${names[j]} is ${fmt(v)} at row ${i}; variant "wang2021" needs scores in [0, 1]`);
      // every variant defines D on normalized scores: C ∈ [0, 1] always, but T (and so D) leaves [0, 1] when a score exceeds 1
      if (v > 1) throw new Error(`${fn}: ${names[j]} is ${fmt(v)} at row ${i}; subsystem scores must lie in [0, 1] (normalize the indicators first, e.g. with normalize or entropyWeights), otherwise D leaves [0, 1]`);
      if (v > 0) any = true;
      row[j] = v;
    }
    if (!any) throw new Error(`${fn}: every subsystem score is 0 at row ${i}, so C is 0/0; add a small shift to the normalized indicators (e.g. { shift: 0.0001 })`);
    C[i] = couplingDegree(row, variant, k);
    let t = 0;
    for (let j = 0; j < m; j++) t += weights[j] * row[j];
    T[i] = t;
    D[i] = Math.sqrt(C[i] * t);
  }
  return { C, T, D, variant, weights: [...weights], subsystems: m };
}
