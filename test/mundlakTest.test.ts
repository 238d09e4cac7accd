import { describe, it, expect } from "vitest";
import { panelRE, panelFE, hausman, mundlakTest, waldTest } from "../lib/panel";
import { RTOL, expectClose } from "./tolerances";
import { readReference, frozenColumns } from "./helpers/panelReference";

// Reference numbers: R plm 2.6-2 phtest(formula, data, method = "aux", vcov = ...) with sandwich 3.0-2
// vcovHC on plm's auxiliary model, plus the Stata small-sample convention and the Mundlak (entity
// means) form computed by hand in R; script test/reference/plm-random.R.
const ref = readReference("plm-random.json");
const ID = { entity: "firm", time: "year" } as const;

/** A frozen copy of a reference panel, so a function that mutates its input fails loudly. */
const frozen = (ds: string) => frozenColumns(ref.data[ds] as Record<string, readonly unknown[]>);

const CASES: Record<string, { ds: string; formula: string; effects: "entity" | "twoways" }> = {
  grunfeld: { ds: "grunfeld", formula: "inv ~ value + capital", effects: "entity" },
  grunfeld_u: { ds: "grunfeld_u", formula: "inv ~ value + capital", effects: "entity" },
  empluk: { ds: "empluk", formula: "lemp ~ lwage + lcap", effects: "entity" },
  grunfeld_twoways: { ds: "grunfeld", formula: "inv ~ value + capital", effects: "twoways" },
  produc_twoways: { ds: "produc", formula: "lgsp ~ lpcap + lpc + lemp + unemp", effects: "twoways" },
};

// our vcov spec -> key of the R result
const VCOVS: [string, Parameters<typeof mundlakTest>[2]["vcov"]][] = [
  ["classical", "classical"], // phtest(method = "aux") without vcov
  ["arellano_hc0", { cluster: "firm", convention: "HC0" }], // vcov = function(x) vcovHC(x, method = "arellano")
  ["arellano_hc1", { cluster: "firm", convention: "plm" }], // vcovHC(x, method = "arellano", type = "HC1")
  ["white1_hc1", "robust"], // vcovHC(x, method = "white1", type = "HC1")
  ["stata_hand", { cluster: "firm", convention: "stata" }], // G/(G-1)(n-1)/(n-k) B M B, by hand in R
];

describe("mundlakTest (regression-based Hausman test) agrees with plm phtest(method = \"aux\")", () => {
  for (const [name, c] of Object.entries(CASES)) {
    it(`${name}: the statistic and p-value for every vcov match R to 1e-6, and the auxiliary coefficients too`, () => {
      const r = ref.aux[name];
      for (const [key, vcov] of VCOVS) {
        const t = mundlakTest(frozen(c.ds), c.formula, { ...ID, effects: c.effects, vcov });
        expectClose(t.statistic, r[key].statistic, RTOL, `${key} chisq`);
        expectClose(t.pValue, r[key].p, RTOL, `${key} p`);
        expect(t.df).toBe(r[key].df);
      }
      const t = mundlakTest(frozen(c.ds), c.formula, { ...ID, effects: c.effects });
      t.auxiliary.coefficients.forEach((b, j) => expectClose(b, r.aux_coef[j], RTOL, `aux coef ${t.auxiliary.terms[j]}`));
    });
  }

  it("defaults to cluster-robust by the entity column with the Stata convention, and says so", () => {
    const t = mundlakTest(frozen("grunfeld"), "inv ~ value + capital", ID);
    expectClose(t.statistic, ref.aux.grunfeld.stata_hand.statistic, RTOL, "chisq");
    expect(t.clusters).toBe(10);
    expect(t.vcovType).toBe("cluster-robust by firm (10 clusters), Stata convention G/(G−1)·(n−1)/(n−k)");
    expect(t.terms).toEqual(["value", "capital"]);
    expect(t.summary()).toContain("Wald chi-squared : 7.31971 on 2 df");
  });

  it("hausman(fe, re, { method: \"mundlak\" }) is the same test, refitted from the random-effects model", () => {
    const g = frozen("grunfeld");
    const fe = panelFE(g, "inv ~ value + capital", ID);
    const re = panelRE(g, "inv ~ value + capital", ID);
    const h = hausman(fe, re, { method: "mundlak", vcov: { cluster: "firm", convention: "HC0" } });
    expectClose(h.statistic, ref.aux.grunfeld.arellano_hc0.statistic, RTOL, "chisq");
    expect(h.vcovType).toContain("HC0");
    // the classical test is unchanged (plm phtest(fe, re): 2.33036689367)
    expectClose(hausman(fe, re).statistic, 2.330366893675, RTOL, "classical chisq");
  });

  it("on a balanced panel equals the Mundlak form: random effects with the entity means added, Wald test of the means", () => {
    // brute force through panelRE itself: the means are time-invariant and collinear with the
    // regressors in the between regression, which must drop them (as plm) for theta to stay the same
    const g = ref.data.grunfeld as Record<string, number[]>;
    const mean = (col: number[]) => {
      const s = new Map<number, [number, number]>();
      g.firm.forEach((f, i) => { const a = s.get(f) ?? [0, 0]; a[0] += col[i]; a[1]++; s.set(f, a); });
      return g.firm.map((f) => s.get(f)![0] / s.get(f)![1]);
    };
    const d = { ...g, m_value: mean(g.value), m_capital: mean(g.capital) };
    const m = panelRE(d, "inv ~ value + capital + m_value + m_capital", { ...ID, vcov: { cluster: "firm", convention: "plm" } });
    expectClose(m.theta[0], ref.mundlak_balanced.theta, RTOL, "theta");
    const w = waldTest(m, ["m_value", "m_capital"]);
    // waldTest reports F = W/q with the plm factor n/(n-k); undo both to get plm's HC0 Wald statistic
    const W0 = w.statistic * 2 * (m.n / (m.n - m.k));
    expectClose(W0, ref.mundlak_balanced.statistic, RTOL, "Mundlak form, R");
    expectClose(W0, mundlakTest(d, "inv ~ value + capital", { ...ID, vcov: { cluster: "firm", convention: "HC0" } }).statistic, RTOL, "Mundlak form vs auxiliary form");
  });

  for (const [name, formula] of [["grunfeld", "inv ~ value + capital + factor(year)"], ["produc", "lgsp ~ lpcap + lpc + lemp + unemp + factor(year)"]]) {
    it(`${name} with year dummies: their within copies are dropped as collinear (R lm aliases them) and the rest is tested`, () => {
      // plm's phtest(method = "aux") cannot run here; reference = the same regression by hand in R (auxByHand)
      const r = ref.aux_year_dummies[name];
      const t = mundlakTest(frozen(name), formula, { ...ID, vcov: { cluster: "firm", convention: "HC0" } });
      expect(t.terms).toEqual(r.tested);
      expect(t.notTestable).toEqual(r.aliased);
      expect(t.df).toBe(r.df);
      expectClose(t.statistic, r.statistic, RTOL, "chisq");
      expectClose(t.pValue, r.p, RTOL, "p");
      expect(t.summary()).toContain("Not testable (within copy collinear with the quasi-demeaned regressors");
    });
  }

  it("clusters by any id column, not only the entity", () => {
    const g = ref.data.grunfeld as Record<string, number[]>;
    const d = { ...g, pair: g.firm.map((f) => Math.floor((f - 1) / 2)) };
    const byFirm = mundlakTest(d, "inv ~ value + capital", { ...ID, vcov: { cluster: "firm", convention: "HC0" } });
    const byPair = mundlakTest(d, "inv ~ value + capital", { ...ID, vcov: { cluster: "pair", convention: "HC0" } });
    expect(byPair.clusters).toBe(5);
    expect(byPair.statistic).not.toBeCloseTo(byFirm.statistic, 3);
  });
});

