import { describe, it, expect } from "vitest";
import { panelRE, panelFE, hausman } from "../lib/panel";
import { RTOL, expectClose } from "./tolerances";
import { readReference, frozenColumns } from "./helpers/panelReference";

// All reference numbers: R plm 2.6-2, plm(model = "random", random.method = "swar") and phtest,
// script test/reference/plm-random.R (data included in the JSON).
const ref = readReference("plm-random.json");
const ID = { entity: "firm", time: "year" } as const;

/** A frozen copy of a reference panel, so a function that mutates its input fails loudly. */
const frozen = (ds: string) => frozenColumns(ref.data[ds] as Record<string, readonly unknown[]>);

const CASES: { name: string; ds: string; formula: string; effects: "entity" | "time" | "twoways" }[] = [
  { name: "grunfeld_year_dummies", ds: "grunfeld", formula: "inv ~ value + capital + factor(year)", effects: "entity" },
  { name: "produc_year_dummies", ds: "produc", formula: "lgsp ~ lpcap + lpc + lemp + unemp + factor(year)", effects: "entity" },
  { name: "grunfeld_twoways", ds: "grunfeld", formula: "inv ~ value + capital", effects: "twoways" },
  { name: "produc_twoways", ds: "produc", formula: "lgsp ~ lpcap + lpc + lemp + unemp", effects: "twoways" },
  { name: "grunfeld_time", ds: "grunfeld", formula: "inv ~ value + capital", effects: "time" },
  { name: "grunfeld_u_time", ds: "grunfeld_u", formula: "inv ~ value + capital", effects: "time" },
  { name: "produc_time", ds: "produc", formula: "lgsp ~ lpcap + lpc + lemp + unemp", effects: "time" },
  { name: "empluk_individual", ds: "empluk", formula: "lemp ~ lwage + lcap", effects: "entity" },
  { name: "empluk_time", ds: "empluk", formula: "lemp ~ lwage + lcap", effects: "time" },
];

