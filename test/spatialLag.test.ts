import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { weights } from "../lib/weights";
import { spatialLag } from "../lib/spatialreg";
import { expectClose, RTOL, RTOL_ML_SE } from "./tolerances";

// R 4.2.2, spatialreg 1.2-6 lagsarlm(CRIME ~ INC + HOVAL, columbus, nb2listw(col.gal.nb, style = "W"),
// method = "eigen"); standard errors from spatialreg's analytical asymptotic information matrix (ase):
// test/reference/spatialreg-columbus.R
const ref = JSON.parse(readFileSync(join(__dirname, "reference/spatialreg-columbus.json"), "utf8"));
const w = weights.fromGAL(readFileSync(join(__dirname, "reference/spatialreg-columbus.gal"), "utf8"));
const data = Object.freeze({ ...ref.data });
const L = ref.lag;

describe("spatialLag agrees with spatialreg lagsarlm (method eigen) on Columbus", () => {
  const m = spatialLag(data, "CRIME ~ INC + HOVAL", w, { id: "id" });

  it("estimates rho, the coefficients, sigma2, logLik and AIC to 1e-6", () => {
    expectClose(m.rho, L.rho, RTOL, "rho");
    expect(m.coefficients.map((c) => c.term)).toEqual(L.terms);
    m.coefficients.forEach((c, j) => expectClose(c.estimate, L.coefficients[j], RTOL, `beta ${c.term}`));
    expectClose(m.sigma2, L.sigma2, RTOL, "sigma2");
    expectClose(m.logLik, L.logLik, RTOL, "logLik");
    expectClose(m.aic, L.aic, RTOL, "aic");
    expectClose(m.aicOls, L.aicLm, RTOL, "OLS AIC");
  });

  it("gives the asymptotic standard errors of rho and the coefficients to 1e-4", () => {
    expectClose(m.rhoStdError, L.rhoStdError, RTOL_ML_SE, "rho se");
    m.coefficients.forEach((c, j) => expectClose(c.stdError, L.stdError[j], RTOL_ML_SE, `se ${c.term}`));
    // whole covariance matrix of (sigma2, rho, beta)
    expect(m.vcovNames.slice(1)).toEqual(L.vcovNames.slice(1));
    for (let i = 0; i < L.vcov.length; i++) expectClose(m.vcov[i], L.vcov[i], RTOL_ML_SE, `vcov[${i}]`, 1e-10);
  });

  it("reports the LR test against OLS and the Wald test", () => {
    expectClose(m.lrTest.statistic, L.lrTest.statistic, RTOL, "LR");
    expectClose(m.lrTest.pValue, L.lrTest.pValue, RTOL, "LR p");
    expect(m.lrTest.df).toBe(1);
    expectClose(m.waldTest.statistic, L.waldTest.statistic, RTOL_ML_SE, "Wald");
  });

  it("returns residuals and fitted values like spatialreg (fitted = y − residuals)", () => {
    for (let i = 0; i < 49; i++) {
      expectClose(m.residuals[i], L.residuals[i], RTOL, `residual ${i}`, 1e-6);
      expectClose(m.fitted[i], L.fitted[i], RTOL, `fitted ${i}`);
    }
  });

  it("uses the eigenvalue interval (1/λmin, 1/λmax) and says which log-determinant it used", () => {
    expectClose(m.interval[0], L.interval[0], RTOL, "lower");
    expectClose(m.interval[1], L.interval[1], RTOL, "upper");
    expect(m.logdetMethod).toBe("eigen");
    expect(m.warnings).toEqual([]);
  });

  it("gives the same fit through the dense and sparse log-determinants (brute force and fast path)", () => {
    for (const logdet of ["dense", "sparse"] as const) {
      const m2 = spatialLag(data, "CRIME ~ INC + HOVAL", w, { id: "id", logdet });
      expect(m2.logdetMethod).toBe(logdet);
      expectClose(m2.rho, L.rho, RTOL, `${logdet} rho`);
      expectClose(m2.logLik, L.logLik, RTOL, `${logdet} logLik`);
      expectClose(m2.rhoStdError, L.rhoStdError, RTOL_ML_SE, `${logdet} rho se`);
    }
  });

  it("summarizes like spreg: method, dependent variable, weights, n, k, SE type, table, fit, tests", () => {
    const s = m.summary();
    for (const needle of ["Spatial lag model", "Dependent variable", "CRIME", "Observations", "49", "style \"W\"", "rho", "(Intercept)",
      "z value", "Log-likelihood", "AIC", "LR test", "asymptotic"]) expect(s).toContain(needle);
    expect(m.toHTML()).toContain("<table");
    expect(m.statisticName).toBe("z");
  });
});

