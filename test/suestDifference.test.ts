import { describe, it, expect } from "vitest";
import { suestDifference } from "../lib/panel/suestDifference";
import { chowTest } from "../lib/panel/chowTest";
import { expectClose, RTOL } from "./tolerances";
import { gdRef, grunfeld } from "./helpers/groupDifferenceData";

// R 4.2.2, separate lm fits with firm dummies, sandwich 3.0.2 estfun %*% bread stacked and clustered by hand
// (Stata suest's G/(G−1)): test/reference/group-difference.R
const f = "inv ~ value + capital";
const fe = { group: "size", id: "firm", time: "year" };

describe("suestDifference agrees with stacked estimating functions from R sandwich", () => {
  it("clustered by firm (nested in the groups: no cross-covariance): χ², differences and standard errors to 1e-6", () => {
    const s = suestDifference(grunfeld, f, fe);
    expectClose(s.statistic, gdRef.suestFirm.statistic, RTOL, "chi2");
    expectClose(s.pValue, gdRef.suestFirm.pValue, RTOL, "p");
    expect(s.df).toBe(2);
    s.differences.forEach((d, i) => {
      expectClose(d.difference, gdRef.suestFirm.differences[i], RTOL, `d ${i}`);
      expectClose(d.stdError, gdRef.suestFirm.stdErrors[i], RTOL, `se ${i}`);
    });
    expect(s.covariance[2]).toBe(0); // value(large) × value(small): firms lie in one group
  });
  it("clustered by year (years span both groups): the cross-model covariance enters, to 1e-6", () => {
    const s = suestDifference(grunfeld, f, { ...fe, cluster: "year" });
    expectClose(s.statistic, gdRef.suestYear.statistic, RTOL, "chi2");
    expectClose(s.covariance[2], gdRef.suestYear.crossCovariance, RTOL, "cross covariance");
    s.differences.forEach((d, i) => expectClose(d.stdError, gdRef.suestYear.stdErrors[i], RTOL, `se ${i}`));
    expect(s.clusters).toBe(20);
  });
  it("one term: χ²(1) = z², and the differences equal the Chow interaction coefficients (unit effects nested in groups)", () => {
    const s = suestDifference(grunfeld, f, { ...fe, terms: ["value"] });
    expectClose(s.statistic, gdRef.suestFirm.valueOnly, RTOL, "chi2 value");
    expectClose(s.statistic, s.differences[0].z ** 2, 1e-12, "z²");
    const c = chowTest(grunfeld, f, fe);
    expectClose(s.differences[0].difference, c.differences[0].estimate, 1e-9, "= Chow interaction");
  });
});

describe("suestDifference bad input", () => {
  it("refuses one cluster, an unknown term, three groups and id without time", () => {
    const d = { ...grunfeld, one: (grunfeld.firm as number[]).map(() => "x") };
    expect(() => suestDifference(d, f, { ...fe, cluster: "one" })).toThrow('suestDifference: clustered inference needs at least 2 clusters; column "one" has 1');
    expect(() => suestDifference(grunfeld, f, { ...fe, terms: ["lnK"] })).toThrow('suestDifference: unknown term "lnK" (coefficients in both models: value, capital)');
    const t = { ...grunfeld, three: (grunfeld.firm as number[]).map((v) => String(v % 3)) };
    expect(() => suestDifference(t, f, { ...fe, group: "three" })).toThrow('suestDifference: group column "three" has 3 values');
    expect(() => suestDifference(grunfeld, f, { group: "size", id: "firm" })).toThrow("suestDifference: options id and time go together");
  });
  it("a failing group model names the group and the problem (missing value)", () => {
    const d = { ...grunfeld, value: (grunfeld.value as number[]).map((v, i) => (i === 150 ? null : v)) };
    expect(() => suestDifference(d, f, fe)).toThrow(/suestDifference: group size = small: .*column "value" has 1 missing value/);
  });
});
