import { describe, it, expect } from "vitest";
import { drdidPanel } from "../lib/panel/drdidPanel";
import { expectClose } from "./tolerances";

// brute force: with an intercept only, the outcome-regression, IPW and doubly robust estimators all reduce to the
// difference of mean changes, with influence function D(Δy − m1)/p − (1 − D)(Δy − m0)/(1 − p) (Sant'Anna & Zhao 2020)
describe("drdidPanel with an intercept only", () => {
  const n = 40;
  const D = Uint8Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 1 : 0));
  const dy = Float64Array.from({ length: n }, (_, i) => Math.sin(1.3 * i) + 0.5 * D[i]);
  const X = new Float64Array(n).fill(1);
  const nt = D.reduce((a, b) => a + b, 0), share = nt / n;
  let m1 = 0, m0 = 0;
  for (let i = 0; i < n; i++) { if (D[i]) m1 += dy[i] / nt; else m0 += dy[i] / (n - nt); }
  for (const method of ["dr", "reg", "ipw"] as const) {
    it(`"${method}" gives the difference of mean changes and its influence function, leaving its inputs unchanged`, () => {
      const before = [Array.from(dy), Array.from(D), Array.from(X)];
      const out = drdidPanel(dy, D, X, n, 1, method, "test");
      expect([Array.from(dy), Array.from(D), Array.from(X)]).toEqual(before);
      expectClose(out.att, m1 - m0, 1e-12, "att");
      for (let i = 0; i < n; i++) expectClose(out.influence[i], D[i] ? (dy[i] - m1) / share : -(dy[i] - m0) / (1 - share), 1e-9, `influence ${i}`, 1e-12);
      expect(Math.abs(out.influence.reduce((a, b) => a + b, 0))).toBeLessThan(1e-9);
    });
  }
  it("the doubly robust estimate is unchanged when the outcome model is right whatever the propensity score (double robustness)", () => {
    // Δy linear in x among controls and treated alike plus a constant effect 0.7: OR is exact, so DR = 0.7 exactly
    const x = Float64Array.from({ length: n }, (_, i) => Math.cos(0.7 * i) + D[i]);
    const dy2 = Float64Array.from({ length: n }, (_, i) => 1 + 2 * x[i] + 0.7 * D[i]);
    const X2 = new Float64Array(2 * n); X2.fill(1, 0, n); X2.set(x, n);
    expectClose(drdidPanel(dy2, D, X2, n, 2, "dr", "test").att, 0.7, 1e-9, "dr");
    expectClose(drdidPanel(dy2, D, X2, n, 2, "reg", "test").att, 0.7, 1e-9, "reg");
  });
});
