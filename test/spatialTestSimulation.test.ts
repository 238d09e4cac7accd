import { describe, it, expect } from "vitest";
import { SpatialWeights } from "../lib/weights";
import { rng } from "../lib/random";
import { simulateSpatialProcess, spatialTestSimulation, chooseSpatialModel, spatialInverse } from "../lib/simulation";

// Rook contiguity on an r × c lattice (hand-built, so the test does not depend on datasets/).
function lattice(r: number, c: number): SpatialWeights {
  const ids: string[] = [];
  const nb: number[][] = [];
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) {
    ids.push(`${i}-${j}`);
    const list: number[] = [];
    if (i > 0) list.push((i - 1) * c + j);
    if (j > 0) list.push(i * c + j - 1);
    if (j < c - 1) list.push(i * c + j + 1);
    if (i < r - 1) list.push((i + 1) * c + j);
    nb.push(list);
  }
  return new SpatialWeights(ids, nb);
}
const w9 = lattice(3, 3);
const W9 = w9.standardize("W").toDense();

function matVec(W: Float64Array, v: ArrayLike<number>, n: number): number[] {
  return Array.from({ length: n }, (_, i) => { let s = 0; for (let j = 0; j < n; j++) s += W[i * n + j] * v[j]; return s; });
}

describe("spatialInverse", () => {
  it("returns (I − aW)⁻¹: its product with (I − aW) is the identity (brute force)", () => {
    const inv = spatialInverse(W9, 9, 0.6);
    for (let i = 0; i < 9; i++) for (let j = 0; j < 9; j++) {
      let s = 0;
      for (let k = 0; k < 9; k++) s += ((i === k ? 1 : 0) - 0.6 * W9[i * 9 + k]) * inv[k * 9 + j];
      expect(Math.abs(s - (i === j ? 1 : 0))).toBeLessThan(1e-12);
    }
  });
  it("refuses a singular system: I − 1·W for row-standardized W", () => {
    expect(() => spatialInverse(W9, 9, 1)).toThrow(/singular/);
  });
});

