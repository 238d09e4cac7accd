import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { weights } from "../lib/weights";
import { spatialLag, spatialError, impacts, slx, durbinTests, specificationTests, sac } from "../lib/spatialreg";
import { withVcov } from "../lib/inference";
import { expectClose, RTOL, RTOL_ML_SE } from "./tolerances";

// R 4.2.2, spatialreg 1.2-6 lagsarlm / errorsarlm(Durbin = TRUE | ~ INC, method = "eigen") and impacts() on Columbus:
// test/reference/spatialreg-durbin.R
const ref = JSON.parse(readFileSync(join(__dirname, "reference/spatialreg-durbin.json"), "utf8"));
const columbus = JSON.parse(readFileSync(join(__dirname, "reference/spatialreg-columbus.json"), "utf8"));
const w = weights.fromGAL(readFileSync(join(__dirname, "reference/spatialreg-columbus.gal"), "utf8"));
const data = Object.freeze({ ...columbus.data });
const f = "CRIME ~ INC + HOVAL";

function agrees(m: { coefficients: { term: string; estimate: number; stdError: number }[]; logLik: number; sigma2: number }, parameter: number, parameterSE: number, r: any) {
  expectClose(parameter, r.parameter, RTOL, "spatial parameter");
  expect(m.coefficients.map((c) => c.term)).toEqual(r.terms);
  m.coefficients.forEach((c, j) => expectClose(c.estimate, r.coefficients[j], RTOL, c.term));
  m.coefficients.forEach((c, j) => expectClose(c.stdError, r.stdError[j], RTOL_ML_SE, `se ${c.term}`));
  expectClose(parameterSE, r.parameterStdError, RTOL_ML_SE, "parameter se");
  expectClose(m.logLik, r.logLik, RTOL, "logLik");
  expectClose(m.sigma2, r.sigma2, RTOL, "sigma2");
}

describe("spatial Durbin models agree with spatialreg (Columbus, method eigen)", () => {
  it("SDM (durbin: true): rho, coefficients with lag.INC and lag.HOVAL, logLik to 1e-6; SEs to 1e-4", () => {
    const m = spatialLag(data, f, w, { id: "id", durbin: true });
    agrees(m, m.rho, m.rhoStdError, ref.sdm);
    expect(m.summary()).toContain("Spatial Durbin model (SDM)");
  });
  it("SDM with Durbin terms for INC only (spatialreg Durbin = ~ INC)", () => {
    const m = spatialLag(data, f, w, { id: "id", durbin: ["INC"] });
    agrees(m, m.rho, m.rhoStdError, ref.sdmInc);
  });
  it("SDEM (spatialError with durbin: true)", () => {
    const m = spatialError(data, f, w, { id: "id", durbin: true });
    agrees(m, m.lambda, m.lambdaStdError, ref.sdem);
    expect(m.summary()).toContain("Spatial Durbin error model (SDEM)");
  });
  it("SDM impacts: direct = β tr(S)/n + θ tr(SW)/n, total = (β + θ)/(1 − ρ), exact and by traces (Q = 30)", () => {
    const m = spatialLag(data, f, w, { id: "id", durbin: true });
    for (const [imp, r] of [[impacts(m), ref.impacts], [impacts(m, { method: "trace", Q: 30, traces: "exact" }), ref.impactsTrace]] as const) {
      expect(imp.terms).toEqual(["INC", "HOVAL"]);
      imp.rows.forEach((row, j) => {
        expectClose(row.direct, r.direct[j], RTOL, `direct ${row.term}`);
        expectClose(row.indirect, r.indirect[j], RTOL, `indirect ${row.term}`);
        expectClose(row.total, r.total[j], RTOL, `total ${row.term}`);
      });
    }
    const inc = impacts(spatialLag(data, f, w, { id: "id", durbin: ["INC"] }));
    inc.rows.forEach((row, j) => expectClose(row.total, ref.impactsIncOnly.total[j], RTOL, `total ${row.term} (Durbin = ~ INC)`));
  });
  it("the simulated impacts draw theta with beta (seeded, reproducible)", () => {
    const m = spatialLag(data, f, w, { id: "id", durbin: true });
    const a = impacts(m, { simulations: 200, seed: 5 }), b = impacts(m, { simulations: 200, seed: 5 });
    expect(a.inference!.directStdError).toEqual(b.inference!.directStdError);
    expect(a.inference!.totalStdError[0]).toBeGreaterThan(0);
  });
  it("bad Durbin terms are errors naming the column", () => {
    expect(() => spatialLag(data, f, w, { id: "id", durbin: ["OPEN"] })).toThrow('spatialLag: durbin term "OPEN" is not a column of the model (columns: (Intercept), INC, HOVAL)');
    expect(() => spatialLag(data, f, w, { id: "id", durbin: ["(Intercept)"] })).toThrow("spatialLag: the intercept has no spatial lag term");
    expect(() => spatialError(data, f, w, { id: "id", durbin: "yes" as never })).toThrow('spatialError: durbin must be true or a list of column names (got "yes")');
  });
});

