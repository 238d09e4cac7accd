import { describe, it, expect } from "vitest";
import { chowTest } from "../lib/panel/chowTest";
import { expectClose, RTOL } from "./tolerances";
import { gdRef, grunfeld } from "./helpers/groupDifferenceData";

// R 4.2.2, lm with interactions and firm dummies, sandwich 3.0.2 vcovCL, car linearHypothesis: test/reference/group-difference.R
const f = "inv ~ value + capital";
const fe = { group: "size", id: "firm", time: "year" };

describe("chowTest agrees with R's interaction regressions on Grunfeld (firms 1–5 vs 6–10)", () => {
  it("firm effects, classical: Wald F of the interactions = the Chow F from residual sums of squares, to 1e-6", () => {
    const c = chowTest(grunfeld, f, fe);
    expectClose(c.statistic, gdRef.chow.iid.statistic, RTOL, "F");
    expectClose(c.statistic, gdRef.chow.iid.rssForm, RTOL, "RSS form");
    expectClose(c.pValue, gdRef.chow.iid.pValue, RTOL, "p");
    expect([c.df1, c.df2]).toEqual([2, gdRef.chow.iid.df2]);
    expect(c.differences.map((d) => d.term)).toEqual(["value:size[small]", "capital:size[small]"]);
    c.differences.forEach((d, i) => {
      expectClose(d.estimate, gdRef.chow.iid.differences[i], RTOL, `difference ${i}`);
      expectClose(d.stdError, gdRef.chow.iid.stdErrors[i], RTOL, `se ${i}`);
    });
  });
  it("firm effects, clustered by firm (Stata convention): F on (2, G − 1) and the standard errors to 1e-6", () => {
    const c = chowTest(grunfeld, f, { ...fe, vcov: { cluster: "firm" } });
    expectClose(c.statistic, gdRef.chow.cluster.statistic, RTOL, "F");
    expectClose(c.pValue, gdRef.chow.cluster.pValue, RTOL, "p");
    expect(c.df2).toBe(9);
    c.differences.forEach((d, i) => expectClose(d.stdError, gdRef.chow.cluster.stdErrors[i], RTOL, `se ${i}`));
  });
  it("without effects: the classical Chow test of intercept and slopes (car::linearHypothesis)", () => {
    const c = chowTest(grunfeld, f, { group: "size" });
    expectClose(c.statistic, gdRef.chow.pooled.statistic, RTOL, "F");
    expectClose(c.pValue, gdRef.chow.pooled.pValue, RTOL, "p");
    expect([c.df1, c.df2]).toEqual([3, gdRef.chow.pooled.df2]);
    expect(c.differences[0].term).toBe("size[small]");
  });
  it("terms restricts the slopes allowed to differ (one interaction, q = 1)", () => {
    const c = chowTest(grunfeld, f, { ...fe, terms: ["value"] });
    expect(c.df1).toBe(1);
    expect(c.summary()).toContain("value:size[small]");
  });
});

describe("chowTest bad input", () => {
  it("refuses a group column with three values, an unknown term, a missing option and a misspelt option", () => {
    const d = { ...grunfeld, three: (grunfeld.firm as number[]).map((v) => String(v % 3)) };
    expect(() => chowTest(d, f, { ...fe, group: "three" })).toThrow('chowTest: group column "three" has 3 values (0, 1, 2); the test compares two groups');
    expect(() => chowTest(grunfeld, f, { ...fe, terms: ["valu"] })).toThrow('chowTest: unknown term "valu" (slopes: value, capital)');
    expect(() => chowTest(grunfeld, f, {} as never)).toThrow("chowTest: option group is required");
    expect(() => chowTest(grunfeld, f, { ...fe, efects: "entity" } as never)).toThrow(/chowTest: unknown option "efects" \(did you mean "effects"\?\)/);
  });
  it("missing values in a regressor or the group column are errors naming the column", () => {
    const d = { ...grunfeld, value: (grunfeld.value as number[]).map((v, i) => (i === 3 ? null : v)) };
    expect(() => chowTest(d, f, fe)).toThrow(/chowTest: .*column "value" has 1 missing value/);
    const e = { ...grunfeld, size: (grunfeld.size as string[]).map((v, i) => (i === 7 ? null : v)) };
    expect(() => chowTest(e, f, fe)).toThrow(/chowTest: id column "size" has 1 missing value/);
  });
  it("a singular design (a slope that is zero in one group) names the interaction", () => {
    const d = { ...grunfeld, onlyLarge: (grunfeld.size as string[]).map((s, i) => (s === "large" ? (grunfeld.value as number[])[i] : 0)) };
    expect(() => chowTest(d, "inv ~ value + onlyLarge", fe)).toThrow(/chowTest: .*onlyLarge:size\[small\]/);
  });
});
