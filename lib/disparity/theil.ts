import { checkOptionNames } from "../core/options";
import type { DataInput } from "../core/types";
import type { ReportParts } from "../inference/fit";
import { makeResult } from "../report/modelSummary";
import { groupedInput } from "./input";

/** Options of {@link theil}. */
export interface TheilOptions {
  /** The column measured (e.g. GDP per capita); every value > 0 (the indices take logs). */
  value: string;
  /** Optional group column for the within/between decomposition. */
  group?: string;
  /** Optional weight column (population): units count with their weight (population-weighted indices). */
  weight?: string;
}

/** The result of {@link theil}. */
export interface TheilResult {
  /** Theil T (GE(1)): Σ_i (w_i y_i / Σ w y) ln(y_i / μ). */
  T: number;
  /** Theil L (GE(0), mean log deviation): Σ_i (w_i / W) ln(μ / y_i). */
  L: number;
  /** Group labels (["all"] without a group). */
  groups: string[];
  /** T and L within each group. */
  groupT: Float64Array;
  groupL: Float64Array;
  /** Group population shares p_g, value shares s_g and means μ_g. */
  populationShares: Float64Array;
  valueShares: Float64Array;
  means: Float64Array;
  /** T = T_within + T_between with T_within = Σ s_g T_g and T_between = Σ s_g ln(μ_g / μ). */
  TWithin: number;
  TBetween: number;
  /** L = L_within + L_between with L_within = Σ p_g L_g and L_between = Σ p_g ln(μ / μ_g). */
  LWithin: number;
  LBetween: number;
  /** Weighted mean μ. */
  mean: number;
  /** "population" with a weight column, else "unweighted". */
  weighting: string;
  variable: string;
  report: ReportParts;
  summary(): string;
  toHTML(): string;
}

/**
 * Theil T and Theil L (泰尔指数) with their exact within/between-group decomposition.
 *
 * Definitions (Theil 1967; Shorrocks 1980): with weights w_i (population; 1 when no `weight`), W = Σ w,
 * μ = Σ w y / W: T = Σ (w_i y_i / Σ w y) ln(y_i / μ), L = Σ (w_i / W) ln(μ / y_i). By group g:
 * T = Σ s_g T_g + Σ s_g ln(μ_g / μ) (value shares s_g), L = Σ p_g L_g + Σ p_g ln(μ / μ_g) (population shares p_g).
 * Unweighted, L is REAT's `theil` (Stoermann 2009 formulation) and T is PySAL inequality's `Theil`.
 *
 * Source: Theil, H. (1967) *Economics and Information Theory*; Shorrocks, A. F. (1980) "The class of additively
 * decomposable inequality measures", *Econometrica* 48(3), 613–625.
 * @param data danfo DataFrame or object of columns, one row per unit
 * @param options `value`, optional `group`, optional `weight`
 * @throws `theil: column "gdppc" has a non-positive value (row 3: 0); the measure takes logs`;
 *   `theil: weight column "pop" has a negative value (row 2: -1)`; unknown option names
 * @example
 * theil({ y: [10, 10, 10, 20, 50] }, { value: "y" }).L // 0.2326302 (REAT theil, Stoermann 2009 example)
 */
export function theil(data: DataInput, options: TheilOptions): TheilResult {
  const fn = "theil";
  checkOptionNames(options, ["value", "group", "weight"], fn);
  if (!options) throw new Error(`${fn}: options { value } are required`);
  const { y, w, g, groups } = groupedInput(fn, data, options?.value, options.group, options.weight, "positive");
  const k = groups.length;
  const Wg = new Float64Array(k), Sg = new Float64Array(k);
  for (let i = 0; i < y.length; i++) { Wg[g[i]] += w[i]; Sg[g[i]] += w[i] * y[i]; }
  let W = 0, S = 0;
  for (let j = 0; j < k; j++) { W += Wg[j]; S += Sg[j]; }
  const mu = S / W;
  const means = Float64Array.from(Wg, (v, j) => Sg[j] / v);
  const groupT = new Float64Array(k), groupL = new Float64Array(k);
  let T = 0, L = 0;
  for (let i = 0; i < y.length; i++) {
    const j = g[i];
    groupT[j] += (w[i] * y[i] / Sg[j]) * Math.log(y[i] / means[j]);
    groupL[j] += (w[i] / Wg[j]) * Math.log(means[j] / y[i]);
    T += (w[i] * y[i] / S) * Math.log(y[i] / mu);
    L += (w[i] / W) * Math.log(mu / y[i]);
  }
  const p = Float64Array.from(Wg, (v) => v / W), s = Float64Array.from(Sg, (v) => v / S);
  let TWithin = 0, TBetween = 0, LWithin = 0, LBetween = 0;
  for (let j = 0; j < k; j++) {
    TWithin += s[j] * groupT[j]; TBetween += s[j] * Math.log(means[j] / mu);
    LWithin += p[j] * groupL[j]; LBetween += p[j] * Math.log(mu / means[j]);
  }
  const weighting = options.weight ? "population" : "unweighted";
  const report: ReportParts = {
    title: "Theil indices with within/between decomposition",
    header: [["Variable", options.value], ["Weighting", options.weight ? `population-weighted ("${options.weight}")` : "unweighted (each unit counts once)"],
      ["Groups", options.group ? `${k} (${options.group})` : "none"], ["n", y.length]],
    statistics: [["Theil T", T], ["Theil L", L], ["T within", TWithin], ["T between", TBetween], ["L within", LWithin], ["L between", LBetween]],
    table: {
      caption: "By group",
      columns: ["group", "population share", "value share", "mean", "T", "L"],
      rows: groups.map((name, j) => [name, p[j], s[j], means[j], groupT[j], groupL[j]]),
    },
  };
  return makeResult<TheilResult>({
    T, L, groups, groupT, groupL, populationShares: p, valueShares: s, means, TWithin, TBetween, LWithin, LBetween,
    mean: mu, weighting, variable: options.value, report,
  });
}
