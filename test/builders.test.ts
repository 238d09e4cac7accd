import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { weights } from "../lib/weights";
import { expectClose, RTOL } from "./tolerances";

// R 4.2.2, spdep 1.2-7 nb2listwdist (idw alpha 2, exp alpha 0.5, dmax 4, style raw) on spData::columbus centroids:
// test/reference/weights-builders.R
const ref = JSON.parse(readFileSync(join(__dirname, "reference/weights-builders.json"), "utf8"));
const pts = Object.freeze(ref.xy.map((p: number[]) => Object.freeze([p[0], p[1]]))) as readonly (readonly [number, number])[];
const dense = (w: ReturnType<typeof weights.inverseDistance>) => Array.from(w.toDense());
const close = (a: number[], b: number[], what: string) => b.forEach((v, i) => expectClose(a[i], v, RTOL, `${what}[${i}]`, 1e-15));

describe("distance-decay weights agree with spdep nb2listwdist", () => {
  it("inverse distance d^-2 within 4 units", () => {
    const w = weights.inverseDistance(pts, { power: 2, cutoff: 4 });
    close(dense(w), ref.idw, "idw");
    expect(w.provenance[0]).toBe("inverse distance d^(−2), pairs within 4 (projected coordinates)");
  });
  it("exponential decay exp(-0.5 d) within 4 units", () => {
    close(dense(weights.exponentialDecay(pts, { alpha: 0.5, cutoff: 4 })), ref.exp, "exp");
  });
  it("spectral normalisation divides by the spectral radius (R max |eigen|), min-max by the smaller of the largest row and column sums", () => {
    const w = weights.inverseDistance(pts, { power: 2, cutoff: 4 });
    const s = weights.normalize(w, "spectral");
    expectClose(w.weights[0][0] / s.weights[0][0], ref.spectralRadiusIdw, 1e-9, "spectral radius");
    const n = w.n, D = w.toDense();
    let maxRow = 0, maxCol = 0;
    for (let i = 0; i < n; i++) { let r = 0, c = 0; for (let j = 0; j < n; j++) { r += D[i * n + j]; c += D[j * n + i]; } maxRow = Math.max(maxRow, r); maxCol = Math.max(maxCol, c); }
    expectClose(w.weights[0][0] / weights.normalize(w, "minmax").weights[0][0], Math.min(maxRow, maxCol), 1e-12, "minmax scale");
    expect(weights.normalize(w, "row").provenance.at(-1)).toBe("row-standardized (style W)");
  });
});

describe("economic distance and nested weights (brute force)", () => {
  const y = [1, 2, 4, 8];
  it("economicDistance is 1/|y_i − y_j| between all pairs, or only on a geographic matrix's links", () => {
    const e = weights.economicDistance(y);
    for (let i = 0; i < 4; i++) e.neighbors[i].forEach((j, k) => expectClose(e.weights[i][k], 1 / Math.abs(y[i] - y[j]), 1e-15, `e ${i}${j}`));
    const geo = new (weights.SpatialWeights)(["1", "2", "3", "4"], [[1], [0, 2], [1, 3], [2]]);
    const ew = weights.economicDistance(y, { within: geo });
    expect(ew.neighbors).toEqual(geo.neighbors);
    expect(() => weights.economicDistance([1, 1, 2])).toThrow('economicDistance: regions "1" and "2" have the same value (1); 1/|ȳ_i − ȳ_j| is infinite');
  });
  it("nested mixes the row-standardized matrices: phi·A + (1 − phi)·B, rows summing to 1", () => {
    const geo = new (weights.SpatialWeights)(["1", "2", "3", "4"], [[1], [0, 2], [1, 3], [2]]);
    const e = weights.economicDistance(y);
    const m = weights.nested(geo, e, { phi: 0.3 });
    const A = geo.standardize("W").toDense(), B = e.standardize("W").toDense(), M = m.toDense();
    M.forEach((v, i) => expectClose(v, 0.3 * A[i] + 0.7 * B[i], 1e-14, `nested ${i}`, 1e-15));
    for (const row of m.weights) expectClose(row.reduce((a, b) => a + b, 0), 1, 1e-14, "row sum");
    expect(m.provenance[0]).toMatch(/^nested: 0\.3 ×/);
    expect(() => weights.nested(geo, e, { phi: 2 })).toThrow("nested: phi must be in [0, 1], got 2");
  });
  it("bandSweep refits across cut-offs and records a failing band instead of stopping", () => {
    const out = weights.bandSweep([0.5, 4], (d) => weights.inverseDistance(pts, { cutoff: d }), (w) => w.islands.length);
    expect(out[1].value).toBeLessThan(out[0].value as number);
    const bad = weights.bandSweep([-1], (d) => weights.inverseDistance(pts, { cutoff: d }), (w) => w.n);
    expect(bad[0].error).toBe("inverseDistance: cutoff must be a positive number, got -1");
  });
  it("bad input: coincident points, a bad power or alpha", () => {
    expect(() => weights.inverseDistance([[0, 0], [0, 0]])).toThrow('inverseDistance: regions "1" and "2" are at the same point');
    expect(() => weights.inverseDistance(pts, { power: 0 })).toThrow("inverseDistance: power must be a positive number, got 0");
    expect(() => weights.exponentialDecay(pts, {} as never)).toThrow("exponentialDecay: alpha (the decay rate) must be a positive number, got undefined");
  });
});