describe("slx agrees with spatialreg lmSLX and its impacts", () => {
  it("coefficients and classical SEs to 1e-6; direct, indirect and total effects with their SEs to 1e-6", () => {
    const m = slx(data, f, w, { id: "id" });
    const r = ref.slx;
    expect(m.coefficients.map((c) => c.term)).toEqual(r.terms);
    m.coefficients.forEach((c, j) => expectClose(c.estimate, r.coefficients[j], RTOL, c.term));
    m.coefficients.forEach((c, j) => expectClose(c.stdError, r.stdError[j], RTOL, `se ${c.term}`));
    m.effects.forEach((e, j) => {
      expectClose(e.direct, r.impacts.direct[j], RTOL, `direct ${e.term}`);
      expectClose(e.indirect, r.impacts.indirect[j], RTOL, `indirect ${e.term}`);
      expectClose(e.total, r.impacts.total[j], RTOL, `total ${e.term}`);
      expectClose(e.totalStdError, r.se.total[j], RTOL, `se total ${e.term}`);
      expectClose(e.indirectStdError, r.se.indirect[j], RTOL, `se indirect ${e.term}`);
    });
    expect(m.summary()).toContain("Spatial lag of X model (SLX)");
  });
  it("the effects follow the variance: withVcov(HC1) changes their SEs, not their values", () => {
    const m = slx(data, f, w, { id: "id" });
    const h = withVcov(m, "HC1");
    expect(h.effects[0].total).toBe(m.effects[0].total);
    expect(h.effects[0].totalStdError).not.toBe(m.effects[0].totalStdError);
  });
});

describe("durbinTests: Elhorst's tests of the SDM against SAR and SEM", () => {
  const t = durbinTests(data, f, w, { id: "id" });
  it("LR tests agree with spatialreg LR.Sarlm to 1e-6", () => {
    for (const [ours, theirs] of [[t.lr.sdmVsSar, ref.lrSdmSar], [t.lr.sdmVsSem, ref.lrSdmSem], [t.lr.sdemVsSem, ref.lrSdemSem]] as const) {
      expectClose(ours.statistic, theirs.statistic, RTOL, ours.name);
      expect(ours.df).toBe(theirs.df);
    }
  });
  it("Wald θ = 0 and the common-factor Wald test agree with the same quadratic forms on spatialreg's SDM covariance (to 1e-4: ML SEs)", () => {
    expectClose(t.wald.theta.statistic, ref.waldTheta.statistic, RTOL_ML_SE, "Wald theta");
    expectClose(t.wald.commonFactor.statistic, ref.waldCommonFactor.statistic, RTOL_ML_SE, "Wald common factor");
  });
  it("LR tests against the SLX model (ρ = 0, λ = 0) agree with spatialreg LR.Sarlm(sdm, lmSLX) and the AICs with AIC() to 1e-6", () => {
    expectClose(t.lr.sdmVsSlx.statistic, ref.lrSdmSlx.statistic, RTOL, "LR SDM vs SLX");
    expectClose(t.lr.sdemVsSlx.statistic, ref.lrSdemSlx.statistic, RTOL, "LR SDEM vs SLX");
    expect([t.lr.sdmVsSlx.df, t.lr.sdemVsSlx.df]).toEqual([ref.lrSdmSlx.df, ref.lrSdemSlx.df]);
    expectClose(t.lr.sdmVsSlx.pValue, ref.lrSdmSlx.pValue, RTOL, "LR SDM vs SLX p");
    expectClose(t.aic.sdm, ref.aicSdm, RTOL, "AIC SDM");
    expectClose(t.aic.sdem, ref.aicSdem, RTOL, "AIC SDEM");
  });
  it("step 1, the LM tests on the OLS residuals, agree with spdep lm.LMtests (LMlag, LMerr, RLMlag, RLMerr) to 1e-6", () => {
    expectClose(t.lm.lmLag.statistic, ref.lmOls.LMlag, RTOL, "LMlag");
    expectClose(t.lm.lmError.statistic, ref.lmOls.LMerr, RTOL, "LMerr");
    expectClose(t.lm.robustLmLag.statistic, ref.lmOls.RLMlag, RTOL, "RLMlag");
    expectClose(t.lm.robustLmError.statistic, ref.lmOls.RLMerr, RTOL, "RLMerr");
  });
  it("names itself in the errors of the models it fits (a missing value: durbinTests: spatialLag: column …)", () => {
    const inc = Float64Array.from(data.INC as ArrayLike<number>);
    inc[4] = NaN;
    expect(() => durbinTests({ ...data, INC: inc }, f, w, { id: "id" })).toThrow(/^durbinTests: spatialLag: column "INC" has 1 missing value/);
  });
  it("specificationTests is the same procedure, and the printed table lists the LM, LR, Wald tests and the caveats", () => {
    expect(specificationTests).toBe(durbinTests);
    const text = t.summary();
    for (const name of ["LM lag (OLS)", "robust LM error (OLS)", "LR SDM vs SLX", "LR SDEM vs SLX", "AIC SDEM", "not nested"]) expect(text).toContain(name);
  });
  it("names the decision (Columbus: neither restriction rejected at 5%) and prints every test", () => {
    expect(t.decision).toContain("neither restriction is rejected");
    for (const name of ["LR SDM vs SAR", "LR SDM vs SEM", "Wald θ = 0", "common factor"]) expect(t.summary()).toContain(name);
  });
});

