import { describe, it, expect } from "vitest";
import { DataFrame } from "danfojs-node";
import { topsis } from "../lib/indices";
import { expectClose } from "./tolerances";
import ref from "./reference/indices-topsis.json";

// Hwang & Yoon (1981) fighter-aircraft problem; closeness values computed independently in base R by
// test/reference/indices-topsis.R (the book's printed values could not be retrieved; see the script).
const X = ref.data as Record<string, number[]>;
const cols = ["speed", "range", "payload", "cost", "reliability", "maneuverability"];
const weights = ref.weights as Record<string, number>;
const direction = { speed: "+", range: "+", payload: "+", cost: "-", reliability: "+", maneuverability: "+" } as const;
const TOL = 1e-12;

describe("topsis", () => {
  it("the transcribed matrix reproduces the published concordance entries of the same problem (orms.pef.czu.cz)", () => {
    // Published (orms.pef.czu.cz/21ExFAPPM.html): A1 over A3 0.5, A1 over A4 0.6, A1 over A2 0.7, A3 over A1 0.5,
    // A3 over A4 0.8, A3 over A2 0.7, A4 over A1 0.7, A4 over A3 0.2, A4 over A2 0.7 (ties count for both).
    const conc = (i: number, j: number) => cols.reduce((s, c) => {
      const better = direction[c as keyof typeof direction] === "+" ? X[c][i] >= X[c][j] : X[c][i] <= X[c][j];
      return s + (better ? weights[c] : 0);
    }, 0);
    const published: Array<[number, number, number]> = [[0, 2, 0.5], [0, 3, 0.6], [0, 1, 0.7], [2, 0, 0.5], [2, 3, 0.8], [2, 1, 0.7], [3, 0, 0.7], [3, 2, 0.2], [3, 1, 0.7]];
    for (const [i, j, c] of published) expectClose(conc(i, j), c, 1e-12, `concordance A${i + 1} over A${j + 1}`);
  });

  it("reproduces the fighter-aircraft closeness, distances, ideals and ranks computed in R (vector normalization)", () => {
    const r = topsis(Object.freeze({ ...X }), cols, { weights, direction, normalization: "vector" });
    r.scores.forEach((s, i) => expectClose(s, ref.fighter.closeness[i], TOL, `closeness A${i + 1}`));
    r.distanceBest.forEach((s, i) => expectClose(s, ref.fighter.distanceBest[i], TOL, `S+ A${i + 1}`));
    r.distanceWorst.forEach((s, i) => expectClose(s, ref.fighter.distanceWorst[i], TOL, `S- A${i + 1}`));
    for (const c of cols) {
      expectClose(r.idealBest[c], (ref.fighter.idealBest as Record<string, number>)[c], TOL, `ideal best ${c}`);
      expectClose(r.idealWorst[c], (ref.fighter.idealWorst as Record<string, number>)[c], TOL, `ideal worst ${c}`);
    }
    expect(Array.from(r.ranks)).toEqual(ref.fighter.rank);
    expect(Array.from(r.ranks)).toEqual([1, 4, 2, 3]); // A1 ≻ A3 ≻ A4 ≻ A2
  });

  it("min–max normalization as an option, as R", () => {
    const r = topsis(X, cols, { weights, direction, normalization: "minmax" });
    r.scores.forEach((s, i) => expectClose(s, ref.fighterMinmax.closeness[i], TOL, `closeness A${i + 1}`));
  });

  it("takes a danfo DataFrame, an id column and weights as an array", () => {
    const df = new DataFrame({ plane: ["A1", "A2", "A3", "A4"], ...X });
    const r = topsis(df, cols, { weights: cols.map((c) => weights[c]), direction, id: "plane" });
    expect(r.ids).toEqual(["A1", "A2", "A3", "A4"]);
    expectClose(r.scores[0], ref.fighter.closeness[0], TOL, "A1");
  });

  it("ties: equal alternatives share the best rank by default; average and first on request", () => {
    const d = { a: [1, 3, 3, 2], b: [1, 3, 3, 2] };
    const opts = { weights: { a: 0.5, b: 0.5 }, direction: "+" as const };
    expect(Array.from(topsis(d, ["a", "b"], opts).ranks)).toEqual([4, 1, 1, 3]);
    expect(Array.from(topsis(d, ["a", "b"], { ...opts, ties: "average" }).ranks)).toEqual([4, 1.5, 1.5, 3]);
    expect(Array.from(topsis(d, ["a", "b"], { ...opts, ties: "first" }).ranks)).toEqual([4, 1, 2, 3]);
  });

  it("a criterion with equal values does not change the scores", () => {
    const with0 = topsis({ a: [1, 2, 4], c: [5, 5, 5] }, ["a", "c"], { weights: { a: 0.5, c: 0.5 }, direction: "+" });
    const without = topsis({ a: [1, 2, 4] }, ["a"], { weights: { a: 1 }, direction: "+" });
    with0.scores.forEach((s, i) => expectClose(s, without.scores[i], 1e-12, `score ${i}`));
  });

  it("weights not summing to one: an error by default, rescaled on request", () => {
    expect(() => topsis(X, cols, { weights: { ...weights, speed: 0.3 }, direction })).toThrow(/topsis: weights sum to 1.1, not 1; fix them or pass \{ rescaleWeights: true \}/);
    const scaled = topsis(X, cols, { weights: Object.fromEntries(cols.map((c) => [c, weights[c] * 10])), direction, rescaleWeights: true });
    scaled.scores.forEach((s, i) => expectClose(s, ref.fighter.closeness[i], TOL, `closeness A${i + 1}`));
  });

  it("refuses bad weights, missing values, identical alternatives and a single alternative", () => {
    expect(() => topsis(X, cols, { weights: { ...weights, speed: -0.2 }, direction })).toThrow(/weight for column "speed" is negative/);
    expect(() => topsis(X, cols, { weights: { speed: 1 }, direction })).toThrow(/no weight for column "range"/);
    expect(() => topsis({ a: [1, null] }, ["a"], { weights: { a: 1 }, direction: "+" })).toThrow(/topsis: column "a" has 1 missing value/);
    expect(() => topsis({ a: [2, 2] }, ["a"], { weights: { a: 1 }, direction: "+" })).toThrow(/all alternatives are identical/);
    expect(() => topsis({ a: [2] }, ["a"], { weights: { a: 1 }, direction: "+" })).toThrow(/1 alternative; ranking needs at least 2/);
  });
});
