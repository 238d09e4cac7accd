import { checkOptionNames } from "../core/options";
import { isMissing } from "../core/data";
import { inverseGeneral } from "../linalg/cholesky";
import type { ReportParts } from "../inference/fit";
import { makeResult } from "../report/modelSummary";
import { chiSquaredUpper } from "../distributions/cdf";

/** Options of {@link markov}. */
export interface MarkovOptions {
  /** State labels in order (default: the labels seen, sorted as strings, or numerically when all are numbers). */
  states?: (string | number)[];
  /** A state never left (no observed transition out) gets p_ii = 1 (giddy's `fill_empty_classes`); default false: its row stays 0. */
  fillEmpty?: boolean;
}

/** The result of {@link markov}. */
export interface MarkovResult {
  /** State labels, index order of every matrix. */
  states: string[];
  /** Transition counts, k × k (row: from, column: to). */
  counts: number[][];
  /** Transition probabilities: counts divided by row totals (rows with no transitions: 0, or p_ii = 1 with fillEmpty). */
  P: number[][];
  /** States with no observed transition out. */
  emptyStates: string[];
  /** True when every state reaches every other (then `ergodic` and `meanFirstPassage` are defined). */
  irreducible: boolean;
  /** Ergodic (steady-state) distribution π with πP = π, Σπ = 1; null unless irreducible. */
  ergodic: number[] | null;
  /** Mean first passage times m_ij (expected steps from i to first reach j); diagonal = mean recurrence time 1/π_i; null unless irreducible. */
  meanFirstPassage: number[][] | null;
  /** Number of transitions counted. */
  transitions: number;
  report: ReportParts;
  summary(): string;
  toHTML(): string;
}

/** π = 1'(I − P + J)⁻¹ (J all ones), valid for an irreducible chain (Kemeny & Snell 1960, *Finite Markov Chains*, §4.3). */
export function ergodicDistribution(P: number[][]): number[] {
  const k = P.length;
  const A = new Float64Array(k * k);
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) A[i * k + j] = (i === j ? 1 : 0) - P[i][j] + 1;
  const Z = inverseGeneral(A, k, "ergodicDistribution");
  const pi = new Array(k).fill(0);
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) pi[j] += Z[i * k + j];
  return pi;
}

/**
 * Mean first passage times from the fundamental matrix Z = (I − P + Π)⁻¹ (Π rows all π):
 * m_ij = (z_jj − z_ij)/π_j for i ≠ j, m_ii = 1/π_i (Kemeny & Snell 1960, theorem 4.4.7).
 * @example meanFirstPassageTimes([[0.5, 0.5], [0.3, 0.7]]) // ≈ [[2.666667, 2], [3.333333, 1.6]] (prob140 docs)
 */
export function meanFirstPassageTimes(P: number[][], pi: number[] = ergodicDistribution(P)): number[][] {
  const k = P.length;
  const A = new Float64Array(k * k);
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) A[i * k + j] = (i === j ? 1 : 0) - P[i][j] + pi[j];
  const Z = inverseGeneral(A, k, "meanFirstPassageTimes");
  return Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => (i === j ? 1 / pi[i] : (Z[j * k + j] - Z[i * k + j]) / pi[j])));
}

function irreducibleCheck(P: number[][]): boolean {
  const k = P.length;
  for (let s = 0; s < k; s++) {
    const seen = new Array(k).fill(false);
    const stack = [s];
    seen[s] = true;
    while (stack.length) {
      const i = stack.pop()!;
      for (let j = 0; j < k; j++) if (P[i][j] > 0 && !seen[j]) { seen[j] = true; stack.push(j); }
    }
    if (seen.some((v) => !v)) return false;
  }
  return true;
}

/** Transition probabilities from counts with the empty-row rule; shared with spatialMarkov. */
export function transitionMatrix(counts: number[][], fillEmpty: boolean): { P: number[][]; empty: number[] } {
  const empty: number[] = [];
  const P = counts.map((row, i) => {
    const tot = row.reduce((a, b) => a + b, 0);
    if (tot === 0) { empty.push(i); return row.map((_, j) => (fillEmpty && i === j ? 1 : 0)); }
    return row.map((c) => c / tot);
  });
  return { P, empty };
}

/**
 * Chi-square test that the transitions `observed` follow the probabilities of `reference` (giddy's `chi2`):
 * E_ij = n_i· p_ij with p the row-normalized `reference` and n_i· the row totals of `observed`;
 * χ² = Σ (n_ij − E_ij)² / E_ij over cells with E_ij > 0 (a zero E contributes n_ij², as giddy), df = (a − 1)(b − 1)
 * with a, b the numbers of non-empty rows of `observed` and `reference`.
 * @param observed k × k transition counts
 * @param reference k × k counts (or probabilities) forming the null
 * @throws `transitionChiSquare: the matrices must both be k × k (got 4 and 5 rows)`
 * @example transitionChiSquare(sm.conditionalCounts[0], sm.counts).chi2 // 23.39728441473295 on giddy's US example (k = 4)
 */
