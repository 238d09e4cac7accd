import { describe, it, expect } from "vitest";
import { withinCorrelation, withinDeviations } from "../lib/panel";
import { ols } from "../lib/regression/ols";
import { RTOL, expectClose } from "./tolerances";

// A small panel: 5 units × 6 periods, deterministic values with unit, period and idiosyncratic parts.
function panel(dropRows: number[] = []) {
  const id: string[] = [], t: number[] = [], x: number[] = [], y: number[] = [];
  for (let u = 0; u < 5; u++) {
    for (let p = 0; p < 6; p++) {
      if (dropRows.includes(u * 6 + p)) continue;
      id.push(`u${u}`); t.push(2010 + p);
      const e = Math.sin(1.7 * u + 0.9 * p + 0.3 * u * p);
      x.push(3 * u + 0.5 * p + e);
      y.push(-2 * u + 0.2 * p * p + 0.6 * e + Math.cos(2.1 * u * p + u));
    }
  }
  return Object.freeze({ id: Object.freeze(id), t: Object.freeze(t), x: Object.freeze(x), y: Object.freeze(y) });
}

// Brute force: the within deviations are the residuals of OLS on unit and period dummies (Frisch–Waugh–Lovell).
function dummyResiduals(data: ReturnType<typeof panel>, column: "x" | "y", rhs: string): number[] {
  return Array.from(ols(data as never, `${column} ~ ${rhs}`).residuals);
}
function pearson(a: number[], b: number[]): number {
  const m = (v: number[]) => v.reduce((s, z) => s + z, 0) / v.length;
  const ma = m(a), mb = m(b);
  const cov = a.reduce((s, v, i) => s + (v - ma) * (b[i] - mb), 0);
  return cov / Math.sqrt(a.reduce((s, v) => s + (v - ma) ** 2, 0) * b.reduce((s, v) => s + (v - mb) ** 2, 0));
}

describe("withinDeviations and withinCorrelation agree with regressions on dummies", () => {
  const cases = [
    ["balanced, two-way", [], "twoways", "factor(id) + factor(t)"],
    ["unbalanced (three rows dropped), two-way", [2, 13, 29], "twoways", "factor(id) + factor(t)"],
    ["balanced, unit means only", [], "entity", "factor(id)"],
    ["unbalanced, period means only", [2, 13, 29], "time", "factor(t)"],
  ] as const;
  for (const [label, drop, effects, rhs] of cases) {
    it(`${label}: deviations equal the dummy-regression residuals and the correlation is theirs`, () => {
      const data = panel([...drop]);
      const opts = { id: "id", time: "t", effects } as const;
      const dx = withinDeviations(data, "x", opts);
      const bx = dummyResiduals(data, "x", rhs), by = dummyResiduals(data, "y", rhs);
      dx.forEach((v, i) => expect(Math.abs(v - bx[i])).toBeLessThan(1e-10));
      const r = withinCorrelation(data, "x", "y", opts);
      expectClose(r.within, pearson(bx, by), RTOL, "within");
      expectClose(r.levels, pearson([...data.x], [...data.y]), RTOL, "levels");
      expect(r.n).toBe(data.x.length);
      expect(r.effects).toBe(effects);
    });
  }

  it("the two-way default removes x̄ᵢ and x̄ₜ and adds back x̄ on a balanced panel (the JSDoc example)", () => {
    const d = { id: [1, 1, 2, 2], t: [1, 2, 1, 2], x: [1, 3, 2, 8], y: [1, 2, 3, 5] };
    expect(withinDeviations(d, "x", { id: "id", time: "t" })).toEqual([1, -1, -1, 1]);
    expect(withinCorrelation(d, "x", "y", { id: "id", time: "t" }).within).toBeCloseTo(1, 12);
  });

  it("names the function, the column and the problem on bad input", () => {
    const d = { id: [1, 1, 2, 2], t: [1, 2, 1, 2], x: [1, null, 2, 8], y: [1, 2, 3, 5], z: [1, 2, 1, 2] };
    expect(() => withinDeviations(d, "x", { id: "id", time: "t" })).toThrow('withinDeviations: column "x" has 1 missing value (row 1)');
    expect(() => withinCorrelation(d, "y", "z", { id: "id", time: "t" })).toThrow('withinCorrelation: column "z" does not vary within units and periods');
    expect(() => withinCorrelation(d, "y", "z", { id: "id", time: "t", effects: "both" as never })).toThrow('withinCorrelation: effects must be "entity", "time" or "twoways"');
    expect(() => withinCorrelation(d, "y", "y", { id: "id", time: "t", zeropolicy: true } as never)).toThrow(/withinCorrelation: .*zeropolicy/);
  });
});
