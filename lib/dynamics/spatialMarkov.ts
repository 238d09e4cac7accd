import { checkOptionNames } from "../core/options";
import { SpatialWeights } from "../weights/SpatialWeights";
import { csrMatVec } from "../linalg/csr";
import type { ReportParts } from "../inference/fit";
import { makeResult } from "../report/modelSummary";
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
  report: ReportParts;
  summary(): string;
  toHTML(): string;
}

/**
 * Spatial Markov chain (Rey 2001): transitions of a unit's value class conditioned on the class of its spatial lag
 * (W y_t) at the start of the transition, as giddy's `Spatial_Markov` (fixed = True: classes from pooled quantiles
 * over all periods; quantiles R type 7, class j holds b_{j−1} < y ≤ b_j).
 *
 * Source: Rey, S. J. (2001) "Spatial empirics for economic growth and convergence", *Geographical Analysis* 33(3), 195–214.
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
  const report: ReportParts = {
    title: "Spatial Markov chain (conditioned on the spatial lag class)",
    header: [["Units", n], ["Periods", T], ["Transitions", transitions], ["Value classes", `${k} (breaks ${breaks.map((b) => b.toPrecision(4)).join(", ")})`],
      ["Lag classes", `${m} (breaks ${lagBreaks.map((b) => b.toPrecision(4)).join(", ")})`]],
    statistics: [],
    table: { caption: "Conditional transition probabilities (lag class, from class → to classes)", columns: ["lag class", "from", ...Array.from({ length: k }, (_, j) => `to ${j}`)],
      rows: conditional.flatMap((c, l) => c.P.map((row, i) => [String(l), String(i), ...row])) },
  };
  return makeResult<SpatialMarkovResult>({
    breaks, lagBreaks, counts, P, conditionalCounts: cc, conditionalP: conditional.map((c) => c.P),
    conditionalErgodic: summaries.map((s) => s.ergodic), conditionalEmpty: conditional.map((c) => c.empty),
    conditionalMeanFirstPassage: summaries.map((s) => s.meanFirstPassage), transitions, report,
  });
}
