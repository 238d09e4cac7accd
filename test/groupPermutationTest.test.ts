import { describe, it, expect } from "vitest";
import { groupPermutationTest } from "../lib/panel/groupPermutationTest";
import { expectClose, RTOL } from "./tolerances";
import { gdRef, grunfeld } from "./helpers/groupDifferenceData";

// R 4.2.2: all choose(10, 5) = 252 assignments of the "small" label to firms, lm refitted (test/reference/group-difference.R)
const f = "inv ~ value + capital";
const o = { group: "size", id: "firm", time: "year", term: "value" };

describe("groupPermutationTest: exact enumeration against R's brute force (Grunfeld, 10 firms)", () => {
  it("enumerates all 252 label assignments: statistic, p-value and every sorted d* agree with R", () => {
    const p = groupPermutationTest(grunfeld, f, o);
    expect(p.enumerated).toBe(true);
    expect(p.permutations).toBe(252);
    expect(p.seed).toBeNull();
    expectClose(p.statistic, gdRef.permutation.statistic, RTOL, "d");
    expectClose(p.pValue, gdRef.permutation.pValue, 1e-12, "p");
    Array.from(p.distribution).sort((a, b) => a - b).forEach((v, i) => expectClose(v, gdRef.permutation.sorted[i], RTOL, `d*[${i}]`, 1e-12));
  });
  it("random permutations are reproducible per seed, report the seed, and estimate the exact p within 4 binomial sd", () => {
    const a = groupPermutationTest(grunfeld, f, { ...o, permutations: 200, seed: 3 });
    const b = groupPermutationTest(grunfeld, f, { ...o, permutations: 200, seed: 3 });
    const c = groupPermutationTest(grunfeld, f, { ...o, permutations: 200, seed: 4 });
    expect(a.enumerated).toBe(false);
    expect(a.seed).toBe(3);
    expect(Array.from(a.distribution)).toEqual(Array.from(b.distribution));
    expect(Array.from(a.distribution)).not.toEqual(Array.from(c.distribution));
    const exact = gdRef.permutation.pValue;
    expect(Math.abs(a.pValue - exact)).toBeLessThan(4 * Math.sqrt((exact * (1 - exact)) / 200));
    expect(groupPermutationTest(grunfeld, f, { ...o, permutations: 50 }).seed).toBe(1);
  });
});

describe("groupPermutationTest bad input", () => {
  it("refuses a group that varies within a unit, a term not interacted, no term, bad permutations", () => {
    const d = { ...grunfeld, half: (grunfeld.year as number[]).map((y) => (y < 1945 ? "early" : "late")) };
    expect(() => groupPermutationTest(d, f, { ...o, group: "half" })).toThrow('groupPermutationTest: group "half" varies within unit "1"; labels are permuted across units');
    expect(() => groupPermutationTest(grunfeld, f, { ...o, term: "capital", terms: ["value"] })).toThrow('groupPermutationTest: term "capital" is not among the interacted slopes (value)');
    expect(() => groupPermutationTest(grunfeld, f, { group: "size", id: "firm", time: "year" } as never)).toThrow("groupPermutationTest: option term is required");
    expect(() => groupPermutationTest(grunfeld, f, { ...o, permutations: 0 })).toThrow("groupPermutationTest: permutations must be a positive integer (got 0)");
  });
});
