import { describe, expect, it } from "vitest";
import { SpatialWeights, weights } from "../lib/weights";
import { geary, moran } from "../lib/spatial";
import { rng, rngStreamState, shuffleFloat64State } from "../lib/random/rng";
import {
  BLOCKED_PERMUTATIONS_MIN_N, PERMUTATION_BLOCK, blockedPermutations, upperCross, upperSquaredDifferences, upperTriangle,
} from "../lib/spatial/permutationThreads";
import { expectClose } from "./tolerances";

const rookLattice = (k: number): SpatialWeights => weights.lattice(k, k).standardize("W");

/** z'Wz by the dense double sum over every listed link (brute force). */
function denseCross(w: SpatialWeights, z: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < w.n; i++) for (let k = 0; k < w.neighbors[i].length; k++) s += z[i] * w.weights[i][k] * z[w.neighbors[i][k]];
  return s;
}

/** Σ_ij w_ij (z_i − z_j)² by the double sum over every listed link (brute force). */
function denseSquaredDifferences(w: SpatialWeights, z: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < w.n; i++) for (let k = 0; k < w.neighbors[i].length; k++) s += w.weights[i][k] * (z[i] - z[w.neighbors[i][k]]) ** 2;
  return s;
}

describe("upperTriangle with upperCross and upperSquaredDifferences give z'Wz and Σ w_ij (z_i − z_j)²", () => {
  it("equal the dense double sum on asymmetric weights with one-way links and an island", () => {
    const g = rng(4);
    const n = 60;
    const nb: number[][] = Array.from({ length: n }, () => []);
    for (let i = 0; i < n - 1; i++) for (let j = 0; j < n - 1; j++) if (i !== j && g.next() < 0.08) nb[i].push(j);
    // region n-1 is an island; make sure some links are one-way and some both ways
    nb[0] = [1, 2]; nb[1] = [0]; nb[2] = [];
    const ids = Array.from({ length: n }, (_, i) => `a${i}`);
    const w = new SpatialWeights(ids, nb.map((a) => [...a].sort((x, y) => x - y))).standardize("W");
    const z = Float64Array.from({ length: n }, () => g.normal());
    const u = upperTriangle(w.n, w.neighbors, w.weights);
    for (let i = 0; i < n; i++) for (let k = u.rowPtr[i]; k < u.rowPtr[i + 1]; k++) {
      expect(u.cols[k]).toBeGreaterThan(i);
      if (k > u.rowPtr[i]) expect(u.cols[k]).toBeGreaterThan(u.cols[k - 1]);
    }
    expectClose(upperCross(u.rowPtr, u.cols, u.vals, z), denseCross(w, z), 1e-13, "z'Wz");
    expectClose(upperSquaredDifferences(u.rowPtr, u.cols, u.vals, z), denseSquaredDifferences(w, z), 1e-13, "Σ w (z_i − z_j)²");
  });
});

