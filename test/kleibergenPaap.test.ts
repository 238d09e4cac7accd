import { describe, it, expect } from "vitest";
import { iv } from "../lib/regression/iv";
import { kleibergenPaap } from "../lib/regression/kleibergenPaap";
import { expectClose, RTOL } from "./tolerances";
import { crime, ivRef } from "./helpers/ivDiagnosticsData";

// R 4.2.2, plm 2.6-2 (Crime), the Kleibergen–Paap (2006) formulas by hand with svd(): test/reference/iv-diagnostics.R
const fe = { id: "county", time: "year" };
const one = "lcrmrte ~ lprbconv + ldensity | lprbarr ~ ltaxpc + lmix + lwcon";
const two = "lcrmrte ~ lprbconv + ldensity | lprbarr + lpolpc ~ ltaxpc + lmix + lwcon";

describe("kleibergenPaap agrees with the Kleibergen–Paap SVD computed by hand in R (Crime, county effects)", () => {
  const m1 = iv(crime, one, { ...fe, vcov: { cluster: "county" } });
  const m2 = iv(crime, two, { ...fe, vcov: { cluster: "county" } });
  it("one endogenous regressor, clustered by county: rk Wald F to 1e-6, equal to R's cluster Wald F of the first stage (vcovCL, Stata factor) and to the fit's own", () => {
    const kp = kleibergenPaap(m1);
    expectClose(kp.statistic, ivRef.kpOne.cluster.rkF, RTOL, "rk F");
    expectClose(kp.statistic, ivRef.kpOne.cluster.firstStageF, RTOL, "R first-stage F");
    expectClose(kp.statistic, m1.firstStage[0].weakInstruments.statistic, 1e-10, "fit's first-stage F");
    expectClose(kp.rk.statistic, ivRef.kpOne.cluster.rk, RTOL, "rk");
    expect(kp.rk.df).toBe(3);
  });
  it("two endogenous regressors, clustered: rk statistic to 1e-6 (the general case: SVD, A and B of the paper)", () => {
    const kp = kleibergenPaap(m2);
    expectClose(kp.rk.statistic, ivRef.kpTwo.cluster.rk, RTOL, "rk");
    expectClose(kp.statistic, ivRef.kpTwo.cluster.rkF, RTOL, "rk F");
    expect(kp.rk.df).toBe(ivRef.kpTwo.cluster.df);
    kp.singularValues.forEach((s, i) => expectClose(s, ivRef.kpTwo.cluster.singular[i], RTOL, `singular value ${i}`));
  });
  it("with iid errors the rk statistic is the Cragg–Donald form, df·ρ²/(1 − ρ²) with ρ from R's cancor (a second, independent computation)", () => {
    for (const [m, r] of [[m1, ivRef.kpOne.iid], [m2, ivRef.kpTwo.iid]] as const) {
      const kp = kleibergenPaap(m, { vcov: "iid" });
      expectClose(kp.rk.statistic, r.rk, RTOL, "rk iid");
      expectClose(kp.rk.statistic, r.cancorWald, RTOL, "cancor form");
    }
  });
  it("rk LM (ranktest's default): clustered as R by hand, and with iid errors Anderson's n·ρ² from R's cancor, to 1e-6", () => {
    for (const [m, r] of [[m1, ivRef.kpOne], [m2, ivRef.kpTwo]] as const) {
      expectClose(kleibergenPaap(m).lm.statistic, r.lmCluster.rk, RTOL, "LM cluster");
      const iid = kleibergenPaap(m, { vcov: "iid" }).lm;
      expectClose(iid.statistic, r.lmIid.rk, RTOL, "LM iid");
      expectClose(iid.statistic, r.lmIid.andersonLM, RTOL, "Anderson LM");
      expect(iid.df).toBe(r.lmIid.df);
    }
  });
  it("follows the fit's cluster convention: under plm's n/(n−k) the one-regressor F is the first-stage F of that fit", () => {
    const p = iv(crime, one, { ...fe, vcov: { cluster: "county", convention: "plm" } });
    expectClose(kleibergenPaap(p).statistic, p.firstStage[0].weakInstruments.statistic, 1e-10, "plm convention");
    const h = iv(crime, one, { ...fe, vcov: "HC1" });
    expectClose(kleibergenPaap(h).statistic, h.firstStage[0].weakInstruments.statistic, 1e-10, "HC1");
  });
  it("in a cross-section the clustered F equals ivreg2's formula χ²/(N−1)·(N − #instruments)·(G−1)/G / L on the factor-free rk (ivreg2.ado's rkf)", () => {
    const pooled = iv(crime, one, { vcov: { cluster: "county" } }); // no effects: constant + 2 exogenous + 3 excluded instruments
    const raw = kleibergenPaap(pooled, { vcov: { cluster: "county", convention: "HC0" } }).rk.statistic;
    const N = 630, G = 90, L = 3, instruments = 6;
    expectClose(kleibergenPaap(pooled).statistic, (raw / (N - 1)) * (N - instruments) * ((G - 1) / G) / L, 1e-10, "ivreg2 rkf");
  });
  it("prints a summary naming the variance", () => {
    expect(kleibergenPaap(m2).summary()).toContain("cluster-robust by county (90 clusters)");
  });
});

describe("kleibergenPaap bad input", () => {
  const m = iv(crime, one, { ...fe, vcov: { cluster: "county" } });
  it("refuses a non-IV fit, an unsupported variance, an unknown option and a one-cluster column", () => {
    expect(() => kleibergenPaap({} as never)).toThrow("kleibergenPaap: needs an iv() fit");
    expect(() => kleibergenPaap(m, { vcov: { driscollKraay: null } })).toThrow('kleibergenPaap: vcov {"driscollKraay":null} is not available here');
    expect(() => kleibergenPaap(m, { vcv: "HC1" } as never)).toThrow(/kleibergenPaap: unknown option "vcv" \(did you mean "vcov"\?\)/);
    const d = { ...crime, one: crime.county.map(() => "a") };
    expect(() => kleibergenPaap(iv(d, one, fe), { vcov: { cluster: "one" } })).toThrow('kleibergenPaap: clustered inference needs at least 2 clusters; column "one" has 1');
  });
  it("a missing value in the cluster column is an error naming the column", () => {
    const d = { ...crime, cl: crime.county.map((v, i) => (i === 4 ? null : v)) };
    expect(() => kleibergenPaap(iv(d, one, fe), { vcov: { cluster: "cl" } })).toThrow(/kleibergenPaap: id column "cl" has 1 missing value/);
  });
});
