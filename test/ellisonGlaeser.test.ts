import { describe, it, expect } from "vitest";
import { ellisonGlaeser } from "../lib/indices";
import { expectClose } from "./tolerances";
import { ref, TOL } from "./helpers/concentration";

// Reference numbers: test/reference/indices-concentration.R (base R, independent); inputs synthetic.

describe("ellisonGlaeser (Ellison–Glaeser index)", () => {
  it("Ellison–Glaeser γ, G and H from a plant table, as R", () => {
    const eg = ref.eg;
    const r = ellisonGlaeser(eg.plants, { region: "region", employment: "emp", regionShares: eg.x as Record<string, number> });
    expectClose(r.gamma, eg.gamma, TOL, "gamma");
    expectClose(r.G, eg.G, TOL, "G");
    expectClose(r.H, eg.H, TOL, "H");
    expectClose(r.sumX2, eg.sumX2, TOL, "sum x^2");
    for (const [k, v] of Object.entries(eg.s as Record<string, number>)) expectClose(r.industryShares[k], v, TOL, `s ${k}`, 1e-15);
  });
  it("refuses bad input with an error naming the function and the problem", () => {
    expect(() => ellisonGlaeser({ region: ["A", "B"], emp: [1, 2] }, { region: "region", employment: "emp", regionShares: { A: 0.5, B: 0.6 } })).toThrow(/region shares sum to 1.1, not 1/);
    expect(() => ellisonGlaeser({ region: ["A", "Z"], emp: [1, 2] }, { region: "region", employment: "emp", regionShares: { A: 0.5, B: 0.5 } })).toThrow(/region "Z", which has no share/);
    expect(() => ellisonGlaeser({ region: ["A"], emp: [1] }, { region: "region", employment: "emp", regionShares: { A: 0.5, B: 0.5 } })).toThrow(/1 plant; the index needs at least 2/);
    expect(() => ellisonGlaeser({ region: ["A", "B"], emp: [1, 0] }, { region: "region", employment: "emp", regionShares: { A: 0.5, B: 0.5 } })).toThrow(/must be > 0 \(row 1 is 0\)/);
  });
});
