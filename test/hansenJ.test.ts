import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { iv } from "../lib/regression/iv";
import { hansenJ } from "../lib/regression/hansenJ";
import { expectClose, RTOL } from "./tolerances";
import { crime, crime8, ivRef } from "./helpers/ivDiagnosticsData";

// R 4.2.2, plm 2.6-2 (Crime), AER 1.2-10 (CigarettesSW): two-step GMM J by hand, test/reference/iv-diagnostics.R;
// the iid case against AER's Sargan in test/reference/iv.json (iv.R)
const fe = { id: "county", time: "year" };
const one = "lcrmrte ~ lprbconv + ldensity | lprbarr ~ ltaxpc + lmix + lwcon";
const two = "lcrmrte ~ lprbconv + ldensity | lprbarr + lpolpc ~ ltaxpc + lmix + lwcon";
const cigRef = JSON.parse(readFileSync(join(__dirname, "reference/iv.json"), "utf8")).cigarettes;
const cig: Record<string, unknown[]> = {};
for (const k of Object.keys(cigRef.data[0])) cig[k] = Object.freeze(cigRef.data.map((r: Record<string, unknown>) => r[k])) as unknown[];

describe("hansenJ agrees with the two-step GMM J computed by hand in R", () => {
  it("cluster-robust J with county effects, one and two endogenous regressors, with the GMM estimates, to 1e-6", () => {
    for (const [f, r] of [[one, ivRef.jOne], [two, ivRef.jTwo]] as const) {
      const j = hansenJ(iv(crime, f, { ...fe, vcov: { cluster: "county" } }));
      expectClose(j.statistic, r.J, RTOL, "J");
      expectClose(j.pValue, r.pValue, RTOL, "p");
      expect(j.df).toBe(r.df);
      (j.gmmEstimates as number[]).forEach((b, i) => expectClose(b, r.gmm[i], RTOL, `gmm[${i}]`));
    }
  });
  it("heteroskedastic J (Crime with effects; CigarettesSW cross-section with an intercept), whatever the HC factor", () => {
    const m = iv(crime, two, fe);
    expectClose(hansenJ(m, { vcov: "HC1" }).statistic, ivRef.jTwoHC.J, RTOL, "J HC1");
    expectClose(hansenJ(m, { vcov: "HC0" }).statistic, ivRef.jTwoHC.J, RTOL, "J HC0");
    expectClose(hansenJ(iv(cig, "lpacks ~ lrincome | lrprice ~ tdiff + rtax"), { vcov: "robust" }).statistic, ivRef.jCig.J, RTOL, "J cig");
  });
  it("iid gives Sargan, as AER summary(ivreg, diagnostics = TRUE)", () => {
    const s = hansenJ(iv(cig, "lpacks ~ lrincome | lrprice ~ tdiff + rtax"));
    expect(s.name).toBe("Sargan");
    expectClose(s.statistic, cigRef.diagnostics.Sargan.statistic, RTOL, "Sargan");
  });
});

describe("hansenJ bad input", () => {
  it("refuses an exactly identified model, a singular score covariance (2 clusters for 4 instruments) and a non-IV fit", () => {
    expect(() => hansenJ(iv(crime, "lcrmrte ~ lprbconv | lprbarr ~ ltaxpc", fe))).toThrow("hansenJ: the model is exactly identified (1 excluded instrument for 1 endogenous regressor): no overidentifying restrictions to test");
    const d = { ...crime8, half: (crime8.county as number[]).map((c) => (c < 8 ? "a" : "b")) };
    expect(() => hansenJ(iv(d, "lcrmrte ~ lprbconv | lprbarr ~ ltaxpc + lmix + lwcon", fe), { vcov: { cluster: "half" } })).toThrow("hansenJ: the score covariance S is singular (2 clusters for 4 instruments): J is not defined");
    expect(() => hansenJ(null as never)).toThrow("hansenJ: needs an iv() fit");
  });
});
