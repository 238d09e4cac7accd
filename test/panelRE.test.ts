import { describe, it, expect } from "vitest";
import { panelRE } from "../lib/panel";
import { RTOL, expectClose } from "./tolerances";
import { readReference, PLM_WITHIN_FORMULA as FORMULA } from "./helpers/panelReference";

// All reference numbers: R plm 2.6-2 (random.method = "swar", phtest), script test/reference/plm-within.R
const ref = readReference("plm-within.json");

describe("panelRE (Swamy–Arora) agrees with plm random effects", () => {
  for (const ds of ["grunfeld", "grunfeld_u", "empluk"]) {
    it(`${ds}: coefficients, SEs, variance components, theta and R² match plm to 1e-6`, () => {
      const r = ref.random[ds];
      const m = panelRE(ref.data[ds], FORMULA[ds], { entity: "firm", time: "year" });
      expect(m.coefficients.map((c) => c.term)).toEqual(r.terms);
      m.coefficients.forEach((c, j) => {
        expectClose(c.estimate, r.coef[j], RTOL, `coef ${c.term}`);
        expectClose(c.stdError, r.se[j], RTOL, `se ${c.term}`);
      });
      expectClose(m.sigma2Idiosyncratic, r.sigma2_idios, RTOL, "sigma2 idios");
      expect(m.sigma2Time).toBeNull();
      expectClose(m.sigma2Entity as number, r.sigma2_id, RTOL, "sigma2 id");
      expectClose(Math.min(...m.theta), r.theta_summary[0], RTOL, "min theta");
      expectClose(Math.max(...m.theta), r.theta_summary[5], RTOL, "max theta");
      expectClose(m.fit.r2, r.r2, RTOL, "r2");
      expect(m.summary()).toContain("Swamy–Arora");
    });
  }

  it("keeps time-invariant regressors (unlike the within estimator)", () => {
    const g = ref.data.grunfeld;
    const d = { ...g, big: g.firm.map((f: number) => (f <= 3 ? 1 : 0)) };
    const m = panelRE(d, "inv ~ value + capital + big", { entity: "firm", time: "year" });
    expect(m.coefficients.map((c) => c.term)).toEqual(["(Intercept)", "value", "capital", "big"]);
    expect(Number.isFinite(m.coefficients[3].stdError)).toBe(true);
  });

  it("a panel with one period is an error (no within-entity variation to estimate the idiosyncratic variance)", () => {
    const g = ref.data.grunfeld as Record<string, unknown[]>;
    const rows = g.year.map((t, i) => (t === 1940 ? i : -1)).filter((i) => i >= 0);
    const d: Record<string, unknown[]> = {};
    for (const [k, v] of Object.entries(g)) d[k] = rows.map((i) => v[i]);
    expect(() => panelRE(d, "inv ~ value + capital", { entity: "firm", time: "year" }))
      .toThrow(/panelRE: no within-entity degrees of freedom \(n = 10, 10 entities, one period \("1940"\)\)/);
  });

  it("a formula without intercept is an error", () => {
    expect(() => panelRE(ref.data.grunfeld, "inv ~ value + capital - 1", { entity: "firm", time: "year" }))
      .toThrow(/panelRE: the random-effects model needs an intercept/);
  });
});
