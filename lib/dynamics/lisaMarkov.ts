import { checkOptionNames } from "../core/options";
import { SpatialWeights } from "../weights/SpatialWeights";
import { csrMatVec } from "../linalg/csr";
import type { LocalMoranQuadrant } from "../spatial/localMoran";
import { markov, transitionChiSquare, type MarkovResult } from "./markov";

/** Options of {@link lisaMarkov}. */
export interface LisaMarkovOptions {
  /** A quadrant never left gets p_ii = 1 (default false). */
  fillEmpty?: boolean;
}

/** The result of {@link lisaMarkov}: a {@link MarkovResult} over the quadrants plus the quadrant of each unit and year. */
export interface LisaMarkovResult extends MarkovResult {
  /** quadrants[i][t]: the Moran-scatterplot quadrant of unit i in period t. */
  quadrants: LocalMoranQuadrant[][];
  /** Share of transitions that move both the unit and its lag across the mean at once ("co-movement", Rey 2001 type III). */
  jointMoveShare: number;
  /**
   * Test that the unit's moves and its lag's moves are independent (giddy's `LISA_Markov.chi_2`, Rey 2001): two
   * 2-state chains, own value below the period mean or not and lag below the mean or not, give the expected
   * quadrant transitions n_i· (P_own ⊗ P_lag); `chi2`, `df`, `p` from {@link transitionChiSquare}, `expected` 4 × 4.
   */
  independence: { chi2: number; df: number; p: number; expected: number[][] };
}

/**
 * LISA Markov chain (space–time LISA transitions): each unit's Moran-scatterplot quadrant (HH, LH, LL, HL: value and
 * spatial lag above or below the period's mean) in each period, and the Markov chain of quadrant transitions, as
 * giddy's `LISA_Markov` (Rey 2001; Rey & Janikas 2006). States are ordered HH, LH, LL, HL (giddy's 1–4).
 * Quadrants, counts, P and the ergodic distribution reproduce giddy's documented US-income example
 * (test/markov.giddy.test.ts). The independence test differs from giddy's `chi_2` on purpose: giddy forms its two
 * 2-state chains on the transposed array (each unit against its own time mean, transitions across units within a
 * year); here they are the unit's and its lag's position against the period mean, followed over time.
 *
 * Source: Rey, S. J. (2001) "Spatial empirics for economic growth and convergence", *Geographical Analysis* 33(3);
 * Rey, S. J. & Janikas, M. V. (2006) "STARS: Space–time analysis of regional systems", *Geographical Analysis* 38(1).
 * @param values units × periods numbers, rows in `w.ids` order
 * @param w spatial weights (row-standardized usually), every unit with neighbours
 * @param options fillEmpty (false)
 * @throws `lisaMarkov: 30 rows but the weights have 31 regions`; `lisaMarkov: period 3 is constant`; islands
 * @example lisaMarkov(rows, w.standardize("W")).states // ["HH", "LH", "LL", "HL"]
 */
export function lisaMarkov(values: ArrayLike<ArrayLike<number>>, w: SpatialWeights, options: LisaMarkovOptions = {}): LisaMarkovResult {
  const fn = "lisaMarkov";
  checkOptionNames(options, ["fillEmpty"], fn);
  if (!(w instanceof SpatialWeights)) throw new Error(`${fn}: the second argument must be a SpatialWeights`);
  const rows = Array.from(values, (r) => Array.from(r));
  const n = rows.length;
  if (n !== w.n) throw new Error(`${fn}: ${n} rows but the weights have ${w.n} regions`);
  if (w.islands.length > 0) throw new Error(`${fn}: ${w.islands.length} regions have no neighbours (${w.islands.slice(0, 10).join(", ")}); their lag is undefined`);
  const T = rows[0]?.length ?? 0;
  if (T < 2) throw new Error(`${fn}: need at least 2 periods, got ${T}`);
  rows.forEach((r, i) => {
    if (r.length !== T) throw new Error(`${fn}: row ${i} has ${r.length} periods, row 0 has ${T}`);
    r.forEach((v, t) => { if (typeof v !== "number" || !Number.isFinite(v)) throw new Error(`${fn}: row ${i}, period ${t} is not a finite number`); });
  });
  const csr = w.toCSR();
  const quadrants: LocalMoranQuadrant[][] = rows.map(() => new Array(T));
  // own value and raw lag below the period mean or not (giddy's r < 1 and rlag < 1 for positive values), for the independence test
  const own: string[][] = rows.map(() => new Array(T)), lagged: string[][] = rows.map(() => new Array(T));
  for (let t = 0; t < T; t++) {
    const x = Float64Array.from(rows, (r) => r[t]);
    const m = x.reduce((a, b) => a + b, 0) / n;
    const z = x.map((v) => v - m);
    if (z.every((v) => Math.abs(v) <= 1e-14 * Math.max(1, Math.abs(m)))) throw new Error(`${fn}: period ${t} is constant`);
    const lag = csrMatVec(csr, z), rawLag = csrMatVec(csr, x);
    for (let i = 0; i < n; i++) {
      quadrants[i][t] = ((z[i] > 0 ? "H" : "L") + (lag[i] > 0 ? "H" : "L")) as LocalMoranQuadrant;
      own[i][t] = x[i] < m ? "L" : "H";
      lagged[i][t] = rawLag[i] < m ? "L" : "H";
    }
  }
  const pOwn = markov(own, { states: ["H", "L"] }).P, pLag = markov(lagged, { states: ["H", "L"] }).P;
  const chain = markov(quadrants, { states: ["HH", "LH", "LL", "HL"], fillEmpty: options.fillEmpty ?? false });
  let joint = 0;
  for (const q of quadrants) for (let t = 1; t < T; t++) if (q[t][0] !== q[t - 1][0] && q[t][1] !== q[t - 1][1]) joint++;
  const jointMoveShare = joint / chain.transitions;
  // quadrant s = (own a_s, lag b_s), 0 = H, 1 = L: HH (0, 0), LH (1, 0), LL (1, 1), HL (0, 1)
  const ab = [[0, 0], [1, 0], [1, 1], [0, 1]];
  const null4 = ab.map(([a, b], s) => ab.map(([a2, b2]) => chain.counts[s].reduce((x, y) => x + y, 0) * pOwn[a][a2] * pLag[b][b2]));
  const independence = transitionChiSquare(chain.counts, null4);
  const report = { ...chain.report, title: "LISA Markov chain (Moran-scatterplot quadrant transitions)",
    header: [...chain.report.header, ["Joint moves (unit and lag cross the mean together)", `${joint} of ${chain.transitions}`] as [string, string]],
    statistics: [["Independence of own and lag moves: chi-square", independence.chi2], ["df", independence.df], ["p", independence.p]] as [string, number][] };
  return Object.setPrototypeOf({ ...chain, quadrants, jointMoveShare, independence, report }, Object.getPrototypeOf(chain)) as LisaMarkovResult;
}
