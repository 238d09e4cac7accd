import { describe, it, expect } from "vitest";
import { panelRE, panelFE, hausman } from "../lib/panel";
import { RTOL, expectClose } from "./tolerances";
import { readReference, PLM_WITHIN_FORMULA as FORMULA } from "./helpers/panelReference";

// Reference: R plm 2.6-2 phtest(within, random), script test/reference/plm-within.R
const ref = readReference("plm-within.json");

describe("hausman agrees with plm phtest", () => {
  for (const ds of ["grunfeld", "grunfeld_u", "empluk"]) {
    it(`${ds}: chi-squared statistic, df and p-value match phtest to 1e-6`, () => {
      const r = ref.random[ds].hausman;
      const fe = panelFE(ref.data[ds], FORMULA[ds], { entity: "firm", time: "year" });
      const re = panelRE(ref.data[ds], FORMULA[ds], { entity: "firm", time: "year" });
      const h = hausman(fe, re);
      expectClose(h.statistic, r.statistic, RTOL, "chisq");
      expect(h.df).toBe(r.df);
      expectClose(h.pValue, r.p, RTOL, "p");
      expect(h.terms).not.toContain("(Intercept)");
      expect(h.summary()).toContain(`on ${r.df} df`);
    });
  }

  it("bad arguments are clear errors", () => {
    const fe = panelFE(ref.data.grunfeld, "inv ~ value", { entity: "firm", time: "year" });
    const other = { coefficients: [{ term: "capital", estimate: 1 }], vcov: [[1]] };
    expect(() => hausman(fe, other)).toThrow("hausman: the models share no coefficients");
    // @ts-expect-error testing a non-model argument
    expect(() => hausman(fe, {})).toThrow("hausman: the second argument is not a fitted panel model with coefficients and vcov");
  });

  it("flags a variance difference that is not positive semi-definite, as Stata's hausman does", () => {
    // Hand-made inputs: V_FE − V_RE = diag(-1, 0.5) has a negative eigenvalue (-1), so the
    // classical statistic is not a chi-squared; the result must say so.
    const fe = { coefficients: [{ term: "a", estimate: 1.5 }, { term: "b", estimate: 2 }], vcov: [[1, 0], [0, 1]] };
    const re = { coefficients: [{ term: "a", estimate: 1 }, { term: "b", estimate: 1 }], vcov: [[2, 0], [0, 0.5]] };
    const h = hausman(fe, re);
    expectClose(h.minEigenvalue, -1, RTOL, "smallest eigenvalue");
    // statistic = 0.5²/(-1) + 1²/0.5 = -0.25 + 2
    expectClose(h.statistic, 1.75, RTOL, "statistic");
    expect(h.warnings).toHaveLength(1);
    expect(h.warnings[0]).toContain("not positive semi-definite");
    expect(h.summary()).toContain("warning: V_FE − V_RE is not positive semi-definite");
  });

  it("raises no warning when V_FE − V_RE is positive definite (Grunfeld)", () => {
    const fe = panelFE(ref.data.grunfeld, FORMULA.grunfeld, { entity: "firm", time: "year" });
    const re = panelRE(ref.data.grunfeld, FORMULA.grunfeld, { entity: "firm", time: "year" });
    const h = hausman(fe, re);
    expect(h.minEigenvalue).toBeGreaterThan(0);
    expect(h.warnings).toEqual([]);
  });
});
