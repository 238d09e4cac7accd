import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { weights } from "../lib/weights";
import { spatialLag, spatialError, logDeterminant } from "../lib/spatialreg";
import { inverseGeneral } from "../lib/linalg";
import { expectClose, RTOL_ML_SE } from "./tolerances";

// `vcov: "hessian"` inverts the observed information (exact analytical Hessian of the full log-likelihood at the
// estimates). Brute force here: a central finite-difference Hessian of the same log-likelihood written out in
// the test, with the exact eigenvalue log-determinant, on Columbus (data and weights from
// test/reference/spatialreg-columbus.R). The estimates themselves are checked against R in spatial-lag.test.ts
// and spatial-error.test.ts; this file checks the standard-error arithmetic only.
const ref = JSON.parse(readFileSync(join(__dirname, "reference/spatialreg-columbus.json"), "utf8"));
const w = weights.fromGAL(readFileSync(join(__dirname, "reference/spatialreg-columbus.gal"), "utf8"));
const data = Object.freeze({ ...ref.data });
const W = w.standardize("W").toCSR();
const ld = logDeterminant(W, "eigen");

/** Aligned columns in w.ids order: y = CRIME, X = [1, INC, HOVAL]. */
const order = w.ids.map((id) => (data.id as unknown[]).map(String).indexOf(id));
const y = order.map((r) => (data.CRIME as number[])[r]);
const X = [order.map(() => 1), order.map((r) => (data.INC as number[])[r]), order.map((r) => (data.HOVAL as number[])[r])];
const n = y.length, k = 3;
const lagOf = (v: number[]) => v.map((_, i) => { let s = 0; for (let p = W.rowPtr[i]; p < W.rowPtr[i + 1]; p++) s += W.values[p] * v[W.colIdx[p]]; return s; });
const Wy = lagOf(y);
const WX = X.map(lagOf);

/** Full log-likelihood; theta = (sigma2, spatial parameter, beta). */
function loglikLag(t: number[]): number {
  let ss = 0;
  for (let i = 0; i < n; i++) { let e = y[i] - t[1] * Wy[i]; for (let j = 0; j < k; j++) e -= X[j][i] * t[2 + j]; ss += e * e; }
  return ld.logdet(t[1]) - (n / 2) * Math.log(2 * Math.PI * t[0]) - ss / (2 * t[0]);
}
function loglikError(t: number[]): number {
  let ss = 0;
  for (let i = 0; i < n; i++) { let u = y[i] - t[1] * Wy[i]; for (let j = 0; j < k; j++) u -= (X[j][i] - t[1] * WX[j][i]) * t[2 + j]; ss += u * u; }
  return ld.logdet(t[1]) - (n / 2) * Math.log(2 * Math.PI * t[0]) - ss / (2 * t[0]);
}

/** Standard errors from a central finite-difference Hessian (step 1e-3 relative). */
function numericalSE(f: (t: number[]) => number, theta: number[]): number[] {
  const p = theta.length;
  const h = theta.map((v) => 1e-3 * Math.max(Math.abs(v), 1e-2));
  const at = (di: number, si: number, dj: number, sj: number) => { const t = [...theta]; t[di] += si * h[di]; t[dj] += sj * h[dj]; return f(t); };
  const info = new Float64Array(p * p);
  for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) {
    const d2 = (at(a, 1, b, 1) - at(a, 1, b, -1) - at(a, -1, b, 1) + at(a, -1, b, -1)) / (4 * h[a] * h[b]);
    info[a * p + b] = -d2;
  }
  const V = inverseGeneral(info, p, "test");
  return Array.from({ length: p }, (_, a) => Math.sqrt(V[a * p + a]));
}

describe("standard errors from the observed information (vcov: \"hessian\")", () => {
  it("spatialLag: equal the finite-difference Hessian of the log-likelihood (brute force) to 1e-4", () => {
    const m = spatialLag(data, "CRIME ~ INC + HOVAL", w, { id: "id", vcov: "hessian" });
    const num = numericalSE(loglikLag, [m.sigma2, m.rho, ...m.estimates]);
    expectClose(m.rhoStdError, num[1], RTOL_ML_SE, "rho se");
    m.coefficients.forEach((c, j) => expectClose(c.stdError, num[2 + j], RTOL_ML_SE, `se ${c.term}`));
    expect(m.vcovType).toBe("asymptotic (observed information: exact Hessian of the log-likelihood)");
    expect(m.summary()).toContain("observed information");
    // and differ from the default (expected information) ones
    const a = spatialLag(data, "CRIME ~ INC + HOVAL", w, { id: "id" });
    expect(Math.abs(a.rhoStdError - m.rhoStdError)).toBeGreaterThan(1e-3 * a.rhoStdError);
    expect(a.rho).toBe(m.rho);
  });

  it("spatialError: equal the finite-difference Hessian of the log-likelihood (brute force) to 1e-4", () => {
    const m = spatialError(data, "CRIME ~ INC + HOVAL", w, { id: "id", vcov: "hessian" });
    const num = numericalSE(loglikError, [m.sigma2, m.lambda, ...m.estimates]);
    expectClose(m.lambdaStdError, num[1], RTOL_ML_SE, "lambda se");
    m.coefficients.forEach((c, j) => expectClose(c.stdError, num[2 + j], RTOL_ML_SE, `se ${c.term}`));
  });

  it("the deprecated se option gives the same fit; vcov and se that disagree are an error", () => {
    const a = spatialLag(data, "CRIME ~ INC + HOVAL", w, { id: "id", vcov: "hessian" });
    const b = spatialLag(data, "CRIME ~ INC + HOVAL", w, { id: "id", se: "hessian" });
    expect(b.rhoStdError).toBe(a.rhoStdError);
    expect(() => spatialLag(data, "CRIME ~ INC + HOVAL", w, { id: "id", vcov: "hessian", se: "analytical" }))
      .toThrow('spatialLag: options vcov ("hessian") and se ("analytical") disagree; use vcov');
    expect(() => spatialError(data, "CRIME ~ INC + HOVAL", w, { id: "id", vcov: "HC1" as never }))
      .toThrow('spatialError: vcov must be "information" (or "iid") or "hessian" for a maximum-likelihood fit, got "HC1"');
  });

  it("rejects an unknown se option, naming the function", () => {
    expect(() => spatialLag(data, "CRIME ~ INC + HOVAL", w, { id: "id", se: "robust" as never })).toThrow('spatialLag: se must be "analytical" or "hessian", got "robust"');
    expect(() => spatialError(data, "CRIME ~ INC + HOVAL", w, { id: "id", se: "opg" as never })).toThrow('spatialError: se must be "analytical" or "hessian", got "opg"');
  });
});
