import { describe, it, expect } from "vitest";
import { composite } from "../lib/indices";
import { expectClose } from "./tolerances";
import ref from "./reference/indices-topsis.json";

// Reference: test/reference/indices-topsis.R (weighted sum of min–max normalized values, base R).
const X = ref.data as Record<string, number[]>;
const cols = ["speed", "range", "payload", "cost", "reliability", "maneuverability"];
const direction = { speed: "+", range: "+", payload: "+", cost: "-", reliability: "+", maneuverability: "+" } as const;

describe("composite", () => {
  it("weighted sum of min–max normalized indicators with cost indicators flipped, as R", () => {
    const r = composite(Object.freeze({ ...X }), cols, { weights: ref.weights as Record<string, number>, direction });
    r.scores.forEach((s, i) => expectClose(s, ref.composite.scores[i], 1e-12, `score ${i}`));
    expect(Array.from(r.ranks)).toEqual(ref.composite.rank);
  });

  it("worked by hand: a = (1, 2, 3), b = (3, 1, 2), weights 0.6/0.4 give 0.4, 0.3, 0.8", () => {
    const r = composite({ a: [1, 2, 3], b: [3, 1, 2] }, ["a", "b"], { weights: [0.6, 0.4], direction: "+" });
    [0.4, 0.3, 0.8].forEach((v, i) => expectClose(r.scores[i], v, 1e-15, `score ${i}`));
    expect(Array.from(r.ranks)).toEqual([2, 3, 1]);
  });

  it("ties share the best rank", () => {
    const r = composite({ a: [1, 2, 1] }, ["a"], { weights: [1], direction: "+" });
    expect(Array.from(r.ranks)).toEqual([2, 1, 2]);
  });

  it("refuses weights not summing to one (unless rescaled), constant indicators and missing values", () => {
    expect(() => composite({ a: [1, 2], b: [2, 1] }, ["a", "b"], { weights: [0.5, 0.6], direction: "+" })).toThrow(/composite: weights sum to 1.1, not 1/);
    const r = composite({ a: [1, 2], b: [2, 1] }, ["a", "b"], { weights: [1, 3], direction: "+", rescaleWeights: true });
    expect(r.weights).toEqual({ a: 0.25, b: 0.75 });
    expect(() => composite({ a: [1, 1], b: [2, 1] }, ["a", "b"], { weights: [0.5, 0.5], direction: "+" })).toThrow(/composite: column "a" cannot be normalized/);
    expect(() => composite({ a: [1, undefined] }, ["a"], { weights: [1], direction: "+" })).toThrow(/composite: column "a" has 1 missing value/);
  });
});