describe("sac (SAC / SARAR) and the general nesting model agree with spatialreg sacsarlm", () => {
  const sacOf = (m: ReturnType<typeof sac>, r: any, seTol: number) => {
    expectClose(m.rho, r.rho, RTOL, "rho");
    expectClose(m.lambda, r.lambda, RTOL, "lambda");
    expect(m.coefficients.map((c) => c.term)).toEqual(r.terms);
    m.coefficients.forEach((c, j) => expectClose(c.estimate, r.coefficients[j], RTOL, c.term));
    expectClose(m.logLik, r.logLik, RTOL, "logLik");
    expectClose(m.sigma2, r.sigma2, RTOL, "sigma2");
    if (seTol > 0) {
      expectClose(m.rhoStdError, r.rhoStdError, seTol, "rho se");
      expectClose(m.lambdaStdError, r.lambdaStdError, seTol, "lambda se");
      m.coefficients.forEach((c, j) => expectClose(c.stdError, r.stdError[j], seTol, `se ${c.term}`));
    }
  };
  it("SAC: rho, lambda, coefficients, logLik to 1e-6; analytical asymptotic SEs to 1e-4", () => {
    const m = sac(data, f, w, { id: "id" });
    sacOf(m, ref.sac, RTOL_ML_SE);
    expect(m.summary()).toContain("Spatial autoregressive combined model (SAC)");
  });
  it("SAC with vcov: \"hessian\": the numerical Hessian SEs agree with spatialreg's fdHess to 2e-3 (two finite-difference schemes)", () => {
    const m = sac(data, f, w, { id: "id", vcov: "hessian" });
    const se = [m.rhoStdError, m.lambdaStdError, ...m.coefficients.map((c) => c.stdError)];
    se.forEach((v, j) => expectClose(v, ref.sacFdHessStdError[j], 2e-3, `fdHess se ${j}`));
  });
  it("GNS (sac with durbin: true): estimates and logLik to 1e-6", () => {
    sacOf(sac(data, f, w, { id: "id", durbin: true }), ref.gns, 0);
  });
  it("refuses a least-squares vcov", () => {
    expect(() => sac(data, f, w, { id: "id", vcov: "HC1" as never })).toThrow(/sac: vcov must be "information"/);
  });
});

describe("impacts of SAC and GNS fits agree with spatialreg impacts(sacsarlm)", () => {
  for (const [label, durbin, r] of [["SAC", false, ref.sacImpacts], ["GNS", true, ref.gnsImpacts]] as const) {
    it(`${label}: direct, indirect and total to 1e-6; simulated SEs are seeded`, () => {
      const m = sac(data, f, w, { id: "id", durbin });
      const imp = m.impacts();
      imp.rows.forEach((row, j) => {
        expectClose(row.direct, r.direct[j], RTOL, `direct ${row.term}`);
        expectClose(row.indirect, r.indirect[j], RTOL, `indirect ${row.term}`);
        expectClose(row.total, r.total[j], RTOL, `total ${row.term}`);
      });
      expect(m.impacts({ simulations: 100, seed: 2 }).inference!.totalStdError).toEqual(m.impacts({ simulations: 100, seed: 2 }).inference!.totalStdError);
    });
  }
});
