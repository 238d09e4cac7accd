import { formatNumber } from "../report/format";
import { checkOptionNames } from "../core/options";
import { SpatialWeights } from "../weights/SpatialWeights";
import { csrMatVec } from "../linalg/csr";
import type { ReportParts } from "../inference/fit";
import { makeResult } from "../report/modelSummary";
import { chiSquaredUpper } from "../distributions/cdf";
import { classify, quantileBreaks } from "./classify";
import { chainSummaries, transitionMatrix } from "./markov";

/** Options of {@link spatialMarkov}. */
export interface SpatialMarkovOptions {
  /** Number of value classes by pooled quantiles (default 5), or give `breaks`. */
  k?: number;
  /** Number of lag classes by pooled quantiles of the spatial lag (default k), or give `lagBreaks`. */
  m?: number;
  /** User breaks of the value classes (upper bounds, increasing; k = breaks.length + 1). */
  breaks?: number[];
  /** User breaks of the lag classes. */
  lagBreaks?: number[];
  /** Empty states get p_ii = 1 (default false: their row stays 0). */
  fillEmpty?: boolean;
}

/** The result of {@link spatialMarkov}. */
export interface SpatialMarkovResult {
  /** Value breaks and lag breaks used. */
  breaks: number[];
  lagBreaks: number[];
  /** Pooled (a-spatial) counts and P, k × k. */
  counts: number[][];
  P: number[][];
  /** Conditional counts and P given the lag class at the start of the transition: m matrices k × k. */
  conditionalCounts: number[][][];
  conditionalP: number[][][];
  /** Per lag class: ergodic distribution (null when that chain is not irreducible) and empty states (value-class indices). */
  conditionalErgodic: (number[] | null)[];
  conditionalEmpty: number[][];
  /** Mean first passage times per lag class (null when not irreducible). */
  conditionalMeanFirstPassage: (number[][] | null)[];
  transitions: number;
  /**
   * Homogeneity of the conditional matrices (Bickenbach & Bode 2003): Q = Σ_l Σ_i Σ_j n_li (p_lij − p_ij)² / p_ij and
   * LR = 2 Σ_l Σ_i Σ_j n_lij ln(p_lij / p_ij) over cells with p_ij > 0 (and n_lij > 0 for LR), df = Σ_i (a_i − 1)(b_i − 1)
   * with a_i the lag classes observed leaving class i and b_i the classes reached from i in the pooled matrix.
   */
  homogeneity: { Q: number; LR: number; df: number; pQ: number; pLR: number };
  report: ReportParts;
  summary(): string;
  toHTML(): string;
}

/**
 * Spatial Markov chain (Rey 2001): transitions of a unit's value class conditioned on the class of its spatial lag
 * (W y_t) at the start of the transition, as giddy's `Spatial_Markov` (fixed = True: classes from pooled quantiles
 * over all periods; quantiles R type 7, class j holds b_{j−1} < y ≤ b_j).
 * Cutoffs, conditional matrices, their ergodic distributions and first mean passage times, Q, LR and df reproduce
 * giddy's documented US-income example, with pooled quantiles and with user cutoffs (test/markov.giddy.test.ts).
 *
 * Source: Rey, S. J. (2001) "Spatial empirics for economic growth and convergence", *Geographical Analysis* 33(3), 195–214;
 * Bickenbach, F. & Bode, E. (2003) "Evaluating the Markov property in studies of economic convergence",
 * *International Regional Science Review* 26(3), 363–392 (homogeneity tests).
 * @param values units × periods numbers, rows in `w.ids` order (e.g. relative GDP per capita, value / yearly mean)
 * @param w spatial weights (row-standardized usually), every unit with neighbours
 * @param options k (5), m (k), breaks, lagBreaks, fillEmpty (false)
 * @throws `spatialMarkov: 30 rows but the weights have 31 regions`; `spatialMarkov: row 3, period 2 is not a finite number`;
 *   `spatialMarkov: 2 regions have no neighbours`
 * @example spatialMarkov(rows, w.standardize("W"), { k: 4 }).conditionalP.length // 4
 */
