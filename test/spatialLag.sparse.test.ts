import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { weights } from "../lib/weights";
import { ols } from "../lib/regression";
import { lmTests, spatialLag, spatialError } from "../lib/spatialreg";
import { expectClose, RTOL, RTOL_ML_SE } from "./tolerances";

// n = 3,107 US counties (spData elect80, queen contiguity e80_queen, style "W", zero.policy = TRUE: 4 islands).
// Estimates and log-likelihoods: R 4.2.2, spatialreg 1.2-6 lagsarlm / errorsarlm with method = "Matrix"
// (sparse Cholesky). Standard errors: the same models with method = "eigen", whose SEs come from the analytical
// asymptotic information matrix (spatialreg's "Matrix" SEs use a numerical Hessian instead).
// LM tests: spdep 1.2-7 lm.LMtests(zero.policy = TRUE). Script: test/reference/spatialreg-elect80.R
const ref = JSON.parse(readFileSync(join(__dirname, "reference/spatialreg-elect80.json"), "utf8"));
const w = weights.fromGAL(readFileSync(join(__dirname, "reference/spatialreg-elect80.gal"), "utf8"));
const data = Object.freeze({ ...ref.data });
const opts = { id: "FIPS", zeroPolicy: true } as const;

describe("spatial models at n = 3,107 through the sparse log-determinant agree with spatialreg method Matrix", () => {
  it("has the 4 islands spdep reports, which need zeroPolicy", () => {
    expect([...w.islands].sort()).toEqual([...ref.islands].sort());
    expect(() => spatialLag(data, ref.formula, w, { id: "FIPS" })).toThrow(/spatialLag: weights have 4 islands/);
  });

  const lag = spatialLag(data, ref.formula, w, opts);
  it("spatialLag picks the sparse path (auto) and matches rho, coefficients, sigma2, logLik and LR to 1e-6", () => {
    expect(lag.logdetMethod).toBe("sparse");
    expectClose(lag.rho, ref.lag.rho, RTOL, "rho");
    lag.coefficients.forEach((c, j) => expectClose(c.estimate, ref.lag.coefficients[j], RTOL, `beta ${c.term}`));
    expectClose(lag.sigma2, ref.lag.sigma2, RTOL, "sigma2");
    expectClose(lag.logLik, ref.lag.logLik, RTOL, "logLik");
    expectClose(lag.lrTest.statistic, ref.lag.lrTest.statistic, RTOL, "LR");
  });
  it("spatialLag standard errors equal spatialreg's analytical ones (method eigen) to 1e-4", () => {
    expectClose(lag.rhoStdError, ref.lag.eigen.rhoStdError, RTOL_ML_SE, "rho se");
    lag.coefficients.forEach((c, j) => expectClose(c.stdError, ref.lag.eigen.stdError[j], RTOL_ML_SE, `se ${c.term}`));
    expect(lag.traceMethod).toBe("exact-sparse");
  });

  const err = spatialError(data, ref.formula, w, opts);
  it("spatialError matches lambda, coefficients, sigma2, logLik and LR to 1e-6", () => {
    expect(err.logdetMethod).toBe("sparse");
    expectClose(err.lambda, ref.error.lambda, RTOL, "lambda");
    err.coefficients.forEach((c, j) => expectClose(c.estimate, ref.error.coefficients[j], RTOL, `beta ${c.term}`));
    expectClose(err.sigma2, ref.error.sigma2, RTOL, "sigma2");
    expectClose(err.logLik, ref.error.logLik, RTOL, "logLik");
    expectClose(err.lrTest.statistic, ref.error.lrTest.statistic, RTOL, "LR");
  });
  it("spatialError standard errors equal spatialreg's analytical ones (method eigen) to 1e-4", () => {
    expectClose(err.lambdaStdError, ref.error.eigen.lambdaStdError, RTOL_ML_SE, "lambda se");
    err.coefficients.forEach((c, j) => expectClose(c.stdError, ref.error.eigen.stdError[j], RTOL_ML_SE, `se ${c.term}`));
  });

  it("LM tests with islands kept as zero rows equal spdep lm.LMtests(zero.policy = TRUE)", () => {
    const t = lmTests(ols(data, ref.formula, { id: "FIPS" }), w, { zeroPolicy: true });
    const pairs = [["lmError", "LMerr"], ["lmLag", "LMlag"], ["robustLmError", "RLMerr"], ["robustLmLag", "RLMlag"], ["sarma", "SARMA"]] as const;
    for (const [ours, theirs] of pairs) expectClose(t[ours].statistic, ref.lmTests[theirs].statistic, RTOL, ours);
  });
});
