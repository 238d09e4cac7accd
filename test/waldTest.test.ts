import { describe, it, expect } from "vitest";
import { panelFE, waldTest } from "../lib/panel";
import { RTOL, expectClose } from "./tolerances";
import { readReference } from "./helpers/panelReference";

// Reference: R plm 2.6-2, hand-made Wald statistic with vcovHC(arellano, HC1); test/reference/plm-within.R ("wald")
const ref = readReference("plm-within.json");

describe("waldTest", () => {
  const w = ref.wald;
  const m = panelFE(w.data, "inv ~ value + capital + value:factor(grp)", {
    entity: "firm", time: "year", effects: "twoways", vcov: { cluster: "firm", convention: "plm" },
  });

  it("interaction terms are named as R names them and estimated as plm does", () => {
    expect(m.coefficients.map((c) => c.term)).toEqual(w.terms);
    m.coefficients.forEach((c, j) => expectClose(c.estimate, w.coef[j], RTOL, c.term));
  });

  it("the joint test of the interaction terms matches the hand-made Wald F in R to 1e-6", () => {
    const t = waldTest(m, /^value:/);
    expect(t.terms).toEqual(w.tested);
    expect(t.distribution).toBe("F");
    expect(t.df1).toBe(w.df1);
    expect(t.df2).toBe(w.df2);
    expectClose(t.statistic, w.F, RTOL, "F");
    expectClose(t.pValue, w.p, RTOL, "p");
  });

  it("a one-term Wald F equals the squared t statistic and has the same p-value", () => {
    const t = waldTest(m, ["capital"]);
    const c = m.coefficients.find((r) => r.term === "capital")!;
    expectClose(t.statistic, c.statistic ** 2, 1e-10, "F = t^2");
    expectClose(t.pValue, c.pValue, 1e-8, "p");
  });

  it("with Stata-convention clusters the F test uses G − 1 denominator df", () => {
    const ms = panelFE(w.data, "inv ~ value + capital + value:factor(grp)", { entity: "firm", time: "year", effects: "twoways", vcov: { cluster: "firm" } });
    expect(waldTest(ms, /^value:/).df2).toBe(9);
  });

  it("unknown or unmatched terms are clear errors", () => {
    expect(() => waldTest(m, /^nope/)).toThrow("waldTest: no terms match /^nope/ (terms: value, capital, value:factor(grp)1, value:factor(grp)2)");
    expect(() => waldTest(m, ["lnfin"])).toThrow('waldTest: unknown term "lnfin"');
  });
});