export function spatialMarkov(values: ArrayLike<ArrayLike<number>>, w: SpatialWeights, options: SpatialMarkovOptions = {}): SpatialMarkovResult {
  const fn = "spatialMarkov";
  checkOptionNames(options, ["k", "m", "breaks", "lagBreaks", "fillEmpty"], fn);
  if (!(w instanceof SpatialWeights)) throw new Error(`${fn}: the second argument must be a SpatialWeights`);
  const rows = Array.from(values, (r) => Array.from(r));
  const n = rows.length;
  if (n !== w.n) throw new Error(`${fn}: ${n} rows but the weights have ${w.n} regions`);
  if (w.islands.length > 0) throw new Error(`${fn}: ${w.islands.length} regions have no neighbours (${w.islands.slice(0, 10).join(", ")}); their lag is undefined`);
  const T = rows[0].length;
  if (T < 2) throw new Error(`${fn}: need at least 2 periods, got ${T}`);
  rows.forEach((r, i) => {
    if (r.length !== T) throw new Error(`${fn}: row ${i} has ${r.length} periods, row 0 has ${T}`);
    r.forEach((v, t) => { if (typeof v !== "number" || !Number.isFinite(v)) throw new Error(`${fn}: row ${i}, period ${t} is not a finite number`); });
  });
  const csr = w.toCSR();
  const lags = Array.from({ length: T }, (_, t) => csrMatVec(csr, Float64Array.from(rows, (r) => r[t])));
  const pooled = rows.flat();
  const pooledLag = lags.flatMap((l) => Array.from(l));
  const breaks = options.breaks ?? quantileBreaks(pooled, options.k ?? 5);
  const lagBreaks = options.lagBreaks ?? quantileBreaks(pooledLag, options.m ?? options.k ?? 5);
  const k = breaks.length + 1, m = lagBreaks.length + 1;
  const cls = Array.from({ length: T }, (_, t) => classify(Float64Array.from(rows, (r) => r[t]), breaks));
  const lcls = lags.map((l) => classify(l, lagBreaks));
  const counts = Array.from({ length: k }, () => new Array(k).fill(0));
  const cc = Array.from({ length: m }, () => Array.from({ length: k }, () => new Array(k).fill(0)));
  let transitions = 0;
  for (let t = 1; t < T; t++) for (let i = 0; i < n; i++) {
    const a = cls[t - 1][i], b = cls[t][i];
    counts[a][b]++;
    cc[lcls[t - 1][i]][a][b]++;
    transitions++;
  }
  const fill = options.fillEmpty ?? false;
  const P = transitionMatrix(counts, fill).P;
  const conditional = cc.map((c) => transitionMatrix(c, fill));
  const summaries = conditional.map((c) => chainSummaries(c.P));
  let Q = 0, LR = 0, df = 0;
  for (let i = 0; i < k; i++) {
    let a = 0;
    const b = P[i].filter((p) => p > 0).length;
    for (let l = 0; l < m; l++) {
      const nli = cc[l][i].reduce((x, y) => x + y, 0);
      if (nli === 0) continue;
      a++;
      for (let j = 0; j < k; j++) {
        if (!(P[i][j] > 0)) continue;
        const plij = cc[l][i][j] / nli;
        Q += (nli * (plij - P[i][j]) ** 2) / P[i][j];
        if (cc[l][i][j] > 0) LR += 2 * cc[l][i][j] * Math.log(plij / P[i][j]);
      }
    }
    if (a > 0 && b > 0) df += (a - 1) * (b - 1);
  }
  const homogeneity = { Q, LR, df, pQ: df > 0 ? chiSquaredUpper(Q, df) : NaN, pLR: df > 0 ? chiSquaredUpper(LR, df) : NaN };
  const report: ReportParts = {
    title: "Spatial Markov chain (conditioned on the spatial lag class)",
    header: [["Units", n], ["Periods", T], ["Transitions", transitions], ["Value classes", `${k} (breaks ${breaks.map((b) => formatNumber(b, 4)).join(", ")})`],
      ["Lag classes", `${m} (breaks ${lagBreaks.map((b) => formatNumber(b, 4)).join(", ")})`]],
    statistics: [["Homogeneity Q (Bickenbach–Bode)", Q], ["LR", LR], ["df", df], ["p (Q)", homogeneity.pQ], ["p (LR)", homogeneity.pLR]],
    table: { caption: "Conditional transition probabilities (lag class, from class → to classes)", columns: ["lag class", "from", ...Array.from({ length: k }, (_, j) => `to ${j}`)],
      rows: conditional.flatMap((c, l) => c.P.map((row, i) => [String(l), String(i), ...row])) },
  };
  return makeResult<SpatialMarkovResult>({
    breaks, lagBreaks, counts, P, conditionalCounts: cc, conditionalP: conditional.map((c) => c.P),
    conditionalErgodic: summaries.map((s) => s.ergodic), conditionalEmpty: conditional.map((c) => c.empty),
    conditionalMeanFirstPassage: summaries.map((s) => s.meanFirstPassage), transitions, homogeneity, report,
  });
}