describe("spatialLag alignment and bad input", () => {
  it("aligns rows to the weights by id (shuffled data, same estimates)", () => {
    const n = 49;
    const order = Array.from({ length: n }, (_, i) => (i * 10) % n); // 10 is coprime with 49
    const shuffled: Record<string, unknown[]> = {};
    for (const [key, col] of Object.entries(data)) shuffled[key] = order.map((i) => (col as unknown[])[i]);
    const m = spatialLag(shuffled, "CRIME ~ INC + HOVAL", w, { id: "id" });
    expectClose(m.rho, L.rho, RTOL, "rho");
    expect(m.ids).toEqual(w.ids);
  });
  it("without id, requires one row per region", () => {
    const short = { CRIME: (data.CRIME as number[]).slice(1), INC: (data.INC as number[]).slice(1), HOVAL: (data.HOVAL as number[]).slice(1) };
    expect(() => spatialLag(short, "CRIME ~ INC + HOVAL", w)).toThrow("spatialLag: data have 48 rows but the weights have 49 regions; pass { id } to match rows by id");
  });
  it("names ids that do not match the weights", () => {
    const ids = (data.id as string[]).map((v, i) => (i === 0 ? "X1" : v));
    expect(() => spatialLag({ ...data, id: ids }, "CRIME ~ INC + HOVAL", w, { id: "id" })).toThrow(/spatialLag: ids in data but not in weights: X1; ids in weights but not in data: 1005/);
  });
  it("names missing values, constant regressors and collinearity", () => {
    const crime = (data.CRIME as number[]).slice();
    crime[5] = NaN;
    expect(() => spatialLag({ ...data, CRIME: crime }, "CRIME ~ INC + HOVAL", w, { id: "id" })).toThrow('spatialLag: column "CRIME" has 1 missing value (row 5)');
    const c = new Array(49).fill(3);
    expect(() => spatialLag({ ...data, c }, "CRIME ~ INC + c", w, { id: "id" })).toThrow('spatialLag: column "c" is constant');
    const inc2 = (data.INC as number[]).map((v) => 2 * v);
    expect(() => spatialLag({ ...data, inc2 }, "CRIME ~ INC + inc2", w, { id: "id" })).toThrow('spatialLag: perfect collinearity: column "inc2" is a linear combination of "INC"');
    expect(() => spatialLag({ ...data, CRIME: (data.CRIME as number[]).map(String) }, "CRIME ~ INC", w, { id: "id" })).toThrow('spatialLag: column "CRIME" is not numeric');
  });
  it("refuses islands by default and keeps them as zero rows with zeroPolicy", () => {
    const ids = ["a", "b", "c", "d", "e", "f", "g"];
    const wi = new weights.SpatialWeights(ids, [[1], [0, 2], [1, 3], [2, 4], [3, 5], [4], []]);
    const d = { id: ids, y: [1, 3, 2, 5, 4, 7, 3], x: [1, 2, 3, 4, 5, 6, 2] };
    expect(() => spatialLag(d, "y ~ x", wi, { id: "id" })).toThrow(/spatialLag: weights have 1 island \(regions with no neighbour\): g; pass \{ zeroPolicy: true \}/);
    const m = spatialLag(d, "y ~ x", wi, { id: "id", zeroPolicy: true });
    expect(Number.isFinite(m.rho)).toBe(true);
  });
  it("requires n > k", () => {
    const ids = ["a", "b", "c"];
    const w3 = new weights.SpatialWeights(ids, [[1], [0, 2], [1]]);
    expect(() => spatialLag({ id: ids, y: [1, 2, 4], x: [1, 3, 2], z: [2, 1, 5] }, "y ~ x + z", w3, { id: "id" })).toThrow("spatialLag: n = 3 observations but k = 3 coefficients; need n > k");
  });
  it("returns a warning, not an error, when rho ends at the bound of a user interval", () => {
    const m = spatialLag(data, "CRIME ~ INC + HOVAL", w, { id: "id", interval: [-0.5, 0.2] });
    expect(m.rho).toBeGreaterThan(0.2 - 1e-6);
    expect(m.warnings[0]).toMatch(/rho = .* is at the bound of the search interval/);
    expect(m.summary()).toContain("Warning: rho");
  });
  it("rejects an unknown log-determinant method", () => {
    expect(() => spatialLag(data, "CRIME ~ INC + HOVAL", w, { id: "id", logdet: "magic" as never })).toThrow(/spatialLag: unknown logdet method "magic"/);
  });
});
