import { describe, it, expect } from "vitest";
import { DataFrame } from "danfojs-node";
import { entropyWeights } from "../lib/indices";
import { expectClose } from "./tolerances";
import ref from "./reference/indices-entropy.json";

// Reference numbers: test/reference/indices-entropy.R (base R, independent implementation); inputs synthetic.
const TOL = 1e-10; // R writes 15 significant digits
const cs = ref.crossSection.data as Record<string, number[]>;
const cols = ["x1", "x2", "x3", "x4"];
const dir = ref.crossSection.direction as Record<string, "+" | "-">;

function frozen<T extends Record<string, unknown[]>>(x: T): T {
  const out: Record<string, unknown[]> = {};
  for (const k of Object.keys(x)) out[k] = Object.freeze([...x[k]]) as unknown[];
  return Object.freeze(out) as T;
}

function expectRecordClose(actual: Record<string, number>, expected: Record<string, number>, what: string) {
  expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
  for (const k of Object.keys(expected)) expectClose(actual[k], expected[k], TOL, `${what} ${k}`, 1e-14);
}

describe("entropyWeights", () => {
  it("matches R on a cross-section with negative values, a cost indicator and a constant indicator", () => {
    const r = entropyWeights(frozen(cs), cols, { direction: dir });
    const e = ref.crossSection.result;
    expect(r.mode).toBe("cross-section");
    expectRecordClose(r.weights, e.weights, "weight");
    expectRecordClose(r.entropy, e.entropy, "entropy");
    expectRecordClose(r.divergence, e.divergence, "divergence");
    r.scores.forEach((s, i) => expectClose(s, e.scores[i], TOL, `score ${i}`, 1e-14));
    for (const c of cols) r.normalized[c].forEach((v, i) => expectClose(v, (e.normalized as Record<string, number[]>)[c][i], TOL, `normalized ${c}[${i}]`, 1e-14));
  });

  it("gives a column of equal values entropy 1, divergence 0 and weight exactly 0, and lists it", () => {
    const r = entropyWeights(cs, cols, { direction: dir });
    expect(r.weights.x3).toBe(0);
    expect(r.entropy.x3).toBe(1);
    expect(r.constantColumns).toEqual(["x3"]);
    const sum = Object.values(r.weights).reduce((a, b) => a + b, 0);
    expectClose(sum, 1, 1e-12, "weights sum");
  });

  it("matches R with a shift added after normalization", () => {
    const r = entropyWeights(cs, cols, { direction: dir, shift: ref.crossSectionShift.shift });
    const e = ref.crossSectionShift.result;
    expectRecordClose(r.weights, e.weights, "weight");
    r.scores.forEach((s, i) => expectClose(s, e.scores[i], TOL, `score ${i}`, 1e-14));
  });

  it("accepts a danfo DataFrame", () => {
    const r = entropyWeights(new DataFrame(cs), cols, { direction: dir });
    expectRecordClose(r.weights, ref.crossSection.result.weights, "weight");
  });

  const panel = ref.panel.data as Record<string, (number | string)[]>;
  const pdir = ref.panel.direction as Record<string, "+" | "-">;

  it("pooled panel: one normalization and one set of weights over all region-years, as R", () => {
    const r = entropyWeights(frozen(panel), ["g", "u"], { direction: pdir, time: "year", pooled: true });
    expect(r.mode).toBe("pooled");
    expectRecordClose(r.weights, ref.panel.pooled.weights, "weight");
    r.scores.forEach((s, i) => expectClose(s, ref.panel.pooled.scores[i], TOL, `score ${i}`, 1e-14));
    expect(r.byTime).toEqual({});
  });

  it("year-by-year panel: weights and scores per year, as R; no single set of weights", () => {
    const r = entropyWeights(panel, ["g", "u"], { direction: pdir, time: "year", pooled: false });
    expect(r.mode).toBe("by-time");
    expect(r.weights).toEqual({});
    const byYear = ref.panel.byYear as Record<string, { rows: number[]; weights: Record<string, number>; entropy: Record<string, number>; scores: number[] }>;
    expect(Object.keys(r.byTime)).toEqual(Object.keys(byYear));
    for (const [year, e] of Object.entries(byYear)) {
      expectRecordClose(r.byTime[year].weights, e.weights, `${year} weight`);
      expectRecordClose(r.byTime[year].entropy, e.entropy, `${year} entropy`);
      e.rows.forEach((row, k) => expectClose(r.scores[row], e.scores[k], TOL, `${year} score row ${row}`, 1e-14));
    }
  });

  it("year-by-year scores hide growth that pooled scores show (the documented pitfall)", () => {
    // Every region grows on g and falls on u from 2017 to 2019, so all improve; by year, region A's score stays 0.
    const byYear = entropyWeights(panel, ["g", "u"], { direction: pdir, time: "year", pooled: false });
    const pooled = entropyWeights(panel, ["g", "u"], { direction: pdir, time: "year", pooled: true });
    expect(byYear.scores[0]).toBe(0); // A, 2017: worst on both
    expect(byYear.scores[8]).toBe(0); // A, 2019: still worst on both, score unchanged
    expect(pooled.scores[8]).toBeGreaterThan(pooled.scores[0]); // pooled: A improved
  });

  it("requires an explicit pooled choice with a time column, and a time column for year-by-year", () => {
    expect(() => entropyWeights(panel, ["g", "u"], { direction: pdir, time: "year" })).toThrow(/entropyWeights: with a time column \("year"\) choose \{ pooled: true \}/);
    expect(() => entropyWeights(panel, ["g", "u"], { direction: pdir, pooled: false })).toThrow(/needs a time column/);
  });

  it("refuses missing or non-numeric values and a missing direction, naming the column", () => {
    expect(() => entropyWeights({ a: [1, null, 3], b: [1, 2, 3] }, ["a", "b"], { direction: "+" })).toThrow(/entropyWeights: column "a" has 1 missing value \(row 1\)/);
    expect(() => entropyWeights({ a: [1, "x", 3], b: [1, 2, 3] }, ["a", "b"], { direction: "+" })).toThrow(/entropyWeights: column "a" is not numeric/);
    expect(() => entropyWeights({ a: [1, 2, 3], b: [1, 2, 3] }, ["a", "b"], { direction: { a: "+" } })).toThrow(/no direction for column "b"/);
    expect(() => entropyWeights({ a: [1, 2, 3], b: [1, 2, 3] }, ["a", "b"], { direction: { a: "+", b: "+", c: "-" } })).toThrow(/direction given for "c"/);
  });

  it("refuses all-constant indicators and groups of one row", () => {
    expect(() => entropyWeights({ a: [2, 2, 2], b: [1, 1, 1] }, ["a", "b"], { direction: "+" })).toThrow(/every indicator is constant/);
    expect(() => entropyWeights({ a: [1, 2, 3], t: [1, 1, 2] }, ["a"], { direction: "+", time: "t", pooled: false })).toThrow(/1 row in t 2/);
  });

  it("does not modify its input", () => {
    const input = { a: [3, 1, 2], b: [5, 4, 9] };
    const copy = JSON.stringify(input);
    entropyWeights(input, ["a", "b"], { direction: "+" });
    expect(JSON.stringify(input)).toBe(copy);
  });
});
