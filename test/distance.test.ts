import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { weights } from "../lib/weights";
import { RTOL, expectClose } from "./tolerances";

// R 4.2.2, spdep 1.2-7 (its own C knearneigh / dnearneigh; dbscan not installed), spData 2.2.1:
// test/reference/weights-distance.R
const ref = JSON.parse(readFileSync(join(__dirname, "reference/weights-distance.json"), "utf8")) as {
  dbscan: boolean;
  columbusXY: [number, number][]; bostonLonLat: [number, number][]; lattice: [number, number][];
  knn4_columbus: number[][]; knn1_columbus: number[][]; knn6_boston: number[][]; knn2_lattice: number[][]; knn5_lattice: number[][];
  ["dnn_columbus_1.5"]: number[][]; ["dnn_columbus_0.8_2"]: number[][]; dnn_boston_2km: number[][];
  ["idw_columbus_1.5"]: number[][];
  gcdist_samples: { from: [number, number]; to: [number, number][]; km: number[] };
};
const xy = Object.freeze(ref.columbusXY.map((p) => Object.freeze([...p]) as [number, number]));

describe("weights.knn equals spdep knn2nb(knearneigh())", () => {
  it("projected, k = 4 and k = 1 on the Columbus centroids", () => {
    expect(weights.knn(xy, 4, { coordinates: "projected" }).neighbors).toEqual(ref.knn4_columbus);
    expect(weights.knn(xy, 1, { coordinates: "projected" }).neighbors).toEqual(ref.knn1_columbus);
  });
  it("lon/lat (WGS-84 ellipsoid distance), k = 6 on the 506 Boston tracts", () => {
    const w = weights.knn(ref.bostonLonLat, 6, { coordinates: "lonlat" });
    expect(w.neighbors).toEqual(ref.knn6_boston);
  });
  it("breaks ties by input order, as spdep's knearneigh (3x3 lattice)", () => {
    expect(weights.knn(ref.lattice, 2, { coordinates: "projected" }).neighbors).toEqual(ref.knn2_lattice);
    expect(weights.knn(ref.lattice, 5, { coordinates: "projected" }).neighbors).toEqual(ref.knn5_lattice);
  });
  it("projected: the grid search gives the neighbours of comparing every pair (random, clustered, collinear and tied points)", () => {
    // brute force: every pair, ranked by (distance, index), then sorted by index as the neighbour lists are
    const brute = (pts: [number, number][], k: number) => pts.map((p, i) => pts.map((q, j) => [Math.hypot(p[0] - q[0], p[1] - q[1]), j] as const)
      .filter(([, j]) => j !== i).sort((a, b) => a[0] - b[0] || a[1] - b[1]).slice(0, k).map(([, j]) => j).sort((a, b) => a - b));
    let seed = 12345;
    const unif = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
    const random = Array.from({ length: 1500 }, () => [unif() * 7, unif()] as [number, number]);
    const clustered = Array.from({ length: 600 }, (_, i) => [(i % 2) * 1000 + unif(), unif() * 0.01] as [number, number]);
    const collinear = Array.from({ length: 300 }, (_, i) => [i * 0.5, 2] as [number, number]);
    const grid = Array.from({ length: 400 }, (_, i) => [i % 20, Math.floor(i / 20)] as [number, number]);
    for (const [pts, k] of [[random, 6], [random, 1], [clustered, 8], [collinear, 3], [grid, 4], [grid, 7]] as const) {
      const got = weights.knn(pts, k, { coordinates: "projected" }).neighbors.map((a) => [...a].sort((x, y) => x - y));
      expect(got).toEqual(brute(pts, k));
    }
  });
  it("uses the given ids and is binary", () => {
    const w = weights.knn(xy, 2, { coordinates: "projected", ids: xy.map((_, i) => `r${i}`) });
    expect(w.ids[3]).toBe("r3");
    expect(w.style).toBe("B");
  });
});

describe("weights.distanceBand equals spdep dnearneigh", () => {
  it("projected bands [0, 1.5] and [0.8, 2] on the Columbus centroids", () => {
    expect(weights.distanceBand(xy, 1.5, { coordinates: "projected" }).neighbors).toEqual(ref["dnn_columbus_1.5"]);
    expect(weights.distanceBand(xy, 2, { coordinates: "projected", lower: 0.8 }).neighbors).toEqual(ref["dnn_columbus_0.8_2"]);
  });
  it("lon/lat band of 2 km on the Boston tracts, with islands recorded", () => {
    const w = weights.distanceBand(ref.bostonLonLat, 2, { coordinates: "lonlat" });
    expect(w.neighbors).toEqual(ref.dnn_boston_2km);
    expect(w.islands.length).toBe(ref.dnn_boston_2km.filter((v) => v.length === 0).length);
  });
  it("inverse-distance weights equal 1 / nbdists", () => {
    const w = weights.distanceBand(xy, 1.5, { coordinates: "projected", inversePower: 1 });
    expect(w.style).toBe("custom");
    ref["idw_columbus_1.5"].forEach((row, i) => row.forEach((v, k) => expectClose(w.weights[i][k], v, RTOL, `idw[${i}][${k}]`)));
  });
});

describe("distances", () => {
  it("ellipsoidDistanceKm equals sp/spdep's longlat distance", () => {
    const g = ref.gcdist_samples;
    g.to.forEach((p, i) => expectClose(weights.ellipsoidDistanceKm(g.from, p), g.km[i], RTOL, `km ${i}`));
    expect(weights.ellipsoidDistanceKm([10, 20], [10, 20])).toBe(0);
  });
});

describe("knn / distanceBand bad input", () => {
  it("defaults to projected coordinates (spdep's default for a coordinate matrix) and rejects unknown values", () => {
    expect(weights.knn(xy, 4, { ids: xy.map((_, i) => String(i)) }).neighbors).toEqual(ref.knn4_columbus);
    expect(weights.distanceBand(xy, 1.5).neighbors).toEqual(ref["dnn_columbus_1.5"]);
    expect(() => weights.knn(xy, 2, { coordinates: "latlon" as never })).toThrow('knn: coordinates must be "lonlat" (km on the WGS-84 ellipsoid) or "projected" (Euclidean), got "latlon"');
  });
  it("checks k, the threshold and the points", () => {
    expect(() => weights.knn(xy, 49, { coordinates: "projected" })).toThrow("knn: k must be an integer in 1..n-1 (n = 49), got 49");
    expect(() => weights.knn([[0, 0], [1, NaN], [2, 2]], 1, { coordinates: "projected" })).toThrow("knn: point 1 is not a pair of finite numbers");
    expect(() => weights.knn([[0, 0], [0, 0], [2, 2]], 1, { coordinates: "projected" })).toThrow('knn: points 0 ("1") and 1 ("2") are identical');
    expect(() => weights.knn([[500, 0], [1, 1], [2, 2]], 1, { coordinates: "lonlat" })).toThrow("knn: point 0 (500, 0) is not a longitude/latitude pair");
    expect(() => weights.distanceBand(xy, -1, { coordinates: "projected" })).toThrow("distanceBand: threshold must be a positive number, got -1");
    expect(() => weights.knn(xy, 2, { coordinates: "projected", ids: ["a"] })).toThrow("knn: 49 points but 1 ids");
  });
});
