import { describe, it, expect } from "vitest";
import { numericalGradient, numericalHessian } from "../lib/optimize";
import { expectClose } from "./tolerances";

// Brute force: analytical derivatives of f(a, b) = e^a·sin b + a²b³ + 1000·ln(1 + a² + b²) (a log-likelihood-sized term)
const f = (v: Float64Array) => Math.exp(v[0]) * Math.sin(v[1]) + v[0] ** 2 * v[1] ** 3 + 1000 * Math.log(1 + v[0] ** 2 + v[1] ** 2);
function exact(a: number, b: number) {
  const s = 1 + a * a + b * b;
  const g = [Math.exp(a) * Math.sin(b) + 2 * a * b ** 3 + (2000 * a) / s, Math.exp(a) * Math.cos(b) + 3 * a * a * b * b + (2000 * b) / s];
  const haa = Math.exp(a) * Math.sin(b) + 2 * b ** 3 + 2000 * (s - 2 * a * a) / (s * s);
  const hbb = -Math.exp(a) * Math.sin(b) + 6 * a * a * b + 2000 * (s - 2 * b * b) / (s * s);
  const hab = Math.exp(a) * Math.cos(b) + 6 * a * b * b - (4000 * a * b) / (s * s);
  return { g, H: [haa, hab, hab, hbb] };
}

describe("numericalGradient and numericalHessian (Richardson extrapolation, as numDeriv)", () => {
  for (const [a, b] of [[0.5, 1.2], [-0.3, 0.05], [2, -1.5]] as const) {
    it(`match the analytical derivatives at (${a}, ${b}) to 1e-8`, () => {
      const x = Object.freeze([a, b]);
      const { g, H } = exact(a, b);
      const ng = numericalGradient(f, x), nh = numericalHessian(f, x);
      g.forEach((v, i) => expectClose(ng[i], v, 1e-8, `gradient ${i}`, 1e-8));
      H.forEach((v, i) => expectClose(nh[i], v, 1e-8, `Hessian ${i}`, 1e-7));
      expect(nh[1]).toBe(nh[2]);
      expect(x).toEqual([a, b]);
    });
  }
  it("a coordinate at zero takes the absolute step eps (no zero step)", () => {
    const ng = numericalGradient(f, [0, 0.7]), nh = numericalHessian(f, [0, 0.7]);
    const { g, H } = exact(0, 0.7);
    expectClose(ng[0], g[0], 1e-8, "gradient at zero", 1e-8);
    // the absolute step 1e-4 (halved to 1.25e-5) amplifies rounding in f (|f| ≈ 400): ε|f|/h² ≈ 5e-4 absolute, 4e-7 relative
    expectClose(nh[0], H[0], 1e-5, "Hessian at zero", 1e-7);
  });
});