describe("mundlakTest and hausman bad input", () => {
  const g = frozen("grunfeld");
  it("an unknown cluster convention or vcov is an error naming the allowed ones", () => {
    // @ts-expect-error testing a wrong value
    expect(() => mundlakTest(g, "inv ~ value + capital", { ...ID, vcov: { cluster: "firm", convention: "HC3" } }))
      .toThrow('mundlakTest: cluster convention must be "stata", "plm", "sandwich", "HC0" (got "HC3")');
    expect(() => mundlakTest(g, "inv ~ value + capital", { ...ID, vcov: "HC9" }))
      .toThrow(/^mundlakTest: unknown vcov "HC9" \(use "iid", "HC0", "HC1", "HC3", \{ cluster: column, convention\? \}/);
  });

  it("a formula whose regressors are all time-invariant has nothing to test", () => {
    const d = { ...(ref.data.grunfeld as Record<string, number[]>) };
    d.big = d.firm.map((f) => (f <= 3 ? 1 : 0));
    expect(() => mundlakTest(d, "inv ~ big", ID)).toThrow("mundlakTest: no regressor varies within the entities, so there is nothing to test");
    // time dummies alone: they vary within entities, but their within copies add nothing in a balanced panel
    expect(() => mundlakTest(frozen("grunfeld"), "inv ~ factor(year)", ID))
      .toThrow(/^mundlakTest: no regressor varies within the entities in a way that is not collinear with the quasi-demeaned regressors \(factor\(year\)1936, /);
  });

  it("a time-invariant regressor stays in the auxiliary regression but is not tested", () => {
    const d = { ...(ref.data.grunfeld as Record<string, number[]>) };
    d.big = d.firm.map((f) => (f <= 3 ? 1 : 0));
    const t = mundlakTest(d, "inv ~ value + capital + big", ID);
    expect(t.terms).toEqual(["value", "capital"]);
    expect(t.auxiliary.terms).toEqual(["(Intercept)", "value", "capital", "big", "value.within", "capital.within"]);
  });

  it("hausman method \"mundlak\" needs the panelRE result itself, matching effects, and vcov only with that method", () => {
    const fe = panelFE(g, "inv ~ value + capital", ID);
    const re = panelRE(g, "inv ~ value + capital", ID);
    expect(() => hausman(fe, { ...re }, { method: "mundlak" }))
      .toThrow(/^hausman: method "mundlak" refits the random-effects model, so the second argument must be the object panelRE returned/);
    const fe2 = panelFE(g, "inv ~ value + capital", { ...ID, effects: "twoways" });
    expect(() => hausman(fe2, re, { method: "mundlak" }))
      .toThrow('hausman: the fixed-effects model has effects "twoways" but the random-effects model "entity"');
    expect(() => hausman(fe, re, { vcov: { cluster: "firm" } }))
      .toThrow('hausman: vcov applies to method "mundlak"');
    // @ts-expect-error testing a wrong value
    expect(() => hausman(fe, re, { method: "aux" })).toThrow('hausman: method must be "chisq" or "mundlak" (got "aux")');
  });
});
