import { describe, it, expect } from "vitest";
import { panelThreshold, panelFE } from "../lib/panel";
import { rng } from "../lib/random";
import { expectClose } from "./tolerances";

// SYNTHETIC panels from lib/random (seeded; DGP stated here): y = mu_i + 1.0 x 1(q <= 0.4) + 2.0 x 1(q > 0.4)
// [+ 3.0 x 1(q > 1.2) for the double threshold] + 0.5 z + e, e ~ N(0, 0.5^2), q ~ U(0, 2), x, z ~ N(0, 1).
// No R package for Hansen's model is in Debian; the checks are brute force (panelFE with the regime dummies at every
// candidate), the DGP's threshold, and the sampling behaviour of the bootstrap.
function simulate(N: number, T: number, seedValue: number, double = false, drop = 0) {
  const g = rng(seedValue);
  const d: Record<string, number[]> = { id: [], year: [], y: [], x: [], z: [], q: [] };
  for (let i = 0; i < N; i++) {
    const mu = g.normal();
    for (let t = 0; t < T; t++) {
      if (drop > 0 && i % 3 === 0 && t < drop) continue; // every third unit misses its first `drop` years
      const q = 2 * g.next(), x = g.normal(), z = g.normal();
      const slope = q <= 0.4 ? 1 : double && q > 1.2 ? 3 : 2;
      d.id.push(i); d.year.push(2000 + t); d.q.push(q); d.x.push(x); d.z.push(z);
      d.y.push(mu + slope * x + 0.5 * z + 0.5 * g.normal());
    }
  }
  return d;
}
const opts = { id: "id", time: "year", threshold: "q", regime: "x" };

describe("panelThreshold (Hansen 1999) on synthetic panels", () => {
  const d = simulate(60, 10, 7);
  it("finds the DGP's threshold (0.4) with an LR confidence set around it, and the regime slopes near 1 and 2", () => {
    const r = panelThreshold(d, "y ~ z", { ...opts, bootstrap: 0 });
    expect(Math.abs(r.gamma[0] - 0.4)).toBeLessThan(0.05);
    expect(r.confidence[0][0]).toBeLessThanOrEqual(r.gamma[0]);
    expect(r.confidence[0][1]).toBeGreaterThanOrEqual(r.gamma[0]);
    expect(Math.abs(r.fit.coef("x_r1").estimate - 1)).toBeLessThan(0.2);
    expect(Math.abs(r.fit.coef("x_r2").estimate - 2)).toBeLessThan(0.2);
  });
  it("the estimate minimizes the within RSS: brute force with panelFE and the regime columns at every candidate", () => {
    const r = panelThreshold(d, "y ~ z", { ...opts, bootstrap: 0, grid: 40 });
    const rssAt = (gm: number) => panelFE({ ...d, x1: d.x.map((v, i) => (d.q[i] <= gm ? v : 0)), x2: d.x.map((v, i) => (d.q[i] > gm ? v : 0)) },
      "y ~ x1 + x2 + z", { id: "id", time: "year" }).fit.rss as number;
    const best = r.lrCurve.gamma.reduce((a, b) => (rssAt(b) < rssAt(a) ? b : a));
    expect(r.gamma[0]).toBe(best);
    expectClose(r.tests[0].rss, rssAt(r.gamma[0]), 1e-10, "rss at gamma");
  });
  it("the bootstrap rejects a real threshold, accepts a second one that is not there, and is seeded", () => {
    const r = panelThreshold(d, "y ~ z", { ...opts, thresholds: 2, bootstrap: 39, grid: 40, seed: 3 });
    expect(r.tests[0].pValue).toBe(0);
    expect(r.tests[1].pValue).toBeGreaterThan(0.05);
    const again = panelThreshold(d, "y ~ z", { ...opts, thresholds: 2, bootstrap: 39, grid: 40, seed: 3 });
    expect(again.tests.map((t) => t.pValue)).toEqual(r.tests.map((t) => t.pValue));
    expect(r.summary()).toContain("Panel threshold regression (Hansen 1999), 2 thresholds");
  });
  it("double threshold DGP (0.4 and 1.2): both found; an unbalanced panel is handled", () => {
    const dd = simulate(60, 10, 11, true, 3);
    const r = panelThreshold(dd, "y ~ z", { ...opts, thresholds: 2, bootstrap: 0, grid: 80 });
    expect(r.n).toBe(dd.y.length);
    expect(Math.abs(r.gamma[0] - 0.4)).toBeLessThan(0.08);
    expect(Math.abs(r.gamma[1] - 1.2)).toBeLessThan(0.08);
  });
  it("bad input is named", () => {
    expect(() => panelThreshold(d, "y ~ z", { ...opts, thresholds: 4 })).toThrow("panelThreshold: thresholds must be 1, 2 or 3 (got 4)");
    expect(() => panelThreshold(d, "y ~ x + z", opts)).toThrow('panelThreshold: regime variable "x" is also in the formula');
    expect(() => panelThreshold(d, "y ~ z", { id: "id", time: "year", regime: "x" } as never)).toThrow("panelThreshold: options { id, time, threshold, regime } are required");
    expect(() => panelThreshold(d, "y ~ z", { ...opts, trim: 0.5 })).toThrow("panelThreshold: trim must be in (0, 0.25) (got 0.5)");
  });
});