describe("simulateSpatialProcess", () => {
  const x = Object.freeze([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  it("lag process: y − ρWy equals β₀ + β₁x + ε exactly", () => {
    const { y, epsilon } = simulateSpatialProcess(w9, { process: "lag", parameter: 0.5, x, beta: [2, -1], sigma: 0.7 }, rng(3));
    const Wy = matVec(W9, y, 9);
    for (let i = 0; i < 9; i++) expect(Math.abs(y[i] - 0.5 * Wy[i] - (2 - x[i] + epsilon[i]))).toBeLessThan(1e-12);
  });
  it("error process: u = y − β₀ − β₁x satisfies u − λWu = ε exactly", () => {
    const { y, epsilon } = simulateSpatialProcess(w9, { process: "error", parameter: -0.4, x, beta: [1, 1] }, rng(4));
    const u = Array.from(y, (v, i) => v - 1 - x[i]);
    const Wu = matVec(W9, u, 9);
    for (let i = 0; i < 9; i++) expect(Math.abs(u[i] + 0.4 * Wu[i] - epsilon[i])).toBeLessThan(1e-12);
  });
  it("with σ = 0 and ρ = 0 returns the regression line itself", () => {
    const { y } = simulateSpatialProcess(w9, { process: "lag", parameter: 0, x, beta: [1, 2], sigma: 0 }, rng(1));
    expect(Array.from(y)).toEqual(x.map((v) => 1 + 2 * v));
  });
  it("refuses a parameter outside (−1, 1), an unknown process, a wrong-length x and islands", () => {
    expect(() => simulateSpatialProcess(w9, { process: "lag", parameter: 1, x }, rng(1))).toThrow(/strictly between −1 and 1/);
    expect(() => simulateSpatialProcess(w9, { process: "sarma" as never, parameter: 0.1, x }, rng(1))).toThrow(/process must be "lag" or "error"/);
    expect(() => simulateSpatialProcess(w9, { process: "lag", parameter: 0.1, x: [1, 2] }, rng(1))).toThrow(/x has 2 values but the weights have 9 regions/);
    const island = new SpatialWeights(["a", "b", "c"], [[1], [0], []]);
    expect(() => simulateSpatialProcess(island, { process: "lag", parameter: 0.1, x: [1, 2, 3] }, rng(1))).toThrow(/islands\): c/);
  });
});

describe("chooseSpatialModel", () => {
  const t = (ll: number, le: number, rll: number, rle: number, sl = 1, se = 1) => ({
    lmLag: { statistic: 0, pValue: ll }, lmError: { statistic: 0, pValue: le },
    robustLmLag: { statistic: sl, pValue: rll }, robustLmError: { statistic: se, pValue: rle },
  });
  it("keeps OLS when neither LM test is significant", () => expect(chooseSpatialModel(t(0.2, 0.3, 0.01, 0.01), 0.05)).toBe("OLS"));
  it("picks the model of the only significant LM test", () => {
    expect(chooseSpatialModel(t(0.01, 0.3, 0.5, 0.5), 0.05)).toBe("SLM");
    expect(chooseSpatialModel(t(0.3, 0.01, 0.5, 0.5), 0.05)).toBe("SEM");
  });
  it("with both significant, picks the model whose robust test alone is significant", () => {
    expect(chooseSpatialModel(t(0.01, 0.01, 0.02, 0.4), 0.05)).toBe("SLM");
    expect(chooseSpatialModel(t(0.01, 0.01, 0.4, 0.02), 0.05)).toBe("SEM");
  });
  it("with both robust tests significant (or neither), picks the larger robust statistic", () => {
    expect(chooseSpatialModel(t(0.01, 0.01, 0.01, 0.01, 3, 5), 0.05)).toBe("SEM");
    expect(chooseSpatialModel(t(0.01, 0.01, 0.3, 0.3, 2, 1), 0.05)).toBe("SLM");
  });
  it("refuses alpha outside (0, 1)", () => expect(() => chooseSpatialModel(t(0, 0, 0, 0), 0)).toThrow(/alpha must be in \(0, 1\)/));
});

describe("spatialTestSimulation", () => {
  it("gives the same study for the same seed and a different one for another seed", () => {
    const opts = { scenarios: [{ process: "lag" as const, parameter: 0.3 }], draws: 20, seed: 11, permutations: 19 };
    const a = spatialTestSimulation(w9, opts);
    const b = spatialTestSimulation(w9, opts);
    const c = spatialTestSimulation(w9, { ...opts, seed: 12 });
    expect(a.rows).toEqual(b.rows);
    expect(a.rows[0].meanMoranI).not.toBe(c.rows[0].meanMoranI);
  });
  it("under ρ = 0 the permutation test rejects at its nominal size (within 3.5 Monte Carlo standard errors)", () => {
    // exact size of a 99-permutation test at 0.05: P((1 + #{I* ≥ I}) / 100 < 0.05) = 4/100 for i.i.d. data
    const sim = spatialTestSimulation(lattice(4, 4), { scenarios: [{ process: "lag", parameter: 0 }], draws: 400, seed: 5, permutations: 99 });
    const size = 0.04;
    expect(Math.abs(sim.rows[0].moranPermutation - size)).toBeLessThan(3.5 * Math.sqrt((size * (1 - size)) / 400));
  });
  it("under strong dependence on a 7 × 7 lattice Moran's I rejects most of the time and the rule mostly picks SLM", () => {
    const sim = spatialTestSimulation(lattice(7, 7), { scenarios: [{ process: "lag", parameter: 0.8 }], draws: 60, seed: 9, permutations: 0 });
    expect(sim.rows[0].moranRandomization).toBeGreaterThan(0.8);
    expect(sim.rows[0].chooseSLM).toBeGreaterThan(sim.rows[0].chooseSEM);
    expect(Number.isNaN(sim.rows[0].moranPermutation)).toBe(true);
  });
  it("reports shares that add up to one and a Monte Carlo standard error √(p(1 − p)/draws)", () => {
    const sim = spatialTestSimulation(w9, { scenarios: [{ process: "error", parameter: 0.5 }], draws: 25, seed: 2, permutations: 0 });
    const r = sim.rows[0];
    expect(r.chooseOLS + r.chooseSLM + r.chooseSEM).toBeCloseTo(1, 12);
    expect(sim.monteCarloSE(0.5)).toBeCloseTo(0.1, 12);
    expect(sim.dgp).toMatch(/^SIMULATION/);
  });
  it("refuses bad settings with named errors", () => {
    const sc = [{ process: "lag" as const, parameter: 0 }];
    expect(() => spatialTestSimulation(w9, { scenarios: sc, draws: 0, seed: 1 })).toThrow(/draws must be a positive integer, got 0/);
    expect(() => spatialTestSimulation(w9, { scenarios: sc, draws: 5, seed: 1, alpha: 2 })).toThrow(/alpha must be in \(0, 1\)/);
    expect(() => spatialTestSimulation(w9, { scenarios: [], draws: 5, seed: 1 })).toThrow(/no scenarios/);
    expect(() => spatialTestSimulation(w9, { scenarios: [{ process: "lag", parameter: -1 }], draws: 5, seed: 1 })).toThrow(/strictly between/);
    expect(() => spatialTestSimulation(w9, { scenarios: sc, draws: 5, seed: 1.5 })).toThrow(/seed/);
  });
});
