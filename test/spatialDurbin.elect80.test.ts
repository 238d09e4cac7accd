import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { weights } from "../lib/weights";
import { spatialLag, spatialError, impacts } from "../lib/spatialreg";
import { expectClose, RTOL } from "./tolerances";

// n = 3,107 US counties (spData elect80, queen contiguity, style "W", zero.policy = TRUE: 4 islands).
// R 4.2.2, spatialreg 1.2-6 lagsarlm / errorsarlm(Durbin = TRUE, method = "Matrix") and impacts(tr = trW, Q = 30):
// test/reference/spatialreg-durbin-elect80.R (data and GAL from test/reference/spatialreg-elect80.R)
const ref = JSON.parse(readFileSync(join(__dirname, "reference/spatialreg-durbin-elect80.json"), "utf8"));
const base = JSON.parse(readFileSync(join(__dirname, "reference/spatialreg-elect80.json"), "utf8"));
const w = weights.fromGAL(readFileSync(join(__dirname, "reference/spatialreg-elect80.gal"), "utf8"));
const data = Object.freeze({ ...base.data });
const opts = { id: "FIPS", zeroPolicy: true, durbin: true } as const;

describe("spatial Durbin models at n = 3,107 agree with spatialreg method Matrix (sparse log-determinant)", () => {
  it("SDM: rho, coefficients (lag terms included), logLik and sigma2 to 1e-6; impacts", () => {
    const m = spatialLag(data, base.formula, w, opts);
    expect(m.logdetMethod).toBe("sparse");
    expectClose(m.rho, ref.sdm.parameter, RTOL, "rho");
    expect(m.coefficients.map((c) => c.term)).toEqual(ref.sdm.terms);
    m.coefficients.forEach((c, j) => expectClose(c.estimate, ref.sdm.coefficients[j], RTOL, c.term));
    expectClose(m.logLik, ref.sdm.logLik, RTOL, "logLik");
    expectClose(m.sigma2, ref.sdm.sigma2, RTOL, "sigma2");
    // totals: the power series Σρ^q of both sides (1/(1 − ρ) up to ρ^30); direct effects: ours exact (tr((I − ρW)⁻¹)
    // and tr((I − ρW)⁻¹W) from the sparse factor), spatialreg's from exact traces of W^q truncated at Q = 30
    // (ρ^30 ≈ 3e-6, hence 1e-5)
    impacts(m, { method: "trace", Q: 30 }).rows.forEach((row, j) => expectClose(row.total, ref.impactsTrace.total[j], RTOL, `total ${row.term}`));
    impacts(m).rows.forEach((row, j) => expectClose(row.direct, ref.impactsTrace.direct[j], 1e-5, `direct ${row.term}`));
  });
  it("SDEM: lambda, coefficients, logLik to 1e-6", () => {
    const m = spatialError(data, base.formula, w, opts);
    expectClose(m.lambda, ref.sdem.parameter, RTOL, "lambda");
    m.coefficients.forEach((c, j) => expectClose(c.estimate, ref.sdem.coefficients[j], RTOL, c.term));
    expectClose(m.logLik, ref.sdem.logLik, RTOL, "logLik");
  });
});

describe("sac at n = 3,107 (numerical Hessian path above n = 800) agrees with spatialreg sacsarlm method Matrix", () => {
  it("rho, lambda, coefficients and logLik to 1e-6", async () => {
    const { sac } = await import("../lib/spatialreg");
    const m = sac(data, base.formula, w, { id: "FIPS", zeroPolicy: true });
    expectClose(m.rho, ref.sac.rho, RTOL, "rho");
    expectClose(m.lambda, ref.sac.lambda, RTOL, "lambda");
    m.coefficients.forEach((c, j) => expectClose(c.estimate, ref.sac.coefficients[j], RTOL, c.term));
    expectClose(m.logLik, ref.sac.logLik, RTOL, "logLik");
    expect(m.vcovType).toContain("numerical Hessian");
  });
});
