import { describe, it, expect } from "vitest";
import { brentMaximize } from "../lib/optimize/brentMaximize";

/** Brute force: the best of a fine grid, refined by a second grid around it. */
function gridMaximum(f: (x: number) => number, lo: number, hi: number): number {
  let best = lo;
  for (const [a, b] of [[lo, hi], [0, 0]]) {
    const second = a === 0 && b === 0;
    const from = second ? Math.max(lo, best - (hi - lo) / 1e5) : a, to = second ? Math.min(hi, best + (hi - lo) / 1e5) : b;
    let bv = -Infinity;
    for (let i = 0; i <= 100000; i++) {
      const x = from + ((to - from) * i) / 100000;
      const v = f(x);
      if (v > bv) { bv = v; best = x; }
    }
  }
  return best;
}

describe("brentMaximize (Brent's localmin with a closing probe)", () => {
  const cases: [string, (x: number) => number, number, number][] = [
    ["quadratic", (x) => -((x - 0.3) ** 2), -1, 1],
    ["log-likelihood shape with a large constant", (x) => -14189 + Math.log(1 - x * x) * 200 - 5000 * Math.log(1 + (x - 0.5) ** 2), -1, 0.999],
    ["skewed", (x) => Math.log(x) - x / 3, 0.01, 20],
    ["maximum at the upper bound", (x) => x, -1, 1],
    ["maximum at the lower bound", (x) => -x * x * x, 0, 2],
    ["flat top (quartic)", (x) => -((x - 0.7) ** 4), 0, 1],
  ];
  for (const [name, f, lo, hi] of cases) {
    it(`finds the maximum of a ${name} function to the tolerance √ε|x| + tol, as a fine grid does`, () => {
      const r = brentMaximize(f, lo, hi, 1e-10);
      const g = gridMaximum(f, lo, hi);
      // the grid's own resolution is (hi − lo)/1e10; Brent's is about 1.5e-8 |x|; the quartic is flat to 1e-3 in x
      const tolerance = name.startsWith("flat") ? 2e-3 : 1e-7 * Math.max(1, Math.abs(g)) + 4 * (hi - lo) / 1e10;
      expect(Math.abs(r.x - g)).toBeLessThan(tolerance);
      expect(r.value).toBe(f(r.x));
      expect(r.x).toBeGreaterThanOrEqual(lo);
      expect(r.x).toBeLessThanOrEqual(hi);
    });
  }

  it("ends once the maximum is bracketed to tolerance: at most 14 evaluations on a smooth interior maximum", () => {
    // a log-likelihood shape whose rounding (constant 1e5) defeats the last parabolic steps: plain Brent (R's
    // optimize) then takes golden steps into the far side of the bracket, 20 evaluations against 12
    const f = (x: number) => 1e5 + Math.log(1 - x) * 1000 + Math.log(1 + x) * 300 - 20000 * Math.log(1 + (x - 0.5) ** 2);
    const r = brentMaximize(f, -1, 0.999, 1e-10);
    expect(r.evaluations).toBeLessThanOrEqual(14);
    expect(Math.abs(r.x - gridMaximum(f, -1, 0.999))).toBeLessThan(1e-7);
  });

  it("rejects an empty interval", () => {
    expect(() => brentMaximize((x) => x, 1, 1)).toThrow("brentMaximize: lower (1) must be below upper (1)");
  });
});
