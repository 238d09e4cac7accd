import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ols } from "../lib/regression";
import { vcov, withVcov } from "../lib/inference";
import { expectClose, RTOL } from "./tolerances";

// R 4.2.2 lm + sandwich 3.0.2 on spData columbus: test/reference/ols-columbus.R
const ref = JSON.parse(readFileSync(join(__dirname, "reference/ols-columbus.json"), "utf8"));
const data = Object.freeze({ ...ref.data }) as Record<string, unknown[]>;
for (const v of Object.values(data)) Object.freeze(v);

type RefFit = {
  formula: string; terms: string[]; coefficients: number[]; stdError: number[]; tValue: number[]; pValue: number[];
  sigma: number; r2: number; adjR2: number; fStatistic: number; fDf1: number; fDf2: number; logLik: number; aic: number; bic: number;
  dfResidual: number; residuals: number[]; fitted: number[]; vcov: Record<string, number[]>;
};

function vecClose(a: ArrayLike<number>, b: ArrayLike<number>, what: string, rtol = RTOL, atol = 1e-9) {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < b.length; i++) expectClose(a[i], b[i], rtol, `${what}[${i}]`, atol);
}

describe("ols agrees with R lm", () => {
  for (const r of ref.ols as RefFit[]) {
    it(`reproduces coefficients, classical SEs, t, p, R², F, logLik and AIC for ${r.formula}`, () => {
      const m = ols(data, r.formula);
      expect(m.coefficients.map((c) => c.term)).toEqual(r.terms);
      vecClose(m.coefficients.map((c) => c.estimate), r.coefficients, "coef");
      vecClose(m.coefficients.map((c) => c.stdError), r.stdError, "se");
      vecClose(m.coefficients.map((c) => c.statistic), r.tValue, "t");
      vecClose(m.coefficients.map((c) => c.pValue), r.pValue, "p", RTOL, 1e-15);
      expectClose(m.sigma, r.sigma, RTOL, "sigma");
      expectClose(m.r2, r.r2, RTOL, "r2");
      expectClose(m.adjR2, r.adjR2, RTOL, "adjR2");
      expectClose(m.fStatistic!.statistic, r.fStatistic, RTOL, "F");
      expect([m.fStatistic!.df1, m.fStatistic!.df2]).toEqual([r.fDf1, r.fDf2]);
      expectClose(m.logLik, r.logLik, RTOL, "logLik");
      expectClose(m.aic, r.aic, RTOL, "aic");
      expectClose(m.bic, r.bic, RTOL, "bic");
      expect(m.dfResidual).toBe(r.dfResidual);
      vecClose(m.residuals, r.residuals, "residuals", RTOL, 1e-8);
      vecClose(m.fitted, r.fitted, "fitted");
      vecClose(m.vcov, r.vcov.classical, "vcov classical");
    });

    for (const type of ["HC0", "HC1", "HC3"] as const) {
      it(`matches sandwich::vcovHC(type = "${type}") for ${r.formula}`, () => {
        const m = ols(data, r.formula, { vcov: type });
        vecClose(m.vcov, r.vcov[type], `vcov ${type}`);
        expect(m.vcovType).toBe(type);
        // estimates do not depend on the variance choice
        vecClose(m.coefficients.map((c) => c.estimate), r.coefficients, "coef");
      });
    }

    it(`matches sandwich::vcovCL(cluster = ~cluster10, type = "HC1") for ${r.formula}`, () => {
      const m = ols(data, r.formula, { vcov: { cluster: "cluster10" } });
      vecClose(m.vcov, r.vcov.cluster10, "vcov cluster");
      expect(m.vcovType).toMatch(/^cluster\(cluster10\)/);
    });
  }

  it("re-computes inference for a fitted model without refitting (vcov(model, spec), withVcov)", () => {
    const r = (ref.ols as RefFit[])[0];
    const m = ols(data, r.formula);
    const h = vcov(m, "HC3");
    vecClose(h.values, r.vcov.HC3, "vcov HC3");
    expect(h.names).toEqual(m.coefficientNames);
    vecClose(withVcov(m, "HC3").vcov, r.vcov.HC3, "withVcov HC3");
    const c = m.withVcov({ cluster: "cluster10" });
    vecClose(c.vcov, r.vcov.cluster10, "vcov cluster");
    vecClose(c.coefficients.map((x) => x.stdError), r.vcov.cluster10.filter((_, i) => i % (m.k + 1) === 0).map(Math.sqrt), "cluster SEs");
    vecClose(m.vcov, r.vcov.classical, "original unchanged");
  });
});