describe("panelRE with time dummies, time effects and two-way effects agrees with plm (Swamy–Arora)", () => {
  for (const c of CASES) {
    it(`${c.name}: coefficients, SEs, variance components, theta, R² and the Hausman test match plm to 1e-6`, () => {
      const r = ref.random[c.name];
      const m = panelRE(frozen(c.ds), c.formula, { ...ID, effects: c.effects });
      expect(m.effects).toBe(c.effects);
      expect(m.coefficients.map((x) => x.term)).toEqual(r.terms);
      m.coefficients.forEach((x, j) => {
        expectClose(x.estimate, r.coef[j], RTOL, `coef ${x.term}`);
        expectClose(x.stdError, r.se[j], RTOL, `se ${x.term}`);
      });
      expect(m.dfResidual).toBe(r.df_residual);
      expectClose(m.sigma2Idiosyncratic, r.sigma2.idios, RTOL, "sigma2 idios");
      if (c.effects === "time") expect(m.sigma2Entity).toBeNull();
      else expectClose(m.sigma2Entity as number, r.sigma2.id, RTOL, "sigma2 id");
      if (c.effects === "entity") expect(m.sigma2Time).toBeNull();
      else expectClose(m.sigma2Time as number, r.sigma2.time, RTOL, "sigma2 time");
      if (c.effects === "twoways") {
        expectClose(m.thetaTwoways!.entity, r.theta_range.id[0], RTOL, "theta id");
        expectClose(m.thetaTwoways!.time, r.theta_range.time[0], RTOL, "theta time");
        expectClose(m.thetaTwoways!.total, r.theta_range.total[0], RTOL, "theta total");
      } else {
        // plm names the one-way weight "id" for both entity and time effects
        expect(m.thetaTwoways).toBeNull();
        expectClose(Math.min(...m.theta), r.theta_range.id[0], RTOL, "min theta");
        expectClose(Math.max(...m.theta), r.theta_range.id[1], RTOL, "max theta");
      }
      expectClose(m.fit.r2, r.r2, RTOL, "r2");
      const fe = panelFE(frozen(c.ds), c.formula, { ...ID, effects: c.effects });
      const h = hausman(fe, m);
      expectClose(h.statistic, r.hausman.statistic, RTOL, "Hausman chisq");
      expect(h.df).toBe(r.hausman.df);
      expectClose(h.pValue, r.hausman.p, RTOL, "Hausman p");
    });
  }

  it("drops the year dummies from the between regression on a balanced panel, keeps them in the GLS regression, and says so", () => {
    const m = panelRE(frozen("grunfeld"), "inv ~ value + capital + factor(year)", ID);
    expect(m.betweenAliased).toHaveLength(19);
    expect(m.betweenAliased[0]).toBe("factor(year)1936");
    expect(m.coefficients).toHaveLength(22);
    expect(m.summary()).toMatch(/Between regression: factor\(year\)1936, factor\(year\)1937, factor\(year\)1938, … and 16 more dropped as constant or collinear there/);
    expect(panelRE(frozen("grunfeld"), "inv ~ value + capital", ID).betweenAliased).toEqual([]);
  });

  it("two-way summary names both variance components and the three theta weights", () => {
    const s = panelRE(frozen("produc"), "lgsp ~ lpcap + lpc + lemp + unemp", { ...ID, effects: "twoways" }).summary();
    expect(s).toContain("two-way (entity and time) effects");
    expect(s).toMatch(/Variance components : idiosyncratic 0\.00117572, entity 0\.00685411, time 9\.68097e-05/);
    expect(s).toMatch(/theta +: entity 0\.900052, time 0\.55064, total 0\.548724/);
  });

  it("a negative time-variance estimate is set to 0 (as plm) and the summary says so", () => {
    // plm gives sigma2 time = 0 for Grunfeld two-way (reference above); the note is ours
    const m = panelRE(frozen("grunfeld"), "inv ~ value + capital", { ...ID, effects: "twoways" });
    expect(m.sigma2Time).toBe(0);
    expect(m.summary()).toContain("The period variance estimate was negative and is set to 0");
  });
});

describe("panelRE bad input: where plm's Swamy–Arora cannot be computed, a clear error", () => {
  it("unbalanced panel with year dummies collinear in the between regression (plm: singular matrix)", () => {
    expect(ref.errors.empluk_year_dummies).toMatch(/exactly singular/);
    expect(() => panelRE(frozen("empluk"), "lemp ~ lwage + lcap + factor(year)", ID))
      .toThrow(/^panelRE: in an unbalanced panel the Swamy–Arora between regression on entity means needs a full-rank design, but "factor\(year\)\d+".* constant or collinear there \(plm 2\.6-2 fails too/);
  });

  it("more between coefficients than entities (plm: model not estimable)", () => {
    expect(ref.errors.grunfeld_u_year_dummies).toMatch(/model not estimable: 22 coefficient/);
    expect(() => panelRE(frozen("grunfeld_u"), "inv ~ value + capital + factor(year)", ID))
      .toThrow("panelRE: the between regression on entity means has 22 coefficients (intercept included) but only 10 entities");
  });

  it("two-way random effects on an unbalanced panel are refused, naming the alternatives", () => {
    expect(() => panelRE(frozen("grunfeld_u"), "inv ~ value + capital", { ...ID, effects: "twoways" }))
      .toThrow(/^panelRE: two-way random effects are supported on balanced panels only; this panel is unbalanced.*panelFE with effects "twoways"/);
  });

  it("an unknown effects value is an error", () => {
    // @ts-expect-error testing a wrong value
    expect(() => panelRE(frozen("grunfeld"), "inv ~ value", { ...ID, effects: "individual" }))
      .toThrow('panelRE: effects must be "entity", "time" or "twoways" (got "individual")');
  });
});
