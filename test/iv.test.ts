import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { iv } from "../lib/regression/iv";
import { ols } from "../lib/regression";
import { vcov } from "../lib/inference";
import { regTable } from "../lib/report";
import { expectClose, RTOL } from "./tolerances";

// R 4.2.2, AER 1.2-10 ivreg + sandwich 3.0.2 (CigarettesSW 1995) and plm 2.6-2 within 2SLS (Crime):
// test/reference/iv.R
const ref = JSON.parse(readFileSync(join(__dirname, "reference/iv.json"), "utf8"));
const columns = (rows: Record<string, unknown>[]) => {
  const out: Record<string, unknown[]> = {};
  for (const k of Object.keys(rows[0])) out[k] = Object.freeze(rows.map((r) => r[k])) as unknown[];
  return Object.freeze(out);
};
const cig = columns(ref.cigarettes.data);
const crime = columns(ref.crime.data);
const C = ref.cigarettes, K = ref.crime;
const vec = (a: ArrayLike<number>, b: number[], what: string) => b.forEach((v, i) => expectClose(a[i], v, RTOL, `${what}[${i}]`));

describe("iv agrees with AER ivreg on CigarettesSW (cross-section 2SLS)", () => {
  const m = iv(cig, "lpacks ~ lrincome | lrprice ~ tdiff + rtax");
  it("coefficients, classical standard errors, sigma and residual df to 1e-6", () => {
    expect(m.coefficients.map((c) => c.term)).toEqual(C.terms);
    vec(m.estimates, C.coefficients, "beta");
    vec(m.coefficients.map((c) => c.stdError), C.stdError, "se");
    expectClose(Math.sqrt(m.sigma2), C.sigma, RTOL, "sigma");
    expect(m.dfResidual).toBe(C.dfResidual);
    vec(m.residuals, C.residuals, "residuals");
  });
  it("HC0 and HC1 sandwiches (sandwich::vcovHC on the ivreg fit), recomputed without refitting", () => {
    vec(vcov(m, "HC1").values, C.vcovHC1, "HC1");
    vec(vcov(m, "HC0").values, C.vcovHC0, "HC0");
    vec(iv(cig, "lpacks ~ lrincome | lrprice ~ tdiff + rtax", { vcov: "HC1" }).variance.values, C.vcovHC1, "HC1 option");
  });
  it("diagnostics: weak instruments, Wu-Hausman and Sargan as summary(ivreg, diagnostics = TRUE), classical and HC1", () => {
    const d = C.diagnostics, dh = C.diagnosticsHC1;
    expectClose(m.firstStage[0].weakInstruments.statistic, d["Weak instruments"].statistic, RTOL, "weak F");
    expect(m.firstStage[0].weakInstruments.df2).toBe(d["Weak instruments"].df2);
    expectClose(m.wuHausman!.statistic, d["Wu-Hausman"].statistic, RTOL, "Wu-Hausman");
    expectClose(m.wuHausman!.pValue, d["Wu-Hausman"].pValue, RTOL, "Wu-Hausman p");
    expectClose(m.sargan!.statistic, d.Sargan.statistic, RTOL, "Sargan");
    expectClose(m.sargan!.pValue, d.Sargan.pValue, RTOL, "Sargan p");
    const h = iv(cig, "lpacks ~ lrincome | lrprice ~ tdiff + rtax", { vcov: "HC1" });
    expectClose(h.firstStage[0].weakInstruments.statistic, dh["Weak instruments"].statistic, RTOL, "weak F HC1");
    expectClose(h.wuHausman!.statistic, dh["Wu-Hausman"].statistic, RTOL, "Wu-Hausman HC1");
  });
  it("with the instruments equal to the regressors, 2SLS is OLS (brute force)", () => {
    const d = { ...cig, z: cig.lrprice };  // exact instrument: the first stage is perfect
    const a = iv(d, "lpacks ~ lrincome | lrprice ~ z");
    const b = ols(cig, "lpacks ~ lrincome + lrprice");
    vec(a.estimates, Array.from(b.estimates), "2SLS = OLS");
    expect(a.sargan).toBeNull();
    expect(a.wuHausman).toBeNull(); // nothing endogenous left to test
    expect(a.firstStage[0].weakInstruments.statistic).toBe(Infinity);
    expect(a.summary()).toContain("Wu–Hausman not computed");
  });
  it("prints a summary with the diagnostics and enters regTable", () => {
    expect(m.summary()).toContain("Wu-Hausman");
    expect(m.summary()).toContain("Excluded instruments : tdiff, rtax");
    expect(regTable([m], { vcov: "HC1" }).toText()).toContain("lrprice");
  });
});

describe("iv with absorbed fixed effects agrees with plm within 2SLS on Crime", () => {
  const f = "lcrmrte ~ lprbconv + ldensity | lprbarr + lpolpc ~ ltaxpc + lmix";
  it("coefficients and classical standard errors to 1e-6 (df n − k − 90 counties)", () => {
    const m = iv(crime, f, { id: "county", time: "year" });
    expect(m.coefficients.map((c) => c.term)).toEqual(K.terms);
    vec(m.estimates, K.coefficients, "beta");
    vec(m.coefficients.map((c) => c.stdError), K.stdError, "se");
    expect(m.dfResidual).toBe(K.dfResidual);
  });
  it("county-clustered errors as plm vcovHC(method = 'arellano', type = 'HC1')", () => {
    const m = iv(crime, f, { id: "county", time: "year", vcov: { cluster: "county", convention: "plm" } });
    vec(m.coefficients.map((c) => c.stdError), K.seClusterPlm, "cluster se");
  });
});

describe("iv bad input", () => {
  it("refuses an unidentified model, a malformed formula, an instrument in the structural equation and unknown options", () => {
    expect(() => iv(cig, "lpacks ~ 1 | lrprice + lrincome ~ tdiff")).toThrow("iv: 2 endogenous regressors but only 1 excluded instrument: the model is not identified");
    expect(() => iv(cig, "lpacks ~ lrincome + lrprice")).toThrow(/iv: formula must read "y ~ exogenous \| endogenous ~ instruments"/);
    expect(() => iv(cig, "lpacks ~ lrincome | lrprice ~ lrincome")).toThrow('iv: instrument "lrincome" also appears as a regressor');
    expect(() => iv(cig, "lpacks ~ lrincome | lrprice ~ tdiff", { effect: "entity" } as never)).toThrow(/iv: unknown option "effect" \(did you mean "effects"\?\)/);
    expect(() => iv(cig, "lpacks ~ lrincome | lrprice ~ tdiff", { effects: "entity" })).toThrow('iv: effects "entity" need options { id, time }');
  });
  it("an irrelevant instrument (all zeros) is an error naming it", () => {
    const d = { ...cig, zero: (cig.tdiff as number[]).map(() => 0) };
    expect(() => iv(d, "lpacks ~ lrincome | lrprice ~ zero")).toThrow(/iv: regressor "zero" is all zeros/);
  });
});
