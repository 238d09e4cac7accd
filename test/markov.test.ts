import { describe, expect, it } from "vitest";
import { markov, meanFirstPassageTimes } from "../lib/dynamics/markov";
import { classify, quantileBreaks } from "../lib/dynamics/classify";
import { expectClose } from "./tolerances";

// giddy's documented Markov example (giddy.markov.Markov docstring): five units over three periods.
const giddyExample = Object.freeze([["b", "a", "c"], ["c", "c", "a"], ["c", "b", "c"], ["a", "a", "b"], ["a", "b", "c"]].map((r) => Object.freeze(r)));

describe("markov (classic Markov chain)", () => {
  it("reproduces giddy's documented transition matrix and steady state", () => {
    const r = markov(giddyExample);
    expect(r.states).toEqual(["a", "b", "c"]);
    // giddy docs: p = [[0.25, 0.5, 0.25], [0.33333333, 0, 0.66666667], [0.33333333, 0.33333333, 0.33333333]]
    const P = [[0.25, 0.5, 0.25], [1 / 3, 0, 2 / 3], [1 / 3, 1 / 3, 1 / 3]];
    P.forEach((row, i) => row.forEach((v, j) => expectClose(r.P[i][j], v, 1e-12, `P[${i}][${j}]`)));
    // giddy docs: steady_state = [0.30769231, 0.28846154, 0.40384615] (8 digits printed)
    [0.30769231, 0.28846154, 0.40384615].forEach((v, j) => expectClose(r.ergodic![j], v, 5e-9 / v, `pi[${j}]`));
    expect(r.transitions).toBe(10);
  });

  it("mean first passage times match a documented two-state example (prob140 mean_first_passage_times)", () => {
    // prob140 docs: P = [[0.5, 0.5], [0.3, 0.7]] → [[2.666667, 2.0], [3.333333, 1.6]]
    const M = meanFirstPassageTimes([[0.5, 0.5], [0.3, 0.7]]);
    [[8 / 3, 2], [10 / 3, 1.6]].forEach((row, i) => row.forEach((v, j) => expectClose(M[i][j], v, 1e-12, `M[${i}][${j}]`)));
  });

  it("mean first passage times satisfy m_ij = 1 + Σ_{k≠j} p_ik m_kj (brute-force linear equations)", () => {
    const r = markov(giddyExample);
    const P = r.P, M = r.meanFirstPassage!;
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) {
      let s = 1;
      for (let k = 0; k < 3; k++) if (k !== j) s += P[i][k] * M[k][j];
      expectClose(M[i][j], s, 1e-12, `m[${i}][${j}]`);
    }
  });

  it("an empty state keeps a zero row (chain reducible, no ergodic distribution) or p_ii = 1 with fillEmpty", () => {
    const states = [["a", "b", "c"], ["a", "a", "b"]]; // "c" is never left
    const r = markov(states);
    expect(r.emptyStates).toEqual(["c"]);
    expect(r.P[2]).toEqual([0, 0, 0]);
    expect(r.irreducible).toBe(false);
    expect(r.ergodic).toBeNull();
    expect(markov(states, { fillEmpty: true }).P[2]).toEqual([0, 0, 1]);
  });

  it("refuses ragged rows and missing states", () => {
    expect(() => markov([["a", "b"], ["a"]])).toThrow(/markov: row 1 has 1 periods, row 0 has 2/);
    expect(() => markov([["a", null as unknown as string]])).toThrow(/markov: row 0, period 1 is missing/);
  });

  it("quantile breaks follow R's type 7 and classes are upper-bound inclusive", () => {
    // R: quantile(1:10, c(0.25, 0.5, 0.75)) = 3.25, 5.5, 7.75
    expect(quantileBreaks([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 4)).toEqual([3.25, 5.5, 7.75]);
    expect(Array.from(classify([3.25, 3.26, 10], [3.25, 5.5, 7.75]))).toEqual([0, 1, 3]);
  });
});
