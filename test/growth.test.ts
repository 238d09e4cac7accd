import { describe, it, expect } from "vitest";
import { cagr, yearsToDouble, requiredRate, compound } from "../lib/indices";
import { expectClose } from "./tolerances";
import ref from "./reference/indices-growth.json";

// Reference numbers: test/reference/indices-growth.R (base R).
const TOL = 1e-12;

describe("growth arithmetic", () => {
  it("cagr: (end/start)^(1/years) − 1, for growth and decline, as R", () => {
    expectClose(cagr(100, 200, 5), ref.cagr_100_200_5, TOL, "cagr up");
    expectClose(cagr(250, 180, 4), ref.cagr_250_180_4, TOL, "cagr down");
    expectClose(cagr(250, 180, { from: 2015, to: 2019 }), ref.cagr_250_180_4, TOL, "cagr with calendar years");
  });

  it("yearsToDouble: ln 2 / ln(1 + r) at the 10–12% targets of 篇7, as R", () => {
    expectClose(yearsToDouble(0.1), ref.double_10pct, TOL, "10%");
    expectClose(yearsToDouble(0.12), ref.double_12pct, TOL, "12%");
  });

  it("requiredRate: doubling from 2009 by 2012 (篇8) needs 2^(1/3) − 1 ≈ 26.0% a year, as R", () => {
    expectClose(requiredRate(1, 2, { from: 2009, to: 2012 }), ref.double_by_2012_from_2009, TOL, "double by 2012");
    expectClose(requiredRate(130, 400, 2.5), ref.required_130_to_400_in_2_5, TOL, "fractional years");
  });

  it("cagr, requiredRate and compound are consistent: compounding at the rate reaches the target", () => {
    const r = requiredRate(37, 91, 7);
    expectClose(compound(37, r, 7), 91, 1e-12, "round trip");
    expectClose(compound(100, 0.1, 3), ref.compound_100_at_10pct_3y, TOL, "compound");
  });

  it("refuses non-positive values, non-positive horizons and rates that never double", () => {
    expect(() => cagr(0, 10, 3)).toThrow(/cagr: start must be > 0/);
    expect(() => cagr(10, -1, 3)).toThrow(/cagr: end must be > 0/);
    expect(() => cagr(10, 20, 0)).toThrow(/cagr: the number of years must be > 0/);
    expect(() => cagr(10, 20, { from: 2012, to: 2009 })).toThrow(/must be > 0 \(got -3\)/);
    expect(() => cagr(NaN, 20, 2)).toThrow(/cagr: start must be a finite number/);
    expect(() => yearsToDouble(0)).toThrow(/never doubles/);
    expect(() => yearsToDouble(-0.05)).toThrow(/never doubles/);
    expect(() => requiredRate(5, 0, 2)).toThrow(/requiredRate: target must be > 0/);
    expect(() => compound(1, -1, 2)).toThrow(/rate must be > −1/);
  });
});
