import { describe, it, expect } from "vitest";
import * as fs from "node:fs";
import * as path from "node:path";
import { weights } from "../lib/weights";
import { spatialPanel } from "../lib/panel";
import { sharedReferenceDir as dir, readNumericCsv as readCsv, frozenColumns as freeze } from "./helpers/panelReference";
import { expectClose } from "./tolerances";

// The simulated Columbus panel of ../shared/reference (splm 1.6-5 script spatial-panel-columbus-sim.R). No splm
// reference exists for Durbin panels here, so the Durbin option is checked against brute force: the same model
// with the WX columns built by hand (period by period) and passed as ordinary regressors, a path that itself agrees
// with splm (test/spatialPanel.test.ts).
const have = fs.existsSync(path.join(dir, "columbus-sim-panel.csv"));

describe.skipIf(!have)("spatialPanel with durbin terms (SDM / SDEM panels)", () => {
  const data = have ? freeze(readCsv(path.join(dir, "columbus-sim-panel.csv"))) : ({} as Record<string, number[]>);
  const w = have ? weights.fromGAL(fs.readFileSync(path.join(dir, "columbus.gal"), "utf8")).standardize("W") : (null as never);
  // brute force: W x within each year, rows matched to w.ids by region
  const lagged = (col: string) => {
    const out = new Array<number>(data.region.length);
    const at = new Map<string, number>();
    data.region.forEach((r, i) => at.set(`${r}|${data.year[i]}`, i));
    const nb = w.toCSR();
    data.region.forEach((r, i) => {
      const ri = w.ids.indexOf(String(r));
      let s = 0;
      for (let p = nb.rowPtr[ri]; p < nb.rowPtr[ri + 1]; p++) s += nb.values[p] * data[col][at.get(`${w.ids[nb.colIdx[p]]}|${data.year[i]}`)!];
      out[i] = s;
    });
    return out;
  };
  const byHand = { ...data, "lag.x1": lagged("x1"), "lag.x2": lagged("x2") };
  for (const [model, y] of [["lag", "y_lag"], ["error", "y_err"]] as const) {
    it(`${model} model, two-way effects: durbin: true equals the hand-built WX regressors`, () => {
      const a = spatialPanel(data, `${y} ~ x1 + x2`, w, { id: "region", time: "year", model, effects: "twoways", durbin: true });
      const b = spatialPanel(byHand, `${y} ~ x1 + x2 + lag.x1 + lag.x2`, w, { id: "region", time: "year", model, effects: "twoways" });
      expect(a.coefficients.map((c) => c.term)).toEqual(b.coefficients.map((c) => c.term));
      a.coefficients.forEach((c, j) => {
        expectClose(c.estimate, b.coefficients[j].estimate, 1e-10, c.term);
        expectClose(c.stdError, b.coefficients[j].stdError, 1e-10, `se ${c.term}`);
      });
      expect(a.method).toContain("Durbin");
    });
  }
  it("SDM panel impacts use θ: total = (β + θ)/(1 − ρ)", () => {
    const m = spatialPanel(data, "y_lag ~ x1 + x2", w, { id: "region", time: "year", model: "lag", effects: "twoways", durbin: ["x1"] });
    const imp = m.impacts();
    const b = m.coef("x1").estimate, th = m.coef("lag.x1").estimate;
    expectClose(imp.rows[0].total, (b + th) / (1 - m.rho!), 1e-10, "total x1");
    expect(imp.terms).toEqual(["x1", "x2"]);
    expect(() => spatialPanel(data, "y_lag ~ x1 + x2", w, { id: "region", time: "year", model: "lag", durbin: ["x3"] })).toThrow('spatialPanel: durbin term "x3" is not a regressor of the model (regressors: x1, x2)');
  });
});
