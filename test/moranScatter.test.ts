import { describe, it, expect } from "vitest";
import * as fs from "node:fs";
import { moranScatterData, moranScatterFigure } from "../lib/plots";
import { expectClose, RTOL } from "./tolerances";

// spdep 1.2-7 on spData columbus / col.gal.nb: test/reference/plots-moran-scatter.R
const ref = JSON.parse(fs.readFileSync("test/reference/plots-moran-scatter.json", "utf8"));
const ids = ref.crime.map((_: number, i: number) => String(i + 1));
const wW = Object.freeze({ ids, neighbors: ref.neighbors0 as number[][], weights: ref.weightsW as number[][] });
const wB = { ids, neighbors: ref.neighbors0 as number[][], weights: ref.weightsB as number[][] };

describe("moranScatterData", () => {
  it("gives the spatial lag of the standardized values that spdep's lag.listw gives", () => {
    const d = moranScatterData(ref.crime, wW);
    ref.lagW.forEach((v: number, i: number) => expectClose(d.lag[i], v, RTOL, `lag[${i}]`, 1e-12));
  });
  it("has a regression slope equal to spdep's Moran's I for row-standardized weights", () => {
    const d = moranScatterData(ref.crime, wW);
    expectClose(d.slope, ref.slopeW, RTOL, "slope");
    expectClose(d.I, ref.moranIW, RTOL, "I (W)");
  });
  it("rescales the slope by n/S0 to Moran's I for binary weights", () => {
    const d = moranScatterData(ref.crime, wB);
    expectClose(d.I, ref.moranIB, RTOL, "I (B)");
    expect(Math.abs(d.slope - d.I)).toBeGreaterThan(1e-3);
  });
  it("classifies quadrants by the signs of z and its lag (brute force)", () => {
    const d = moranScatterData(ref.crime, wW);
    d.quadrant.forEach((q, i) => {
      const expected = d.z[i] >= 0 ? (d.lag[i] >= 0 ? "HH" : "HL") : (d.lag[i] >= 0 ? "LH" : "LL");
      expect(q).toBe(expected);
    });
  });
  it("does not mutate its inputs", () => {
    const vals = Object.freeze(ref.crime.slice());
    expect(() => moranScatterData(vals, wW)).not.toThrow();
  });
  it("refuses a length mismatch, islands, missing and constant values with named errors", () => {
    expect(() => moranScatterData(ref.crime.slice(1), wW)).toThrow(/48 values but the weights have 49 regions/);
    const wIsland = { ids: ["a", "b", "c"], neighbors: [[1], [0], []], weights: [[1], [1], []] };
    expect(() => moranScatterData([1, 2, 3], wIsland)).toThrow(/islands\): c/);
    const withNaN = ref.crime.slice(); withNaN[4] = NaN;
    expect(() => moranScatterData(withNaN, wW)).toThrow(/1 missing value \(row 4\)/);
    expect(() => moranScatterData(ids.map(() => 1), wW)).toThrow(/values are constant/);
  });
});

describe("moranScatterFigure", () => {
  it("draws every region once, labels highlighted ones and prints Moran's I in the title", () => {
    const fig = moranScatterFigure(ref.crime, wW, { title: "Columbus", variable: "CRIME", highlight: ["5"] });
    const points = fig.data.filter((t) => t.mode === "markers").reduce((s, t) => s + (t.x as number[]).length, 0);
    expect(points).toBe(49);
    expect(String((fig.layout.title as { text: string }).text)).toContain(ref.moranIW.toFixed(4));
    expect((fig.layout.annotations as Array<{ text: string }>).map((a) => a.text)).toEqual(["5"]);
    const line = fig.data.find((t) => t.mode === "lines") as { x: number[]; y: number[] };
    expectClose((line.y[1] - line.y[0]) / (line.x[1] - line.x[0]), ref.slopeW, 1e-9, "line slope");
  });
  it("refuses a highlight id that is not in the weights", () => {
    expect(() => moranScatterFigure(ref.crime, wW, { title: "t", variable: "v", highlight: ["99"] })).toThrow(/highlight id "99"/);
  });
});
