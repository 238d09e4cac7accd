import { describe, it, expect } from "vitest";
import { iv } from "../lib/regression/iv";
import { panelFE } from "../lib/panel/panelFE";
import { wildClusterBootstrap } from "../lib/regression/wildClusterBootstrap";
import { expectClose, RTOL } from "./tolerances";
import { crime, crime8, ivRef } from "./helpers/ivDiagnosticsData";

// R 4.2.2 by hand (within 2SLS, all 2^8 Rademacher sign patterns, WRE of Davidson & MacKinnon 2010 and WCR):
// test/reference/iv-diagnostics.R, plm::Crime counties 1–15 (8 counties × 7 years)
const f = "lcrmrte ~ lprbconv | lprbarr ~ ltaxpc + lmix";
const opts = { id: "county", time: "year", vcov: { cluster: "county" } };
const m = iv(crime8, f, opts);

describe("wildClusterBootstrap with 8 clusters: the exact bootstrap distribution (all 256 sign patterns)", () => {
  for (const at of [ivRef.wild.at0, ivRef.wild.at1]) {
    for (const method of ["WRE", "WCR"] as const) {
      it(`${method}, H0: lprbarr = ${at.null}: t, p-value and every sorted t* agree with R's enumeration`, () => {
        const r = wildClusterBootstrap(m, "lprbarr", { method, null: at.null });
        const ref = method === "WRE" ? at.wre : at.wcr;
        expect(r.enumerated).toBe(true);
        expect(r.draws).toBe(256);
        expect(r.seed).toBeNull();
        expectClose(r.t, at.t, RTOL, "t");
        expect(r.pValue).toBe(ref.pValue);
        const s = Array.from(r.bootstrapT).sort((a, b) => a - b);
        s.forEach((v, i) => expectClose(v, ref.tSorted[i], RTOL, `t*[${i}]`, 1e-9));
      });
    }
  }
  it("WCR brute force: refitting iv() on each of the 256 bootstrap samples gives the same t* (restricted fit by panelFE)", () => {
    // restricted model under H0: lprbarr = 0 is the within regression on lprbconv alone
    const r0 = panelFE(crime8, "lcrmrte ~ lprbconv", { id: "county", time: "year" });
    const yw = (crime8.lcrmrte as number[]);
    const county = crime8.county as number[];
    const levels = [...new Set(county)];
    const u = r0.residuals;
    const fitted = yw.map((v, i) => v - u[i]); // y − û: the restricted fit plus the county effects
    const ts: number[] = [];
    for (let b = 0; b < 256; b++) {
      const ystar = fitted.map((v, i) => v + u[i] * ((b >>> levels.indexOf(county[i])) & 1 ? 1 : -1));
      ts.push(iv({ ...crime8, ystar }, "ystar ~ lprbconv | lprbarr ~ ltaxpc + lmix", opts).coef("lprbarr").statistic);
    }
    const mine = Array.from(wildClusterBootstrap(m, "lprbarr", { method: "WCR" }).bootstrapT).sort((a, b) => a - b);
    ts.sort((a, b) => a - b).forEach((v, i) => expectClose(mine[i], v, 1e-8, `t*[${i}]`, 1e-9));
  });
});

describe("wildClusterBootstrap with random weights", () => {
  it("two endogenous regressors, an exogenous or an endogenous term: the reported t is the fit's clustered t, p finite", () => {
    const big = iv(crime, "lcrmrte ~ lprbconv + ldensity | lprbarr + lpolpc ~ ltaxpc + lmix + lwcon", opts);
    for (const term of ["lprbconv", "lpolpc"]) {
      const r = wildClusterBootstrap(big, term, { draws: 99 });
      expectClose(r.t, big.coef(term).statistic, 1e-9, `t ${term}`);
      expect(r.pValue).toBeGreaterThan(0);
      expect(r.pValue).toBeLessThanOrEqual(1);
    }
  });
  it("is reproducible for a seed, differs across seeds, and with 200 Rademacher draws lands near the exact p (4 binomial sd)", () => {
    const a = wildClusterBootstrap(m, "lprbarr", { draws: 200, seed: 7 });
    const b = wildClusterBootstrap(m, "lprbarr", { draws: 200, seed: 7 });
    const c = wildClusterBootstrap(m, "lprbarr", { draws: 200, seed: 8 });
    expect(a.enumerated).toBe(false);
    expect(a.seed).toBe(7);
    expect(Array.from(a.bootstrapT)).toEqual(Array.from(b.bootstrapT));
    expect(Array.from(a.bootstrapT)).not.toEqual(Array.from(c.bootstrapT));
    const exact = ivRef.wild.at0.wre.pValue;
    expect(Math.abs(a.pValue - exact)).toBeLessThan(4 * Math.sqrt((exact * (1 - exact)) / 200));
  });
  it("Webb weights: reproducible, the default seed is 1 and reported, and the p-value is near the Rademacher one", () => {
    const w = wildClusterBootstrap(m, "lprbarr", { weights: "webb", draws: 999, method: "WCR", null: 1 });
    expect(w.seed).toBe(1);
    expect(w.enumerated).toBe(false);
    expect(Array.from(wildClusterBootstrap(m, "lprbarr", { weights: "webb", draws: 999, method: "WCR", null: 1 }).bootstrapT)).toEqual(Array.from(w.bootstrapT));
    expect(w.pValue).toBeLessThan(0.1); // Rademacher exact: 0.0078125
    expect(w.summary()).toContain("999 draws of webb weights, seed 1");
  });
});

describe("wildClusterBootstrap bad input", () => {
  it("refuses an unknown term, a fit without clusters, one cluster, bad draws, weights or method", () => {
    expect(() => wildClusterBootstrap(m, "lprbar")).toThrow('wildClusterBootstrap: unknown term "lprbar" (terms: lprbconv, lprbarr)');
    expect(() => wildClusterBootstrap(iv(crime8, f, { id: "county", time: "year" }), "lprbarr")).toThrow("wildClusterBootstrap: give options.cluster");
    const d = { ...crime8, one: (crime8.county as number[]).map(() => 1) };
    expect(() => wildClusterBootstrap(iv(d, f, { id: "county", time: "year" }), "lprbarr", { cluster: "one" })).toThrow('wildClusterBootstrap: clustered inference needs at least 2 clusters; column "one" has 1');
    expect(() => wildClusterBootstrap(m, "lprbarr", { draws: 0 })).toThrow("wildClusterBootstrap: draws must be a positive integer (got 0)");
    expect(() => wildClusterBootstrap(m, "lprbarr", { weights: "mammen" as never })).toThrow('wildClusterBootstrap: weights must be "rademacher" or "webb"');
    expect(() => wildClusterBootstrap(m, "lprbarr", { method: "WR" as never })).toThrow('wildClusterBootstrap: method must be "WRE" or "WCR"');
    expect(() => wildClusterBootstrap(m, "lprbarr", { seeds: 1 } as never)).toThrow(/wildClusterBootstrap: unknown option "seeds" \(did you mean "seed"\?\)/);
  });
});