export function transitionChiSquare(observed: number[][], reference: number[][]): { chi2: number; df: number; p: number; expected: number[][] } {
  const k = observed.length;
  if (reference.length !== k || observed.some((r) => r.length !== k) || reference.some((r) => r.length !== k)) {
    throw new Error(`transitionChiSquare: the matrices must both be k × k (got ${observed.length} and ${reference.length} rows)`);
  }
  const sum = (r: number[]) => r.reduce((a, b) => a + b, 0);
  const n1 = observed.map(sum), n2 = reference.map(sum);
  const expected = reference.map((r, i) => r.map((v) => (n2[i] > 0 ? (n1[i] * v) / n2[i] : 0)));
  let chi2 = 0;
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) chi2 += (observed[i][j] - expected[i][j]) ** 2 / (expected[i][j] === 0 ? 1 : expected[i][j]);
  const df = (n1.filter((v) => v > 0).length - 1) * (n2.filter((v) => v > 0).length - 1);
  return { chi2, df, p: df > 0 ? chiSquaredUpper(chi2, df) : NaN, expected };
}

/** Ergodic distribution and passage times when the chain is irreducible (else null), shared with spatialMarkov. */
export function chainSummaries(P: number[][]): { irreducible: boolean; ergodic: number[] | null; meanFirstPassage: number[][] | null } {
  const irreducible = irreducibleCheck(P);
  if (!irreducible) return { irreducible, ergodic: null, meanFirstPassage: null };
  const ergodic = ergodicDistribution(P);
  return { irreducible, ergodic, meanFirstPassage: meanFirstPassageTimes(P, ergodic) };
}

/**
 * Classic (discrete, first-order, time-homogeneous) Markov chain of state transitions, estimated by maximum
 * likelihood from counts (Anderson & Goodman 1957), with the ergodic distribution and mean first passage times,
 * as giddy's `Markov` (Rey 2001; Quah 1993 for income-class dynamics).
 *
 * Input: one row per unit, one column per period, each cell a state label; transitions are counted between
 * consecutive columns. Empty states (never left) keep a zero row unless `fillEmpty` (p_ii = 1); a chain that is
 * not irreducible has `ergodic` and `meanFirstPassage` null (the steady state is then not unique).
 * Counts, P and the steady state reproduce giddy's documented examples (the toy chain; quintiles of US state incomes
 * 1929–2009, by year and pooled relative incomes: test/markov.giddy.test.ts). giddy returns one steady state per
 * recurrent class of a reducible chain; here such a chain has none (null), never a choice among them.
 *
 * Source: Quah, D. (1993) "Empirical cross-section dynamics in economic growth", *European Economic Review* 37;
 * Kemeny, J. G. & Snell, J. L. (1960) *Finite Markov Chains*.
 * @param states units × periods state labels
 * @param options `states` (order of labels), `fillEmpty` (false)
 * @throws `markov: row 2 has 3 periods, row 0 has 4`; `markov: row 1, period 2 is missing`; `markov: state "x" is not in options.states`
 * @example
 * markov([["b", "a", "c"], ["c", "c", "a"], ["c", "b", "c"], ["a", "a", "b"], ["a", "b", "c"]]).ergodic
 * // ≈ [0.30769231, 0.28846154, 0.40384615] (= 4/13, 15/52, 21/52; giddy Markov docs)
 */
export function markov(states: ArrayLike<ArrayLike<string | number>>, options: MarkovOptions = {}): MarkovResult {
  const fn = "markov";
  checkOptionNames(options, ["states", "fillEmpty"], fn);
  const rows = Array.from(states, (r) => Array.from(r));
  if (rows.length === 0) throw new Error(`${fn}: no units`);
  const T = rows[0].length;
  if (T < 2) throw new Error(`${fn}: need at least 2 periods, got ${T}`);
  rows.forEach((r, i) => {
    if (r.length !== T) throw new Error(`${fn}: row ${i} has ${r.length} periods, row 0 has ${T}`);
    r.forEach((v, t) => { if (isMissing(v)) throw new Error(`${fn}: row ${i}, period ${t} is missing`); });
  });
  let labels: string[];
  if (options.states) labels = options.states.map(String);
  else {
    const seen = [...new Set(rows.flat())];
    labels = seen.every((v) => typeof v === "number") ? (seen as number[]).sort((a, b) => a - b).map(String) : seen.map(String).sort();
  }
  const index = new Map(labels.map((l, i) => [l, i]));
  const k = labels.length;
  const counts = Array.from({ length: k }, () => new Array(k).fill(0));
  let transitions = 0;
  for (const r of rows) for (let t = 1; t < T; t++) {
    const a = index.get(String(r[t - 1])), b = index.get(String(r[t]));
    if (a === undefined || b === undefined) throw new Error(`${fn}: state "${a === undefined ? r[t - 1] : r[t]}" is not in options.states`);
    counts[a][b]++;
    transitions++;
  }
  const { P, empty } = transitionMatrix(counts, options.fillEmpty ?? false);
  const { irreducible, ergodic, meanFirstPassage } = chainSummaries(P);
  const report: ReportParts = {
    title: "Markov chain (classic)",
    header: [["Units", rows.length], ["Periods", T], ["Transitions", transitions], ["States", labels.join(", ")],
      ["Empty states", empty.length ? `${empty.map((i) => labels[i]).join(", ")} (${options.fillEmpty ? "p_ii = 1" : "row left 0"})` : "none"],
      ["Irreducible", irreducible ? "yes" : "no: no unique ergodic distribution"]],
    statistics: [],
    table: { caption: "Transition probabilities (row: from) and ergodic distribution", columns: ["from", ...labels, "ergodic"],
      rows: labels.map((l, i) => [l, ...P[i], ergodic ? ergodic[i] : "—"]) },
  };
  return makeResult<MarkovResult>({ states: labels, counts, P, emptyStates: empty.map((i) => labels[i]), irreducible, ergodic, meanFirstPassage, transitions, report });
}
