import { describe, expect, it } from "vitest";
import { shiftShare } from "../lib/policy";
import { expectClose } from "./tolerances";

// Worked by hand (two regions A, B; two sectors m, s):
// base total 200, end total 240 → G = 0.2; g_m = 90/100 − 1 = −0.1; g_s = 150/100 − 1 = 0.5.
// A·m: NS = 60·0.2 = 12, IM = 60·(−0.1 − 0.2) = −18, RS = 60 − 60·0.9 = 6 → sum 0 = 60 − 60.
// A·s: NS = 8, IM = 40·0.3 = 12, RS = 60 − 40·1.5 = 0 → sum 20.
// B·m: NS = 8, IM = −12, RS = 30 − 36 = −6 → sum −10.   B·s: NS = 12, IM = 18, RS = 90 − 90 = 0 → sum 30.
const hand = Object.freeze({
  region: Object.freeze(["A", "A", "B", "B"]),
  sector: Object.freeze(["m", "s", "m", "s"]),
  t0: Object.freeze([60, 40, 40, 60]),
  t1: Object.freeze([60, 60, 30, 90]),
});
const opts = { region: "region", sector: "sector", base: "t0", end: "t1" };

describe("shiftShare (Dunn 1960 classic decomposition)", () => {
  it("splits each region-sector change into national share, industry mix and regional shift as worked by hand", () => {
    const d = shiftShare(hand, opts);
    const ns = d.column("nationalShare").values as number[];
    [12, 8, 8, 12].forEach((v, i) => expectClose(ns[i], v));
    const im = d.column("industryMix").values as number[];
    [-18, 12, -12, 18].forEach((v, i) => expectClose(im[i], v));
    const rs = d.column("regionalShift").values as number[];
    [6, 0, -6, 0].forEach((v, i) => expectClose(rs[i], v));
    expect(d.column("change").values).toEqual([0, 20, -10, 30]);
    expectClose(d.column("nationalGrowth").values[0] as number, 0.2);
    expect(hand.t0).toEqual([60, 40, 40, 60]); // input not mutated
  });

  it("the three parts sum to the change, and the regional shift equals base·(g_rs − g_s) by brute force", () => {
    const data = { region: ["P", "P", "P", "Q", "Q", "Q", "R", "R", "R"], sector: ["a", "b", "c", "a", "b", "c", "a", "b", "c"],
      t0: [10, 20, 30, 5, 15, 25, 40, 1, 7], t1: [12, 18, 41, 9, 15, 20, 44, 3, 9] };
    const d = shiftShare(data, { ...opts });
    const gs: Record<string, number> = {};
    for (const s of ["a", "b", "c"]) {
      let b = 0, e = 0;
      data.sector.forEach((x, i) => { if (x === s) { b += data.t0[i]; e += data.t1[i]; } });
      gs[s] = e / b - 1;
    }
    for (let i = 0; i < 9; i++) {
      const sum = (d.column("nationalShare").values[i] as number) + (d.column("industryMix").values[i] as number) + (d.column("regionalShift").values[i] as number);
      expectClose(sum, data.t1[i] - data.t0[i]);
      const g = data.t1[i] / data.t0[i] - 1;
      expectClose(d.column("regionalShift").values[i] as number, data.t0[i] * (g - gs[data.sector[i]]));
    }
  });

  it("a sector absent at the base in one region gets regional shift = its end value and a null growth rate, not NaN", () => {
    const d = shiftShare({ region: ["A", "A", "B", "B"], sector: ["m", "s", "m", "s"], t0: [0, 40, 40, 60], t1: [5, 60, 30, 90] }, opts);
    expect(d.column("regionalShift").values[0]).toBe(5);
    expect(d.column("regionGrowth").values[0]).toBeNull();
  });

  it("rejects a missing region × sector pair, a duplicate pair, a negative value and a sector with zero base total, naming them", () => {
    expect(() => shiftShare({ region: ["A", "A", "B"], sector: ["m", "s", "m"], t0: [1, 2, 3], t1: [1, 2, 3] }, opts)).toThrow(/region "B" has no row for sector "s"/);
    expect(() => shiftShare({ region: ["A", "A"], sector: ["m", "m"], t0: [1, 2], t1: [1, 2] }, opts)).toThrow(/region "A" and sector "m" appear twice/);
    expect(() => shiftShare({ region: ["A"], sector: ["m"], t0: [-1], t1: [1] }, opts)).toThrow(/column "t0" has a negative value/);
    expect(() => shiftShare({ region: ["A", "B"], sector: ["m", "m"], t0: [0, 0], t1: [1, 2] }, opts)).toThrow(/sector "m" has base total 0/);
    expect(() => shiftShare({ region: ["A"], sector: ["m"], t0: [null], t1: [1] }, opts)).toThrow(/shiftShare: column "t0"/);
  });
});
