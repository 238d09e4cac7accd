import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { weights } from "../lib/weights";
import { spatialError } from "../lib/spatialreg";
import { expectClose, RTOL, RTOL_ML_SE } from "./tolerances";

// R 4.2.2, spatialreg 1.2-6 errorsarlm(CRIME ~ INC + HOVAL, columbus, nb2listw(col.gal.nb, style = "W"),
// method = "eigen"); lambda SE from spatialreg's analytical asymptotic information matrix, coefficient SEs
// from sigma2 (X − λWX)'(X − λWX))⁻¹: test/reference/spatialreg-columbus.R
const ref = JSON.parse(readFileSync(join(__dirname, "reference/spatialreg-columbus.json"), "utf8"));
const w = weights.fromGAL(readFileSync(join(__dirname, "reference/spatialreg-columbus.gal"), "utf8"));
const data = Object.freeze({ ...ref.data });
const E = ref.error;

describe("spatialError agrees with spatialreg errorsarlm (method eigen) on Columbus", () => {
  const m = spatialError(data, "CRIME ~ INC + HOVAL", w, { id: "id" });

  it("estimates lambda, the coefficients, sigma2, logLik and AIC to 1e-6", () => {
    expectClose(m.lambda, E.lambda, RTOL, "lambda");
    expect(m.coefficients.map((c) => c.term)).toEqual(E.terms);
    m.coefficients.forEach((c, j) => expectClose(c.estimate, E.coefficients[j], RTOL, `beta ${c.term}`));
    expectClose(m.sigma2, E.sigma2, RTOL, "sigma2");
    expectClose(m.logLik, E.logLik, RTOL, "logLik");
    expectClose(m.aic, E.aic, RTOL, "aic");
  });

  it("gives the asymptotic standard errors of lambda and the coefficients to 1e-4", () => {
    expectClose(m.lambdaStdError, E.lambdaStdError, RTOL_ML_SE, "lambda se");
    m.coefficients.forEach((c, j) => expectClose(c.stdError, E.stdError[j], RTOL_ML_SE, `se ${c.term}`));
  });

  it("reports the LR test against OLS and the Wald test", () => {
    expectClose(m.lrTest.statistic, E.lrTest.statistic, RTOL, "LR");
    expectClose(m.lrTest.pValue, E.lrTest.pValue, RTOL, "LR p");
    expectClose(m.waldTest.statistic, E.waldTest.statistic, RTOL_ML_SE, "Wald");
  });

  it("returns spatialreg's residuals (of the filtered regression) and fitted values", () => {
    for (let i = 0; i < 49; i++) {
      expectClose(m.residuals[i], E.residuals[i], RTOL, `residual ${i}`, 1e-6);
      expectClose(m.fitted[i], E.fitted[i], RTOL, `fitted ${i}`);
    }
  });

  it("gives the same fit through the dense and sparse log-determinants", () => {
    for (const logdet of ["dense", "sparse"] as const) {
      const m2 = spatialError(data, "CRIME ~ INC + HOVAL", w, { id: "id", logdet });
      expectClose(m2.lambda, E.lambda, RTOL, `${logdet} lambda`);
      expectClose(m2.logLik, E.logLik, RTOL, `${logdet} logLik`);
      expectClose(m2.lambdaStdError, E.lambdaStdError, RTOL_ML_SE, `${logdet} lambda se`);
    }
  });

  it("summarizes with lambda, the SE type and the LR test; renders HTML", () => {
    const s = m.summary();
    for (const needle of ["Spatial error model", "lambda", "CRIME", "49", "asymptotic", "LR test lambda = 0"]) expect(s).toContain(needle);
    expect(m.toHTML()).toContain("lambda");
  });
});

describe("spatialError bad input", () => {
  it("names missing values with the function name", () => {
    const inc = (data.INC as number[]).slice();
    inc[2] = null as unknown as number;
    expect(() => spatialError({ ...data, INC: inc }, "CRIME ~ INC + HOVAL", w, { id: "id" })).toThrow('spatialError: column "INC" has 1 missing value (row 2)');
  });
  it("warns when lambda ends at the bound of a user interval", () => {
    const m = spatialError(data, "CRIME ~ INC + HOVAL", w, { id: "id", interval: [-0.9, 0.1] });
    expect(m.warnings[0]).toMatch(/lambda = .* is at the bound/);
  });
  it("rejects an empty interval", () => {
    expect(() => spatialError(data, "CRIME ~ INC + HOVAL", w, { id: "id", interval: [0.5, 0.1] })).toThrow("spatialError: interval must be [lower, upper] with lower < upper, got [0.5, 0.1]");
  });
  it("refuses the sparse log-determinant for weights not similar to symmetric", () => {
    // asymmetric custom weights (a 1-nearest-neighbour style structure)
    const ids = ["a", "b", "c", "d", "e"];
    const wa = new weights.SpatialWeights(ids, [[1], [2], [1], [2], [3]], [[1], [1], [1], [1], [1]], "custom");
    const d = { id: ids, y: [1, 3, 2, 5, 4], x: [1, 2, 3, 4, 6] };
    expect(() => spatialError(d, "y ~ x", wa, { id: "id", logdet: "sparse" })).toThrow(/spatialError: logdet "sparse" needs weights similar to a symmetric matrix/);
  });
});