describe("ols summary", () => {
  it("prints method, dependent variable, n, k, df, SE type, the coefficient table and fit statistics", () => {
    const s = ols(data, "CRIME ~ INC + HOVAL", { vcov: "HC1" }).summary();
    for (const needle of ["Ordinary least squares", "Dependent variable", "CRIME", "Observations", "49", "Residual df", "46", "HC1",
      "(Intercept)", "INC", "HOVAL", "Std. Error", "t value", "R-squared", "Log-likelihood", "AIC", "F statistic"]) {
      expect(s).toContain(needle);
    }
  });
  it("renders as an HTML table with escaped names", () => {
    const h = ols(data, "CRIME ~ INC + I(HOVAL/INC)").toHTML();
    expect(h).toMatch(/^<div class="model-summary"/);
    expect(h).toContain("<table");
    expect(h).toContain("I(HOVAL/INC)");
    expect(h).toContain("Pr(&gt;|t|)");
  });
});

describe("ols bad input", () => {
  const base = { y: [1, 3, 2, 5, 4, 6], x1: [1, 2, 3, 4, 5, 6], x2: [2, 1, 4, 3, 6, 5] };
  it("names column and rows of missing values", () => {
    expect(() => ols({ ...base, x1: [1, null, 3, 4, NaN, 6] }, "y ~ x1")).toThrow('ols: column "x1" has 2 missing values (rows 1, 4)');
  });
  it("rejects a non-numeric column", () => {
    expect(() => ols({ ...base, x1: ["a", "b", "c", "d", "e", "f"] }, "y ~ x1")).toThrow('ols: column "x1" is not numeric (row 0 is "a")');
  });
  it("rejects a constant regressor beside the intercept", () => {
    expect(() => ols({ ...base, c: [2, 2, 2, 2, 2, 2] }, "y ~ x1 + c")).toThrow('ols: column "c" is constant, so it cannot be estimated beside the intercept');
  });
  it("names the aliased column under perfect collinearity", () => {
    const x3 = base.x1.map((v, i) => v + 2 * base.x2[i]);
    expect(() => ols({ ...base, x3 }, "y ~ x1 + x2 + x3")).toThrow('ols: perfect collinearity: column "x3" is a linear combination of "x1", "x2"');
  });
  it("requires n > k", () => {
    expect(() => ols({ y: [1, 2, 3], a: [1, 2, 4], b: [3, 1, 2] }, "y ~ a + b")).toThrow("ols: n = 3 observations but k = 3 coefficients; need n > k");
  });
  it("rejects an unknown vcov and a single cluster", () => {
    expect(() => ols(base, "y ~ x1", { vcov: "HC9" as never })).toThrow(/unknown vcov "HC9"/);
    expect(() => ols({ ...base, g: [1, 1, 1, 1, 1, 1] }, "y ~ x1", { vcov: { cluster: "g" } })).toThrow(/at least 2 clusters/);
    expect(() => ols(base, "y ~ x1", { vcov: { cluster: "nope" } })).toThrow('ols: no column "nope"');
  });
  it("fits without an intercept using uncentred R² like R", () => {
    // lm(y ~ x1 - 1) on base: coefficient = sum(x*y)/sum(x^2) = (1+6+6+20+20+36)/91 = 89/91 (worked by hand)
    const m = ols(base, "y ~ x1 - 1");
    expectClose(m.coefficients[0].estimate, 89 / 91, RTOL, "slope");
    const rss = base.y.reduce((s, y, i) => s + (y - (89 / 91) * base.x1[i]) ** 2, 0);
    expectClose(m.r2, 1 - rss / base.y.reduce((s, y) => s + y * y, 0), RTOL, "uncentred r2");
  });
});
