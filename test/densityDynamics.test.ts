import { describe, expect, it } from "vitest";
import { densityByPeriod } from "../lib/disparity/densityByPeriod";
import { kernelDensity, bandwidth } from "../lib/disparity/kernelDensity";
import { densitySurfaceFigure, ridgePlotFigure } from "../lib/plots/densityDynamics";
import { rng } from "../lib/random/rng";
import { expectClose } from "./tolerances";

// A seeded long panel: 30 units × 4 periods (given out of order), spread growing over time. The densities are
// checked against kernelDensity on each period's values (itself checked against R density / bw.nrd0 in
// test/kernelDensity.test.ts) and against the Gaussian kernel sum written out.
const r = rng(21);
const rows: { id: string; year: number; y: number }[] = [];
for (const year of [2003, 2001, 2002, 2000]) for (let i = 0; i < 30; i++) rows.push({ id: `u${i}`, year, y: 1 + (year - 1999) * 0.3 * r.next() + i / 30 });
const panel = Object.freeze({ id: rows.map((x) => x.id), year: rows.map((x) => x.year), y: rows.map((x) => x.y) });
const valuesOf = (year: number) => Float64Array.from(rows.filter((x) => x.year === year).map((x) => x.y));

describe("densityByPeriod", () => {
  const d = densityByPeriod(panel, { value: "y", time: "year", points: 64 });
  it("orders periods, uses each period's Silverman bandwidth and one common grid", () => {
    expect(d.periods).toEqual(["2000", "2001", "2002", "2003"]);
    expect(d.n).toEqual([30, 30, 30, 30]);
    d.periods.forEach((p, k) => expectClose(d.bandwidths[k], bandwidth(valuesOf(Number(p)), "silverman"), 1e-14, `h ${p}`));
    const all = panel.y, hmax = Math.max(...d.bandwidths);
    expectClose(d.x[0], Math.min(...all) - 3 * hmax, 1e-14, "from");
    expectClose(d.x[63], Math.max(...all) + 3 * hmax, 1e-14, "to");
  });
  it("each density equals kernelDensity of that period on the grid, and the Gaussian sum written out", () => {
    d.periods.forEach((p, k) => {
      const v = valuesOf(Number(p));
      const ref = kernelDensity(v, { bandwidth: d.bandwidths[k], points: 64, from: d.x[0], to: d.x[63] });
      expect(Array.from(d.densities[k])).toEqual(Array.from(ref.density));
      const g = 17, h = d.bandwidths[k];
      const s = Array.from(v).reduce((a, yi) => a + Math.exp(-0.5 * ((d.x[g] - yi) / h) ** 2), 0) / (v.length * h * Math.sqrt(2 * Math.PI));
      expectClose(d.densities[k][g], s, 1e-12, `f(${p}) at grid 17`);
    });
  });
  it("refuses a period with one value, a missing value and unknown options", () => {
    expect(() => densityByPeriod({ t: [1, 1, 2], y: [1, 2, 3] }, { value: "y", time: "t" })).toThrow(/densityByPeriod: period "2" has 1 value/);
    expect(() => densityByPeriod({ t: [1, 1], y: [1, Number.NaN] }, { value: "y", time: "t" })).toThrow(/densityByPeriod: column "y"/);
    expect(() => densityByPeriod(panel, { value: "y", time: "year", bw: 1 } as never)).toThrow(/densityByPeriod: unknown option "bw"/);
  });
});

describe("densitySurfaceFigure", () => {
  it("is one surface whose z rows are the periods' densities, x the grid, y the periods", () => {
    const d = densityByPeriod(panel, { value: "y", time: "year", points: 32 });
    const fig = densitySurfaceFigure(d, { title: "t", xLabel: "y" });
    expect(fig.data.length).toBe(1);
    const s = fig.data[0] as { type: string; x: number[]; y: string[]; z: number[][] };
    expect(s.type).toBe("surface");
    expect(s.y).toEqual(d.periods);
    expect(s.x).toEqual(Array.from(d.x));
    s.z.forEach((row, k) => expect(row).toEqual(Array.from(d.densities[k])));
    expect((fig.layout.scene as { zaxis: { title: { text: string } } }).zaxis.title.text).toBe("density");
  });
  it("refuses something that is not a densityByPeriod result", () => {
    expect(() => densitySurfaceFigure({} as never, { title: "t", xLabel: "y" })).toThrow(/densitySurfaceFigure: pass the result of densityByPeriod/);
  });
});

describe("ridgePlotFigure", () => {
  const d = densityByPeriod(panel, { value: "y", time: "year", points: 32 });
  const fig = ridgePlotFigure(d, { title: "t", xLabel: "y", overlap: 2 });
  it("draws a baseline and a filled curve per period, last period first, curve = baseline + scale · density", () => {
    expect(fig.data.length).toBe(8);
    const top = Math.max(...d.densities.flatMap((f) => Array.from(f)));
    for (let k = 0; k < 4; k++) {
      const p = 3 - k; // traces run from the last period down
      const base = fig.data[2 * k] as { y: number[] }, curve = fig.data[2 * k + 1] as { name: string; y: number[]; customdata: number[]; fill: string };
      expect(base.y.every((v) => v === p)).toBe(true);
      expect(curve.name).toBe(d.periods[p]);
      expect(curve.fill).toBe("tonexty");
      expect(curve.customdata).toEqual(Array.from(d.densities[p]));
      curve.y.forEach((v, g) => expectClose((v - p) * (top / 2), d.densities[p][g], 1e-12, `ridge ${p} at ${g}`));
    }
    expect((fig.layout.yaxis as { ticktext: string[] }).ticktext).toEqual(d.periods);
  });
  it("refuses a non-positive overlap", () => {
    expect(() => ridgePlotFigure(d, { title: "t", xLabel: "y", overlap: 0 })).toThrow(/ridgePlotFigure: overlap must be positive, got 0/);
  });
});
