import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bandwidth, kernelDensity } from "../lib/disparity/kernelDensity";
import { RTOL, expectClose } from "./tolerances";

// R 4.2.2 bw.nrd0, bw.nrd, density() and exact kernel sums on faithful$eruptions: test/reference/disparity-density.R
const ref = JSON.parse(readFileSync(join(__dirname, "reference/disparity-density.json"), "utf8")) as {
  y: number[]; nrd0: number; nrd: number; gridFrom: number; gridTo: number; exactGaussian: number[]; densityGaussian: number[];
  gridFromE: number; gridToE: number; exactEpanechnikov: number[]; densityEpanechnikov: number[];
};
const y = Object.freeze([...ref.y]) as number[];

describe("kernelDensity (Gaussian / Epanechnikov, Silverman / Scott bandwidth)", () => {
  it("bandwidth rules equal R's bw.nrd0 (Silverman) and bw.nrd (Scott)", () => {
    expectClose(bandwidth(Float64Array.from(y), "silverman"), ref.nrd0, RTOL, "nrd0");
    expectClose(bandwidth(Float64Array.from(y), "scott"), ref.nrd, RTOL, "nrd");
  });
  it("uses density()'s grid (cut = 3) and matches exact Gaussian kernel sums; within 1e-3 of density()'s binned values", () => {
    const r = kernelDensity(y);
    expectClose(r.x[0], ref.gridFrom, RTOL, "from");
    expectClose(r.x[511], ref.gridTo, RTOL, "to");
    const peak = Math.max(...ref.densityGaussian);
    ref.exactGaussian.forEach((v, g) => expectClose(r.density[g], v, RTOL, `f[${g}]`, 1e-12));
    ref.densityGaussian.forEach((v, g) => expect(Math.abs(r.density[g] - v)).toBeLessThan(1e-3 * peak));
  });
  it("matches exact Epanechnikov sums with R's scaling (bandwidth = kernel sd)", () => {
    const r = kernelDensity(y, { kernel: "epanechnikov" });
    expectClose(r.x[0], ref.gridFromE, RTOL, "from");
    ref.exactEpanechnikov.forEach((v, g) => expectClose(r.density[g], v, RTOL, `f[${g}]`, 1e-12));
  });
  it("integrates to about 1 over the grid (trapezoid rule)", () => {
    const r = kernelDensity(y, { points: 2048 });
    let s = 0;
    for (let g = 1; g < r.x.length; g++) s += 0.5 * (r.density[g] + r.density[g - 1]) * (r.x[g] - r.x[g - 1]);
    expectClose(s, 1, 1e-3, "integral");
  });
  it("refuses bad bandwidths, kernels and values", () => {
    expect(() => kernelDensity(y, { bandwidth: 0 })).toThrow(/kernelDensity: bandwidth must be positive, got 0/);
    expect(() => kernelDensity(y, { kernel: "box" as never })).toThrow(/kernel must be "gaussian" or "epanechnikov"/);
    expect(() => kernelDensity([1, Number.NaN, 2])).toThrow(/kernelDensity: value 1 is not a finite number/);
  });
});