describe("rngStreamState", () => {
  it("gives a fixed state per (seed, stream) and different states for different streams and seeds", () => {
    expect(Array.from(rngStreamState(1, 3))).toEqual(Array.from(rngStreamState(1, 3)));
    const seen = new Set<string>();
    for (const seed of [0, 1, 2]) for (let b = 0; b < 50; b++) seen.add(Array.from(rngStreamState(seed, b)).join(","));
    expect(seen.size).toBe(150);
  });
  it("rejects a negative or fractional stream index", () => {
    expect(() => rngStreamState(1, -1)).toThrow("rngStreamState: stream must be a non-negative integer, got -1");
    expect(() => rngStreamState(1, 0.5)).toThrow("rngStreamState: stream must be a non-negative integer, got 0.5");
  });
  it("drives shuffleFloat64State to a permutation of its input", () => {
    const a = Float64Array.from({ length: 1000 }, (_, i) => i);
    shuffleFloat64State(a, rngStreamState(9, 2));
    expect(Array.from(a).sort((x, y) => x - y)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(Array.from(a.slice(0, 10))).not.toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});

describe("blockedPermutations", () => {
  const w = rookLattice(120); // n = 14,400
  const g = rng(21);
  const x = Float64Array.from({ length: w.n }, () => g.next());
  const mean = x.reduce((a, b) => a + b, 0) / w.n;
  const z = Float64Array.from(x, (v) => v - mean);
  const u = upperTriangle(w.n, w.neighbors, w.weights);
  const R = 40 * PERMUTATION_BLOCK + 7; // 41 blocks, the last one partial

  it("gives the same permuted values on 1, 2 and 3 threads, and when the workers run every block", () => {
    const one = blockedPermutations(z, u, 1, R, 5, 1, "test");
    const two = blockedPermutations(z, u, 1, R, 5, 2, "test");
    const three = blockedPermutations(z, u, 1, R, 5, 3, "test");
    const workersOnly = blockedPermutations(z, u, 1, R, 5, 3, "test", { callerTakesTasks: false });
    expect(one.workerBlocks).toBe(0);
    expect(workersOnly.workerBlocks).toBe(41); // the block kernel's source text ran in worker threads
    expect(Array.from(two.values)).toEqual(Array.from(one.values));
    expect(Array.from(three.values)).toEqual(Array.from(one.values));
    expect(Array.from(workersOnly.values)).toEqual(Array.from(one.values));
  });

  it("replays the documented streams: block b shuffles the data order with rngStreamState(seed, b)", () => {
    const { values } = blockedPermutations(z, u, 1, R, 5, 2, "test");
    for (const b of [0, 1, 40]) {
      const zp = Float64Array.from(z);
      const st = rngStreamState(5, b);
      const end = Math.min(R, (b + 1) * PERMUTATION_BLOCK);
      for (let k = b * PERMUTATION_BLOCK; k < end; k++) {
        shuffleFloat64State(zp, st);
        expectClose(values[k], denseCross(w, zp), 1e-12, `block ${b} permutation ${k}`);
      }
    }
  });

  it("leaves its inputs unchanged", () => {
    const before = [z, u.rowPtr, u.cols, u.vals].map((a) => Array.from(a));
    blockedPermutations(z, u, 1, 3 * PERMUTATION_BLOCK, 5, 2, "test");
    blockedPermutations(z, u, 1, 3 * PERMUTATION_BLOCK, 5, 1, "test");
    expect([z, u.rowPtr, u.cols, u.vals].map((a) => Array.from(a))).toEqual(before);
  });
});

describe("moran uses blocked streams from 100,000 regions", () => {
  const k = Math.ceil(Math.sqrt(BLOCKED_PERMUTATIONS_MIN_N)); // 317 × 317 = 100,489 regions
  const w = rookLattice(k);
  const g = rng(3);
  const x = Object.freeze(Array.from({ length: w.n }, () => g.next())) as number[];

  it("gives the same result on 1 and 2 threads, each permuted I equal to moran() of the replayed permutation", () => {
    const a = moran(x, w, { permutations: 130, seed: 4, threads: 1 });
    const b = moran(x, w, { permutations: 130, seed: 4, threads: 2 });
    expect(Array.from(b.simulated)).toEqual(Array.from(a.simulated));
    expect(b.pSim).toBe(a.pSim);
    const mean = x.reduce((s, v) => s + v, 0) / x.length;
    const zp = Float64Array.from(x, (v) => v - mean);
    const st = rngStreamState(4, 2); // block 2 holds permutations 128 and 129
    for (let q = 0; q < 2; q++) shuffleFloat64State(zp, st);
    expectClose(a.simulated[129], moran(zp, w, { permutations: 0 }).I, 1e-10, "permutation 129");
    expect(a.summary()).toContain("130 permutations in blocks of 64 streams, seed 4");
  });

  it("rejects a thread count that is not a positive integer", () => {
    expect(() => moran(x, w, { permutations: 10, threads: 0 })).toThrow("moran: threads must be an integer from 1 to 256, got 0");
    expect(() => moran(x, w, { permutations: 10, threads: 1.5 })).toThrow("moran: threads must be an integer from 1 to 256, got 1.5");
  });
});

describe("geary uses the same blocked streams from 100,000 regions", () => {
  const k = Math.ceil(Math.sqrt(BLOCKED_PERMUTATIONS_MIN_N));
  const w = rookLattice(k);
  const g = rng(5);
  const x = Object.freeze(Array.from({ length: w.n }, (_, i) => Math.sin(i / 40) + g.next())) as number[];

  it("gives the same pSim on 1 and 2 threads, equal to the replayed permutations counted by brute force", () => {
    const R = 130;
    const a = geary(x, w, { permutations: R, seed: 6, threads: 1, alternative: "less" });
    const b = geary(x, w, { permutations: R, seed: 6, threads: 2, alternative: "less" });
    expect(b.pSim).toBe(a.pSim);
    expect(a.summary()).toContain("130 in blocks of 64 streams, seed 6");
    const mean = x.reduce((s, v) => s + v, 0) / x.length;
    const z = Float64Array.from(x, (v) => v - mean);
    const zz = z.reduce((s, v) => s + v * v, 0);
    const f = (w.n - 1) / (2 * a.s0 * zz);
    const obs = f * denseSquaredDifferences(w, z);
    expectClose(obs, a.C, 1e-12, "C");
    let ge = 0;
    for (let blockIndex = 0; blockIndex * PERMUTATION_BLOCK < R; blockIndex++) {
      const zp = Float64Array.from(z);
      const st = rngStreamState(6, blockIndex);
      for (let q = blockIndex * PERMUTATION_BLOCK; q < Math.min(R, (blockIndex + 1) * PERMUTATION_BLOCK); q++) {
        shuffleFloat64State(zp, st);
        if (f * denseSquaredDifferences(w, zp) >= obs) ge++;
      }
    }
    expect(a.pSim).toBe((1 + ge) / (1 + R)); // "less": negative autocorrelation is a large C
  });
});
